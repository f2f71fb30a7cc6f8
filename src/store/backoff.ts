/** Retry timing for the store's failed log writes and compactions. */

/** Waits before trying a failed log write again: the first, doubled each time up to the last (ms). */
export const WRITE_RETRY_MS = { first: 100, max: 5_000 }
/** Waits before trying a failed compaction again: the first, doubled each time up to the last (ms). */
export const COMPACT_RETRY_MS = { first: 2_000, max: 60_000 }

/** How long to wait before each retry (tests make it short). */
export interface RetryTimes {
  write?: { first: number; max: number }
  compaction?: { first: number; max: number }
}

/** A timer that calls `run` after a wait that doubles on each arming, until `reset`. */
export class Backoff {
  private timer: NodeJS.Timeout | undefined
  private wait: number

  constructor(
    private readonly times: { first: number; max: number },
    private readonly run: () => void,
  ) {
    this.wait = times.first
  }

  get armed(): boolean {
    return this.timer !== undefined
  }

  /** Arms the timer (unless armed); returns the wait in ms. */
  arm(): number {
    const wait = this.wait
    if (this.timer) return wait
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.run()
    }, wait)
    this.timer.unref()
    this.wait = Math.min(this.wait * 2, this.times.max)
    return wait
  }

  reset(): void {
    this.cancel()
    this.wait = this.times.first
  }

  cancel(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }
}
