/**
 * The background compaction: folds the log into a fresh snapshot while batches go on being appended and
 * answered. A compaction that fails (a full disk, a permission taken away) loses nothing — every batch is still
 * in the log — and is tried again later with a growing wait; the store never stops serving because of one.
 */
import { Backoff } from './backoff.js'
import type { Durability } from './durability.js'
import type { LiveState } from './live-state.js'

export class Compaction {
  private running: Promise<void> | undefined
  /** batch number at the last rotation: a snapshot retried after a failed compaction is labelled with it */
  private rotatedSeq = 0
  private readonly retry: Backoff
  /** set while closing: failures are not retried nor reported */
  closing = false
  /** why the last compaction failed; undefined once one succeeds */
  error: Error | undefined

  constructor(
    private readonly d: Durability,
    private readonly state: () => LiveState,
    times: { first: number; max: number },
    /** asks the store for a compaction between two appends (the retry) */
    ask: () => void,
    /** told once a snapshot holding every batch up to `seq` is in place and the log before it is gone */
    private readonly done: (seq: number) => void = () => undefined,
  ) {
    this.retry = new Backoff(times, ask)
  }

  /** True while a snapshot is being written. */
  get busy(): boolean {
    return this.running !== undefined
  }

  /** True while a failed compaction waits for its retry. */
  get waiting(): boolean {
    return this.retry.armed
  }

  /** Resolves once no compaction is running. */
  async settled(): Promise<void> {
    while (this.running) await this.running
  }

  cancelRetry(): void {
    this.retry.cancel()
  }

  /**
   * Rotates the log here, between two appends, then writes the snapshot in the background: batches go on being
   * appended (to the new log) and answered while it is written. `.old` is removed once the snapshot is in place.
   * After a failed one `.old` is still there: the snapshot is written again, as of that rotation (the new log
   * goes on from there), without rotating.
   */
  async start(): Promise<void> {
    const d = this.d
    this.retry.cancel()
    if (!d.log.hasOld) {
      if (d.log.size === 0) return // the snapshot already holds everything
      try {
        await d.log.rotate()
      } catch (e) {
        return this.failed(e as Error) // the log goes on in its file, as before
      }
      this.rotatedSeq = this.state().seq
    }
    const seq = this.rotatedSeq
    this.running = (async () => {
      d.snapshotBytes = await d.writeSnapshot(this.state(), seq)
      await d.log.dropOld()
    })().then(
      () => {
        this.running = undefined
        this.error = undefined
        this.retry.reset()
        this.done(seq)
      },
      (e: Error) => {
        this.running = undefined
        this.failed(e)
      },
    )
  }

  /** Every batch is still in the log (`.old` and the active file): nothing is lost; go on, and retry later. */
  private failed(e: Error): void {
    this.error = e
    if (!this.closing) this.d.compactionFailed?.(e, this.retry.arm())
  }
}
