/**
 * The shape of everything the sandbox persists, and the mutation records the write-ahead log carries.
 * Namespaces: `sys` (the tenant registry) and `t:<client_key>` (one per tenant: its data, clock, jobs, …).
 */

/** A snapshot body kept beside the data file (blobs.ts), as the log names it. */
export interface BlobRef {
  /** the body's name, relative to the blob directory */
  name: string
  bytes: number
  /** CRC-32 of the body, checked when it is read back */
  crc: number
}

/** One stored record; always a plain JSON object in the platform's snake_case. */
export type Doc = Record<string, unknown>
/** collection name → record id → record */
export type NamespaceData = Record<string, Record<string, Doc>>

/** The whole database as the snapshot file stores it (in memory the store holds it as Maps: live-state.ts). */
export interface DbState {
  /** format version of the data file */
  version: 2
  /** sequence number of the last mutation batch folded into this state */
  seq: number
  /** namespace → collections */
  namespaces: Record<string, NamespaceData>
}

/**
 * A single mutation. Batches of these are appended to the log, one JSON line per batch. `body` replaces a
 * namespace with a body kept beside the data file (a control-plane snapshot restored, blobs.ts): the log holds
 * its name, length and CRC-32, not its records; the body is kept while a log names it.
 */
export type Op =
  | { o: 'put'; n: string; c: string; k: string; v: Doc }
  | { o: 'del'; n: string; c: string; k: string }
  | { o: 'ns'; n: string; v: NamespaceData | null }
  | { o: 'body'; n: string; b: BlobRef }

export const STATE_VERSION = 2
export const EMPTY_STATE = (): DbState => ({ version: STATE_VERSION, seq: 0, namespaces: {} })

/** A JSON object (not null, not an array). */
export const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

/**
 * Where a namespace map breaks the shape namespace → collection → id → record (objects all the way), or
 * undefined. Checks in place without copying, so keys such as "__proto__" stay the own keys JSON.parse made.
 */
function namespaceProblem(ns: unknown, at: string): string | undefined {
  if (!isObject(ns)) return `${at} is not an object`
  for (const c of Object.keys(ns)) {
    const coll = ns[c]
    if (!isObject(coll)) return `${at}/${c} is not an object`
    for (const k of Object.keys(coll)) if (!isObject(coll[k])) return `record ${at}/${c}/${k} is not an object`
  }
  return undefined
}

/** What makes a parsed snapshot not a sandbox data file of this version, or undefined. */
export function stateProblem(x: unknown): string | undefined {
  if (!isObject(x))
    return `it holds ${x === null ? 'null' : Array.isArray(x) ? 'an array' : `a ${typeof x}`}, not a sandbox data object`
  if (x.version !== STATE_VERSION)
    return `it is not a sandbox data file of version ${STATE_VERSION} (version: ${JSON.stringify(x.version) ?? 'missing'})`
  if (typeof x.seq !== 'number' || !Number.isInteger(x.seq) || x.seq < 0) return 'its seq is not a non-negative integer'
  if (!isObject(x.namespaces)) return 'its namespaces is not an object'
  for (const n of Object.keys(x.namespaces)) {
    const p = namespaceProblem(x.namespaces[n], n)
    if (p) return p
  }
  return undefined
}

const isStr = (x: unknown): x is string => typeof x === 'string'

function isOp(x: unknown): x is Op {
  if (!isObject(x) || !isStr(x.n)) return false
  if (x.o === 'put') return isStr(x.c) && isStr(x.k) && isObject(x.v)
  if (x.o === 'del') return isStr(x.c) && isStr(x.k)
  if (x.o === 'body') return isBlobRef(x.b)
  return x.o === 'ns' && (x.v === null || namespaceProblem(x.v, x.n) === undefined)
}

const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0

function isBlobRef(x: unknown): x is BlobRef {
  return isObject(x) && isStr(x.name) && !x.name.split('/').includes('..') && isCount(x.bytes) && isCount(x.crc)
}

/** Whether a parsed log record holds a batch (checked in place, nothing copied). */
export function isBatch(x: unknown): x is { s: number; ops: Op[] } {
  return isObject(x) && Number.isInteger(x.s) && (x.s as number) > 0 && Array.isArray(x.ops) && x.ops.every(isOp)
}

/** Sets an own property, also for the key "__proto__" (which plain assignment would take as the prototype). */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true })
  else obj[key] = value
}

/** Raised when the data file cannot be opened; start-up stops with this message. */
export class StoreOpenError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    advice = 'The sandbox never replaces a file it cannot read; fix or move it, or start with --memory.',
  ) {
    super(`cannot open data file ${path}: ${reason}. ${advice}`)
    this.name = 'StoreOpenError'
  }
}
