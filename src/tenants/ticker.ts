/**
 * Lets real time drive the schedulers: one unref'd timer set for the earliest job of any running
 * (unfrozen) tenant clock. Frozen clocks only move through the control plane, but a job already due on a
 * frozen clock (scheduled "now", e.g. an SPI call after a purchase) runs at once.
 *
 * Tenants never wait for each other: a tenant whose run is still going (its job waits for a slow or hanging
 * webhook receiver) is left out of the timer until that run ends, and the timer is re-armed at once for the rest.
 */
import type { RealTime } from '../core/clock.js'
import type { Tenant } from './tenant.js'

const MAX_DELAY_MS = 2_147_483_647

export class Ticker {
  private timer: NodeJS.Timeout | undefined
  private queued = false
  private stopped = false
  /** tenants whose runDue has not finished yet */
  private readonly running = new Set<string>()

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
      if (this.running.has(t.key)) continue
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
    for (const t of this.tenants()) {
      if (this.running.has(t.key) || !this.isDue(t)) continue
      this.running.add(t.key)
      t.scheduler
        .runDue()
        .catch((e: unknown) => this.log(`scheduler of ${t.key}: ${(e as Error).message}`))
        .finally(() => {
          this.running.delete(t.key)
          this.poke()
        })
    }
    this.arm()
  }

  /** Whether the tenant's earliest job is due by its own clock. */
  private isDue(t: Tenant): boolean {
    const due = t.scheduler.nextDueMs()
    return due !== undefined && due <= t.clock.nowMs()
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
  }
}
