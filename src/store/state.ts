/**
 * The shape of everything the sandbox persists, and the mutation records the write-ahead log carries.
 * Namespaces: `sys` (the tenant registry) and `t:<client_key>` (one per tenant: its data, clock, jobs, …).
 */
import { z } from 'zod'

/** One stored record; always a plain JSON object in the platform's snake_case. */
export type Doc = Record<string, unknown>
/** collection name → record id → record */
export type NamespaceData = Record<string, Record<string, Doc>>

/** The whole database as lowdb holds it and the snapshot file stores it. */
export interface DbState {
  /** format version of the data file */
  version: 1
  /** sequence number of the last mutation batch folded into this state */
  seq: number
  /** namespace → collections */
  namespaces: Record<string, NamespaceData>
}

/** A single mutation. Batches of these are appended to the log, one JSON line per batch. */
export type Op =
  | { o: 'put'; n: string; c: string; k: string; v: Doc }
  | { o: 'del'; n: string; c: string; k: string }
  | { o: 'ns'; n: string; v: NamespaceData | null }

export const EMPTY_STATE = (): DbState => ({ version: 1, seq: 0, namespaces: {} })

const docSchema = z.record(z.string(), z.unknown())
const namespaceSchema = z.record(z.string(), z.record(z.string(), docSchema))

/** Validates a snapshot read from disk. */
export const dbStateSchema = z.object({
  version: z.literal(1),
  seq: z.number().int().nonnegative(),
  namespaces: z.record(z.string(), namespaceSchema),
})

/** Validates one log line. */
export const batchSchema = z.object({
  s: z.number().int().positive(),
  ops: z.array(
    z.discriminatedUnion('o', [
      z.object({ o: z.literal('put'), n: z.string(), c: z.string(), k: z.string(), v: docSchema }),
      z.object({ o: z.literal('del'), n: z.string(), c: z.string(), k: z.string() }),
      z.object({ o: z.literal('ns'), n: z.string(), v: namespaceSchema.nullable() }),
    ]),
  ),
})

/**
 * An own property of a record map, never an inherited one: ids such as "constructor" or "__proto__" are
 * ordinary keys here (found by fuzzing).
 */
export function own<T>(obj: Record<string, T> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined
}

/** Sets an own property, also for the key "__proto__" (which plain assignment would take as the prototype). */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true })
  else obj[key] = value
}

/** Applies one op to a state in place. */
export function applyOp(state: DbState, op: Op): void {
  if (op.o === 'ns') {
    if (op.v === null) delete state.namespaces[op.n]
    else setOwn(state.namespaces, op.n, op.v)
    return
  }
  let ns = own(state.namespaces, op.n)
  if (!ns) setOwn(state.namespaces, op.n, (ns = {}))
  let coll = own(ns, op.c)
  if (op.o === 'put') {
    if (!coll) setOwn(ns, op.c, (coll = {}))
    setOwn(coll, op.k, op.v)
  } else if (coll && Object.hasOwn(coll, op.k)) delete coll[op.k]
}

/** Raised when the data file cannot be opened; start-up stops with this message. */
export class StoreOpenError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot open data file ${path}: ${reason}. The sandbox never replaces a file it cannot read; fix or move it, or start with --memory.`)
    this.name = 'StoreOpenError'
  }
}
