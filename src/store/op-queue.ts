/**
 * The mutations gathered for the store's next batch, keyed by what they change: a burst touching one record
 * writes it once (its last value), and replacing a whole namespace drops the changes queued for it before.
 */
import type { Op } from './state.js'

export class OpQueue {
  private readonly ops = new Map<string, Op>()

  add(op: Op): void {
    const whole = op.o === 'ns' || op.o === 'body'
    if (whole) for (const k of this.ops.keys()) if (k === op.n || k.startsWith(`${op.n}\u0000`)) this.ops.delete(k)
    const key = whole ? op.n : `${op.n}\u0000${op.c}\u0000${op.k}`
    this.ops.delete(key) // queued again at the end: the batch keeps the order of the last changes
    this.ops.set(key, op)
  }

  /** The queued ops, in order; the queue is empty after. */
  take(): Op[] {
    const ops = [...this.ops.values()]
    this.ops.clear()
    return ops
  }
}
