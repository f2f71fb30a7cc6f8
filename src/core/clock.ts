/**
 * Virtual time. Each tenant has one clock: real time plus an offset, or frozen at an instant.
 * `systemTime` is the only place in the code base that reads the machine's time.
 */

/** Milliseconds since the epoch of the real world. */
export type RealTime = () => number

/** The machine's time. Everything else asks a VirtualClock. */
export const systemTime: RealTime = () => Date.now()

/** Persisted state of one clock (stored in the tenant's `meta` collection). */
export interface ClockState {
  /** virtual = real + offset_ms while running */
  offset_ms: number
  /** when set, virtual time stands still at this instant (ms) */
  frozen_at_ms: number | null
}

/** Where a clock keeps its state: read fresh each time so a reset or restore is seen at once. */
export interface ClockStateHolder {
  get(): ClockState
  set(state: ClockState): void
}

/** A tenant's clock; all reads of "now" in domain code go through one of these. */
export class VirtualClock {
  constructor(
    private readonly real: RealTime,
    private readonly holder: ClockStateHolder,
  ) {}

  /** Virtual now in milliseconds. */
  nowMs(): number {
    const s = this.holder.get()
    return s.frozen_at_ms ?? this.real() + s.offset_ms
  }

  /** Virtual now in Unix seconds, the unit of the platform's wire. */
  now(): number {
    return Math.floor(this.nowMs() / 1000)
  }

  isFrozen(): boolean {
    return this.holder.get().frozen_at_ms !== null
  }

  /** Moves virtual time to `targetMs` (never backwards; callers check). */
  setMs(targetMs: number): void {
    const s = this.holder.get()
    if (s.frozen_at_ms !== null) this.holder.set({ ...s, frozen_at_ms: targetMs })
    else this.holder.set({ ...s, offset_ms: targetMs - this.real() })
  }

  /** Stops time at `atMs` (default: now). */
  freeze(atMs: number = this.nowMs()): void {
    this.holder.set({ offset_ms: 0, frozen_at_ms: atMs })
  }

  /** Lets time run again from the instant it was frozen at. */
  unfreeze(): void {
    const s = this.holder.get()
    if (s.frozen_at_ms === null) return
    this.holder.set({ offset_ms: s.frozen_at_ms - this.real(), frozen_at_ms: null })
  }

  /** The real instant (ms) at which virtual `virtualMs` arrives, or null when frozen. */
  realAt(virtualMs: number): number | null {
    const s = this.holder.get()
    return s.frozen_at_ms === null ? virtualMs - s.offset_ms : null
  }

  /** Clock state for the control plane. */
  describe(): { now: number; now_ms: number; frozen: boolean; offset_seconds: number; iso: string } {
    const s = this.holder.get()
    const nowMs = this.nowMs()
    return {
      now: Math.floor(nowMs / 1000),
      now_ms: nowMs,
      frozen: s.frozen_at_ms !== null,
      offset_seconds: s.frozen_at_ms === null ? Math.round(s.offset_ms / 1000) : 0,
      iso: new Date(nowMs).toISOString(),
    }
  }
}
