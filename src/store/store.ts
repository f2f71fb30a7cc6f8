/**
 * The repository every domain reads and writes through. State lives in a lowdb `Low` (Memory adapter, or the
 * file store's snapshot-file.ts, with the log holding each batch in between), as Maps (live-state.ts); reads are synchronous from memory, mutations apply at once and are flushed in
 * coalesced batches. `sync()` resolves when every mutation made so far is durable; the HTTP layer awaits it
 * before answering, so an acknowledged request is never lost.
 */
import { Low, Memory } from 'lowdb'
import type { Doc, NamespaceData, Op } from './state.js'
import type { Batch } from './wal-format.js'
import { Backoff, COMPACT_RETRY_MS, WRITE_RETRY_MS, type RetryTimes } from './backoff.js'
import { Compaction } from './compaction.js'
import { applyOp, emptyLiveState, plainNamespace, type LiveNamespace } from './live-state.js'
import type { LiveState } from './live-state.js'
import { NamespaceBodies } from './bodies.js'
import { OpQueue } from './op-queue.js'
import { deferred, StoreWriteError, writeRefused, type Deferred, type Durability } from './durability.js'
import type { RepairReport } from './wal.js'
import type { SnapshotRepairReport } from './snapshot-repair.js'
import { IndexRegistry } from './seq-index.js'

export { StoreWriteError, type Durability } from './durability.js'

/** Compaction starts once the log is at least this big and bigger than the snapshot. */
const MIN_COMPACT_BYTES = 4 * 1024 * 1024
/** Closing folds the log into the snapshot only while both are this small (so a shutdown stays quick). */
const CLOSE_COMPACT_BYTES = 16 * 1024 * 1024
export class Store {
  /** the ops of the next batch */
  private readonly pending = new OpQueue()
  /** the batch gathering mutations, settled once it is on disk */
  private next: Deferred | undefined
  /** the batch being written, settled once it is on disk */
  private current: Deferred | undefined
  /** settles (never rejects) when the batch being written is done */
  private inFlight: Promise<void> | undefined
  private scheduled = false
  /** why the last log write failed; undefined once one succeeds (nothing is acknowledged meanwhile) */
  private failure: Error | undefined
  /** a batch whose write failed: written again, to the same place, before anything else */
  private unwritten: Batch | undefined
  private writeRetry: Backoff
  private compactNext = false
  /** the background compaction (file store only) */
  private readonly compaction: Compaction | undefined
  private closing = false
  /** number of batches flushed (for tests and the bench) */
  flushes = 0
  /** secondary indexes of collections, in memory only (seq-index.ts), kept in step by `record` */
  readonly indexes = new IndexRegistry((ns, coll) => this.state.namespaces.get(ns)?.get(coll) ?? [])
  /** control-plane snapshots of a namespace, kept beside the data file (bodies.ts) */
  readonly bodies: NamespaceBodies

  constructor(
    private readonly db: Low<LiveState>,
    private readonly durability?: Durability,
    retry: RetryTimes = {},
  ) {
    this.bodies = new NamespaceBodies(durability, {
      namespace: (ns) => this.state.namespaces.get(ns),
      install: (ns, body, live) => this.record({ o: 'body', n: ns, b: body }, live),
      sync: () => this.sync(),
    })
    this.writeRetry = new Backoff(retry.write ?? WRITE_RETRY_MS, () => this.flush(true))
    if (durability)
      this.compaction = new Compaction(
        durability,
        () => this.state,
        retry.compaction ?? COMPACT_RETRY_MS,
        () => {
          this.compactNext = true
          this.next ??= deferred()
          this.schedule()
        },
        (seq) => this.bodies.compacted(seq),
      )
  }

  /** What opening with `repair` dropped from a damaged log (undefined when nothing was repaired). */
  get repaired(): RepairReport | undefined {
    return this.durability?.log.repaired
  }

  /** What opening with `repair` left out of a damaged snapshot (undefined when nothing was repaired). */
  get snapshotRepaired(): SnapshotRepairReport | undefined {
    return this.durability?.snapshotRepaired
  }

  /** True when mutations are written to a file. */
  get persistent(): boolean {
    return this.durability !== undefined
  }

  private get state(): LiveState {
    return this.db.data
  }

  /** Reads one record. */
  get<T extends Doc>(ns: string, coll: string, id: string): T | undefined {
    return this.state.namespaces.get(ns)?.get(coll)?.get(id) as T | undefined
  }

  /** Every record of a collection, in insertion order. */
  values<T extends Doc>(ns: string, coll: string): T[] {
    const c = this.state.namespaces.get(ns)?.get(coll)
    return (c ? Array.from(c.values()) : []) as T[]
  }

  /** Every record id of a collection, in insertion order. */
  keys(ns: string, coll: string): string[] {
    const c = this.state.namespaces.get(ns)?.get(coll)
    return c ? Array.from(c.keys()) : []
  }

  /** Number of records in a collection. */
  count(ns: string, coll: string): number {
    return this.state.namespaces.get(ns)?.get(coll)?.size ?? 0
  }

  /** Inserts or replaces a record. Treat stored records as immutable: put a new object to change one. */
  put<T extends Doc>(ns: string, coll: string, id: string, doc: T): T {
    this.record({ o: 'put', n: ns, c: coll, k: id, v: doc })
    return doc
  }

  /** Removes a record; true when it existed. */
  delete(ns: string, coll: string, id: string): boolean {
    if (this.get(ns, coll, id) === undefined) return false
    this.record({ o: 'del', n: ns, c: coll, k: id })
    return true
  }

  /** A deep copy of a namespace (snapshots, reset). */
  exportNamespace(ns: string): NamespaceData {
    const live = this.state.namespaces.get(ns)
    return live ? structuredClone(plainNamespace(live)) : {}
  }

  /** Replaces (or, with null, drops) a whole namespace. */
  replaceNamespace(ns: string, data: NamespaceData | null): void {
    this.record({ o: 'ns', n: ns, v: data === null ? null : structuredClone(data) })
  }

  /** Names of every namespace. */
  namespaces(): string[] {
    return [...this.state.namespaces.keys()]
  }

  private record(op: Op, body?: LiveNamespace): void {
    this.bodies.changing(op)
    applyOp(this.state, op, body)
    if (op.o === 'ns' || op.o === 'body') this.indexes.dropNamespace(op.n)
    else this.indexes.changed(op.n, op.c, op.k, op.o === 'put' ? op.v : undefined)
    if (!this.durability) return
    this.pending.add(op)
    this.next ??= deferred()
    this.schedule()
  }

  /**
   * Resolves once every mutation made before the call is on disk; rejects while the disk refuses the log's
   * writes (the mutations stay in memory and are written by the retry, in order, once the disk takes them).
   */
  sync(): Promise<void> {
    if (this.failure) return Promise.reject(writeRefused(this.failure))
    return (this.next ?? this.current)?.promise ?? Promise.resolve()
  }

  /**
   * Starts a flush on the next turn, so that the mutations of everything handled in this one join the batch.
   * While a batch is being written nothing is scheduled: its completion sends what gathered meanwhile.
   */
  private schedule(): void {
    if (this.scheduled || this.inFlight) return
    this.scheduled = true
    setImmediate(() => this.flush())
  }

  /**
   * Writes what gathered as one batch. After a failed write it waits for the retry (`force`), which first
   * writes the failed batch again; the requests of a failed batch are refused, never acknowledged.
   */
  private flush(force = false): void {
    this.scheduled = false
    if (this.inFlight || !this.durability || (!this.next && !this.unwritten)) return
    if (this.failure && !force) {
      this.writeRetry.arm()
      return
    }
    const done = this.next ?? deferred()
    const ops = this.pending.take()
    this.next = undefined
    this.current = done
    this.inFlight = this.write(this.durability, ops).then(
      () => {
        this.flushes++
        this.failure = undefined
        this.writeRetry.reset()
        this.finish()
        done.resolve()
      },
      (e: Error) => {
        this.failure = e
        this.finish()
        done.reject(writeRefused(e))
        if (!this.closing) this.writeRetry.arm()
      },
    )
  }

  /** A batch is done: the one that gathered while it was written goes out at once (group commit). */
  private finish(): void {
    this.current = undefined
    this.inFlight = undefined
    if (this.next && !this.failure) this.flush()
  }

  /** Folds the log into the snapshot now (after a bulk load, on shutdown); resolves once it is done. */
  async compact(): Promise<void> {
    if (!this.durability) return
    if (this.compacting) await this.settled()
    const retrying = this.durability.log.hasOld // a failed compaction left its rotated log: that goes first
    await this.compactOnce()
    if (retrying) await this.compactOnce()
  }

  private async compactOnce(): Promise<void> {
    if (this.failure) return
    this.compactNext = true
    this.next ??= deferred()
    this.schedule()
    await this.sync()
    await this.settled()
    if (this.compactionError) throw new StoreWriteError(`compaction failed: ${this.compactionError.message}`)
  }

  /** True while a compaction runs in the background (for tests and the bench). */
  get compacting(): boolean {
    return this.compaction?.busy ?? false
  }

  /** Why the last compaction failed; undefined once one succeeds. */
  get compactionError(): Error | undefined {
    return this.compaction?.error
  }

  /** Resolves once no compaction nor the sweep after it is running (for tests and the bench). */
  async settled(): Promise<void> {
    await this.compaction?.settled()
    await this.bodies.sweeping
  }

  private async write(d: Durability, ops: Op[]): Promise<void> {
    if (this.unwritten) {
      await d.log.append(this.unwritten) // the same bytes to the same place: a torn first try is overwritten
      this.unwritten = undefined
    }
    if (ops.length > 0) {
      this.unwritten = { s: ++this.state.seq, ops }
      this.bodies.logging(this.unwritten)
      await d.log.append(this.unwritten)
      this.unwritten = undefined
    }
    const asked = this.compactNext // compact() or the retry; a compaction by size waits for a pending retry
    this.compactNext = false
    const due = asked || (d.log.size >= MIN_COMPACT_BYTES && d.log.size > d.snapshotBytes)
    const c = this.compaction!
    if (due && !c.busy && (asked || !c.waiting)) await c.start()
  }

  /** Flushes what is pending, lets a running compaction finish, and releases the files. */
  async close(): Promise<void> {
    this.closing = true
    if (this.compaction) this.compaction.closing = true
    this.writeRetry.cancel()
    this.compaction?.cancelRetry()
    while (this.next || this.inFlight || (this.unwritten && !this.failure)) {
      if (!this.inFlight) this.flush(true) // one last try after a failed write; then what is left is refused
      await this.inFlight
      if (this.failure) break
    }
    this.next?.reject(writeRefused(this.failure ?? new Error('the store is closed')))
    this.next = undefined
    await this.settled()
    const d = this.durability
    if (d) {
      // a compaction that fails here is not retried: the log still holds everything for the next start
      if (d.log.size > 0 && !this.failure && d.log.size + d.snapshotBytes <= CLOSE_COMPACT_BYTES)
        await this.compact().catch(() => undefined)
      await d.log.close()
      await d.release()
    }
  }
}

/** A store that keeps everything in memory (lowdb Memory adapter); nothing touches the disk. */
export async function openMemoryStore(initial: LiveState = emptyLiveState()): Promise<Store> {
  const db = new Low<LiveState>(new Memory<LiveState>(), initial)
  return new Store(db)
}
