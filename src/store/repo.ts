/**
 * A namespace's view of the store: collections typed by a name → record map, so `collection('certificates')`
 * knows its record type and a misspelt field does not compile. Domain `*.store.ts` files build on it.
 */
import type { IndexSpec, SeqIndex } from './seq-index.js'
import type { Doc } from './state.js'
import type { Store } from './store.js'

/** One collection of records keyed by id. */
export class Collection<T extends object> {
  constructor(
    private readonly store: Store,
    private readonly ns: string,
    readonly name: string,
  ) {}

  get(id: string): T | undefined {
    return this.store.get(this.ns, this.name, id) as T | undefined
  }

  /** Inserts or replaces; put a new object to change a record (stored objects are shared). */
  put(id: string, doc: T): T {
    this.store.put(this.ns, this.name, id, doc as unknown as Doc)
    return doc
  }

  delete(id: string): boolean {
    return this.store.delete(this.ns, this.name, id)
  }

  values(): T[] {
    return this.store.values(this.ns, this.name) as unknown as T[]
  }

  keys(): string[] {
    return this.store.keys(this.ns, this.name)
  }

  count(): number {
    return this.store.count(this.ns, this.name)
  }

  /** The collection's index `spec` (seq-index.ts): built on first use, kept in step with every write. */
  index(spec: IndexSpec<T>): SeqIndex<T> {
    return this.store.indexes.of(this.ns, this.name, spec)
  }
}

/** The collections of one namespace; `M` maps each collection name to its record type. */
export class Repo<M extends { [K in keyof M]: object }> {
  constructor(
    readonly store: Store,
    readonly ns: string,
  ) {}

  collection<K extends keyof M & string>(name: K): Collection<M[K]> {
    return new Collection<M[K]>(this.store, this.ns, name)
  }
}
