/**
 * Lets real time drive the schedulers: one unref'd timer set for the earliest job of any running
 * (unfrozen) tenant clock. Frozen clocks only move through the control plane, but a job already due on a
 * frozen clock (scheduled "now", e.g. an SPI call after a purchase) runs at once.
 */
import type { RealTime } from '../core/clock.js'
import type { Tenant } from './tenant.js'

const MAX_DELAY_MS = 2_147_483_647

export class Ticker {
  private timer: NodeJS.Timeout | undefined
  private queued = false
  private stopped = false

  constructor(
    private readonly realTime: RealTime,
    private readonly tenants: () => Tenant[],
    private readonly log: (msg: string) => void,
  ) {}

  /** Recomputes the timer soon (coalesced). */
  poke(): void {
    if (this.queued || this.stopped) return
    this.queued = true
    setImmediate(() => {
      this.queued = false
      this.arm()
    })
  }

  private arm(): void {
    if (this.stopped) return
    clearTimeout(this.timer)
    let earliest = Infinity
    for (const t of this.tenants()) {
      const due = t.scheduler.nextDueMs()
      if (due === undefined) continue
      const real = t.clock.realAt(due) ?? (due <= t.clock.nowMs() ? this.realTime() : null)
      if (real !== null && real < earliest) earliest = real
    }
    if (earliest === Infinity) return
    const delay = Math.min(Math.max(0, earliest - this.realTime()), MAX_DELAY_MS)
    this.timer = setTimeout(() => this.fire(), delay)
    this.timer.unref()
  }

  private fire(): void {
    const runs = this.tenants().map((t) =>
      t.scheduler.runDue().catch((e: unknown) => this.log(`scheduler of ${t.key}: ${(e as Error).message}`)),
    )
    void Promise.all(runs).then(() => this.arm())
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
  }
}
