/**
 * Sending events again by hand, and discarding them: the control plane's way out of a given-up event that holds
 * its entity's later events (src/webhooks/outbox.ts).
 */
import type { Store } from '../store/store.js'
import type { Tenant } from '../tenants/tenant.js'
import type { Dispatcher } from './dispatcher.js'
import { blockerOf, countDiscarded, viewNow, type OutboxEventView } from './outbox.js'
import { eventBlocked, noSuchDelivery, noSuchQueuedEvent, noWebhookUrl } from './webhooks.errors.js'
import { webhookData, webhookTargets, type DeliveryRecord, type OutboxEvent } from './webhooks.store.js'

/** Sends a logged attempt's event again, now, to the current URL; if it gets through, the event counts as delivered. */
export async function redeliverLogged(
  store: Store,
  dispatcher: Dispatcher,
  tenant: Tenant,
  deliveryId: string,
): Promise<DeliveryRecord> {
  const original = webhookData(tenant).deliveries.get(deliveryId)
  if (!original) throw noSuchDelivery(deliveryId)
  const { delivery } = await resend(store, dispatcher, tenant, { ...original, body: original.request.body })
  return delivery
}

/**
 * Sends an undelivered event now, once, to the current URL (same body and Msg-Id). On a 2xx it counts as
 * delivered and the entity's held events follow in order; otherwise it stays as it was, with the new error.
 * An event held behind an earlier one of its entity is refused: that one goes first.
 */
export async function redeliverQueued(
  store: Store,
  dispatcher: Dispatcher,
  tenant: Tenant,
  eventId: string,
): Promise<{ delivery: DeliveryRecord; event: OutboxEventView | null }> {
  const e = webhookData(tenant).outbox.get(eventId)
  if (!e) throw noSuchQueuedEvent(eventId)
  const blocker = blockerOf(tenant, e)
  if (blocker) throw eventBlocked(e, blocker)
  return resend(store, dispatcher, tenant, e)
}

/** Removes an undelivered event without sending it (counted as discarded); the entity's held events go on. */
export function discardQueued(dispatcher: Dispatcher, tenant: Tenant, eventId: string): OutboxEventView {
  const { outbox } = webhookData(tenant)
  const e = outbox.get(eventId)
  if (!e) throw noSuchQueuedEvent(eventId)
  const view = viewNow(tenant, e)
  outbox.delete(eventId)
  countDiscarded(tenant, e)
  dispatcher.poke(tenant)
  return view
}

type Sendable = Pick<OutboxEvent, 'event_id' | 'event' | 'msg_id' | 'entity_type' | 'entity_id' | 'body'>

/** One logged redelivery; a queued event it gets through leaves the outbox, one that fails keeps the new error. */
async function resend(
  store: Store,
  dispatcher: Dispatcher,
  tenant: Tenant,
  e: Sendable,
): Promise<{ delivery: DeliveryRecord; event: OutboxEventView | null }> {
  const target = webhookTargets(store).get(tenant.key)
  if (!target) throw noWebhookUrl()
  const { outbox, deliveries } = webhookData(tenant)
  const attempts = e.event_id ? deliveries.values().filter((d) => d.event_id === e.event_id).length : 0
  const sent = await dispatcher.send(tenant, e, target.url, attempts + 1, true)
  const queued = e.event_id ? outbox.get(e.event_id) : undefined
  if (!queued) return { delivery: sent.delivery, event: null }
  if (sent.ok) {
    outbox.delete(queued.event_id)
    dispatcher.poke(tenant) // the entity's next events may go now
    return { delivery: sent.delivery, event: null }
  }
  const after = outbox.put(queued.event_id, { ...queued, last_error: sent.error })
  return { delivery: sent.delivery, event: viewNow(tenant, after) }
}
