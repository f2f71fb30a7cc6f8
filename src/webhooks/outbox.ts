/**
 * Reading the tenant's outbox: which event of each entity is at the head of its line, which events are held
 * behind an earlier one, and the counts `GET /sandbox/webhooks` shows. Also keeps the outbox under its limit.
 */
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
