/** What the store needs from its persistence backend, and the promise plumbing of its batches. */
import type { Blobs } from './blobs.js'
import type { LiveState } from './live-state.js'
import type { SnapshotRepairReport } from './snapshot-repair.js'
import type { WriteAheadLog } from './wal.js'

/** What the store needs from a persistence backend (nothing, for the memory store). */
export interface Durability {
  log: WriteAheadLog
  /**
   * Durably writes a snapshot of the live state holding every batch up to `seq` (and maybe later ones, which the
   * log still has), without blocking the event loop; returns its size in bytes.
   */
  writeSnapshot(state: LiveState, seq: number): Promise<number>
  /** Releases the file lock. */
  release(): Promise<void>
  /** Told when a background compaction failed (the store goes on; it tries again after `retryMs`). */
  compactionFailed?(e: Error, retryMs: number): void
  /** what opening with `repair` left out of a damaged snapshot */
  snapshotRepaired?: SnapshotRepairReport
  /** where large bodies (control-plane snapshots) are kept */
  blobs?: Blobs
  /** bodies the log names (`body` ops not yet folded into the snapshot) → the last batch naming each */
  loggedBodies?: Map<string, number>
  /** snapshot size after the last compaction, in bytes */
  snapshotBytes: number
}

export interface Deferred {
  promise: Promise<void>
  resolve: () => void
  reject: (e: Error) => void
}

export function deferred(): Deferred {
  let resolve!: () => void
  let reject!: (e: Error) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.catch(() => undefined)
  return { promise, resolve, reject }
}

/** Thrown to callers of `sync()` when the disk refused a write. */
export class StoreWriteError extends Error {}

/** What a caller of `sync()` gets while the disk refuses the log's writes (they are retried in the background). */
export function writeRefused(e: Error): StoreWriteError {
  return new StoreWriteError(
    `${e.message}; the sandbox tries again every few seconds and goes on once the disk takes the write`,
  )
}
