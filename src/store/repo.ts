/**
 * A namespace's view of the store: typed collections that domain `*.store.ts` files build on.
 */
import type { Doc } from './state.js'
import type { Store } from './store.js'

/** One collection of records keyed by id. */
export class Collection<T extends Doc> {
  constructor(
    private readonly store: Store,
    private readonly ns: string,
    readonly name: string,
  ) {}

  get(id: string): T | undefined {
    return this.store.get<T>(this.ns, this.name, id)
  }

  /** Inserts or replaces; put a new object to change a record (stored objects are shared). */
  put(id: string, doc: T): T {
    return this.store.put(this.ns, this.name, id, doc)
  }

  delete(id: string): boolean {
    return this.store.delete(this.ns, this.name, id)
  }

  values(): T[] {
    return this.store.values<T>(this.ns, this.name)
  }

  count(): number {
    return this.store.count(this.ns, this.name)
  }
}

/** The collections of one namespace. */
export class Repo {
  constructor(
    readonly store: Store,
    readonly ns: string,
  ) {}

  collection<T extends Doc>(name: string): Collection<T> {
    return new Collection<T>(this.store, this.ns, name)
  }
}
