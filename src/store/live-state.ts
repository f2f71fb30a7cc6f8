/**
 * The state as the store holds it in memory: namespace → collection → id → record in `Map`s. The data file keeps
 * the plain-object form (`DbState`, state.ts); a snapshot is turned into this once, at start-up.
 *
 * Why Maps: V8 keeps an object with hundreds of thousands of keys in dictionary mode, where listing its keys
 * (`Object.keys`, `for…in`) sorts them all in one uninterruptible call — 55–95 ms for a 300k-record
 * collection, a pause for every request while a compaction starts serialising it. A Map's iterator walks its
 * entries lazily, so the snapshot writer can stop after any record and let requests in (snapshot-writer.ts);
 * `size` is constant time too. Map keys are never prototype keys, so ids such as "__proto__" need no care here.
 */
import { setOwn, STATE_VERSION, type DbState, type Doc, type NamespaceData, type Op } from './state.js'

/** collection name → record id → record */
export type LiveNamespace = Map<string, Map<string, Doc>>

/** The whole database in memory. */
export interface LiveState {
  version: typeof STATE_VERSION
  /** sequence number of the last mutation batch applied */
  seq: number
  /** namespace → collections */
  namespaces: Map<string, LiveNamespace>
}

export const emptyLiveState = (): LiveState => ({ version: STATE_VERSION, seq: 0, namespaces: new Map() })

/** The Map form of a namespace's plain data (records are shared, not copied). */
export function liveNamespace(data: NamespaceData): LiveNamespace {
  const ns: LiveNamespace = new Map()
  for (const c of Object.keys(data)) {
    const plain = data[c]!
    const coll = new Map<string, Doc>()
    for (const k of Object.keys(plain)) coll.set(k, plain[k]!)
    ns.set(c, coll)
  }
  return ns
}

/** The plain-object form of a namespace (records are shared, not copied; "__proto__" stays an own key). */
export function plainNamespace(ns: LiveNamespace): NamespaceData {
  const data: NamespaceData = {}
  for (const [c, coll] of ns) {
    const plain: Record<string, Doc> = {}
    for (const [k, v] of coll) setOwn(plain, k, v)
    setOwn(data, c, plain)
  }
  return data
}

/** The in-memory form of a data file's state. */
export function liveState(state: DbState): LiveState {
  const live = emptyLiveState()
  live.seq = state.seq
  for (const n of Object.keys(state.namespaces)) live.namespaces.set(n, liveNamespace(state.namespaces[n]!))
  return live
}

/** Applies one op to the live state in place (`body`: the namespace a `body` op names, read from its file). */
export function applyOp(state: LiveState, op: Op, body?: LiveNamespace): void {
  if (op.o === 'ns') {
    if (op.v === null) state.namespaces.delete(op.n)
    else state.namespaces.set(op.n, liveNamespace(op.v))
    return
  }
  if (op.o === 'body') {
    if (!body) throw new Error(`the body ${op.b.name} of namespace ${op.n} was not read`)
    state.namespaces.set(op.n, body)
    return
  }
  let ns = state.namespaces.get(op.n)
  if (!ns) state.namespaces.set(op.n, (ns = new Map()))
  let coll = ns.get(op.c)
  if (op.o === 'put') {
    if (!coll) ns.set(op.c, (coll = new Map()))
    coll.set(op.k, op.v)
  } else coll?.delete(op.k)
}
