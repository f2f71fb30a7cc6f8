/**
 * Reading the tenant's outbox: which event of each entity is at the head of its line, which events are held
 * behind an earlier one, and the counts `GET /sandbox/webhooks` shows. Also keeps the outbox under its limit.
 */
import type { IndexSpec } from '../store/seq-index.js'
import type { Tenant } from '../tenants/tenant.js'
import { webhookData, type OutboxEvent } from './webhooks.store.js'

/**
 * How an undelivered event stands: `pending` (will be sent or retried on its own), `blocked` (held behind an
 * earlier undelivered event of the same entity, `blocked_by`), `failed` (given up; it holds the entity's later
 * events until it is redelivered or discarded).
 */
export type OutboxStatus = 'pending' | 'blocked' | 'failed'

export interface OutboxEventView extends Omit<OutboxEvent, 'status' | 'given_up_at' | 'given_up_reason'> {
  status: OutboxStatus
  /** the earlier undelivered event of the same entity this one waits for */
  blocked_by: string | null
  given_up_at: number | null
  given_up_reason: string | null
}

const entityKey = (e: Pick<OutboxEvent, 'entity_type' | 'entity_id'>) => `${e.entity_type}:${e.entity_id}`

/**
 * The outbox in memory, kept in step with every write by the store: each entity's undelivered events in order
 * (its head is the first), and the pending events in order with their next attempt times. A delivery pass reads the due heads from it in time
 * proportional to the pending events, not to the whole outbox (which grows while the receiver is down).
 */
const DELIVERY_INDEX: IndexSpec<OutboxEvent> = {
  name: 'delivery',
  buckets: (e) => (e.status === 'pending' ? [entityBucket(e), 'pending'] : [entityBucket(e)]),
  seq: (e) => e.seq,
  time: (e) => e.next_attempt_at_ms,
}

/** Stored records are never changed in place, so a record's bucket name can be kept with it (and its hash too). */
const BUCKET = new WeakMap<OutboxEvent, string>()
function entityBucket(e: OutboxEvent): string {
  let b = BUCKET.get(e)
  if (b === undefined) BUCKET.set(e, (b = `entity:${entityKey(e)}`))
  return b
}

/**
 * The events whose turn it is at `nowMs`, oldest first: pending, due, and the oldest undelivered event of their
 * entity (a given-up head holds everything behind it). Events in `skip` are left out.
 */
export function dueHeads(t: Tenant, nowMs: number, skip: ReadonlySet<string>): OutboxEvent[] {
  const { outbox } = webhookData(t)
  const index = outbox.index(DELIVERY_INDEX)
  const pending = index.list('pending')
  const due: OutboxEvent[] = []
  for (let i = 0; i < pending.size; i++) {
    if (pending.times[i]! > nowMs) continue // the common case while retries wait: no record read
    const id = pending.ids[i]!
    const e = outbox.get(id)
    if (!e || skip.has(id)) continue
    if (index.list(entityBucket(e)).ids[0] === id) due.push(e)
  }
  return due
}

/** Undelivered events, oldest first. */
export function queuedEvents(t: Tenant): OutboxEvent[] {
  return webhookData(t)
    .outbox.values()
    .sort((a, b) => a.seq - b.seq)
}

/** The oldest undelivered event of each entity (pending or given up): the only one that may be sent. */
export function entityHeads(events: OutboxEvent[]): Map<string, OutboxEvent> {
  const heads = new Map<string, OutboxEvent>()
  for (const e of events) if (!heads.has(entityKey(e))) heads.set(entityKey(e), e)
  return heads
}

/** The event `e` waits for (the head of its entity), or undefined when `e` is the head. */
export function blockerOf(t: Tenant, e: OutboxEvent): OutboxEvent | undefined {
  const head = entityHeads(queuedEvents(t)).get(entityKey(e))
  return head && head.event_id !== e.event_id ? head : undefined
}

/** An event as the control plane shows it, judged against the outbox as it is now. */
export function viewNow(t: Tenant, e: OutboxEvent): OutboxEventView {
  return viewOf(e, blockerOf(t, e) ?? e)
}

/** Every undelivered event, oldest first, with its status and what holds it. */
export function outboxView(t: Tenant): OutboxEventView[] {
  const events = queuedEvents(t)
  const heads = entityHeads(events)
  return events.map((e) => viewOf(e, heads.get(entityKey(e))))
}

/** One event as the control plane shows it, given the head of its entity. */
export function viewOf(e: OutboxEvent, head: OutboxEvent | undefined): OutboxEventView {
  const blocker = head && head.event_id !== e.event_id ? head.event_id : null
  return {
    ...e,
    status: e.status === 'failed' ? 'failed' : blocker ? 'blocked' : 'pending',
    blocked_by: blocker,
    given_up_at: e.given_up_at ?? null,
    given_up_reason: e.given_up_reason ?? null,
  }
}

/** How many events are pending, blocked or given up, and how many were dropped or discarded. */
export function outboxCounts(t: Tenant) {
  const byStatus = { pending: 0, blocked: 0, failed: 0 }
  for (const e of outboxView(t)) byStatus[e.status]++
  const { dropped } = webhookData(t)
  return {
    pending_events: byStatus.pending,
    blocked_events: byStatus.blocked,
    failed_events: byStatus.failed,
    dropped_events: dropped.get('outbox')?.events ?? 0,
    discarded_events: dropped.get('discarded')?.events ?? 0,
  }
}

/** Counts an event discarded through the control plane. */
export function countDiscarded(t: Tenant, e: OutboxEvent): void {
  const { dropped } = webhookData(t)
  dropped.put('discarded', { events: (dropped.get('discarded')?.events ?? 0) + 1, last_event_id: e.event_id })
}

/**
 * Keeps the outbox at `limit` events by dropping the oldest (counted in `GET /sandbox/webhooks`). Checked on
 * every tenth of the limit's emissions, so it may hold up to 10 % more in between: counting on every emit
 * would cost as much as the purchase itself. Without it, a tenant that never registers a URL grows forever.
 */
export function trimOutbox(t: Tenant, limit: number): void {
  const { outbox, dropped } = webhookData(t)
  const events = outbox.values()
  if (events.length <= limit) return
  const oldest = events.sort((a, b) => a.seq - b.seq).slice(0, events.length - limit)
  for (const e of oldest) outbox.delete(e.event_id)
  const before = dropped.get('outbox')?.events ?? 0
  dropped.put('outbox', { events: before + oldest.length, last_event_id: oldest[oldest.length - 1]!.event_id })
}
