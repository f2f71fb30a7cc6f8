/** The webhooks' collections: per tenant, and in the shared namespace (src/sandbox.ts merges them into the maps). */
import type { DeliveryRecord, OutboxEvent, WebhookTarget } from './webhooks.store.js'

export interface WebhookCollections {
  /** event_id → an event not yet delivered */
  outbox: OutboxEvent
  /** delivery_id → one delivery attempt */
  deliveries: DeliveryRecord
  /** "outbox" → events dropped by the outbox limit; "discarded" → events discarded through the control plane */
  outbox_dropped: { events: number; last_event_id: string }
}

export interface WebhookSysCollections {
  /** client_key → the tenant's webhook URL */
  webhook_targets: WebhookTarget
}
