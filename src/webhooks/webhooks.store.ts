/**
 * Stored shapes of webhook delivery. The target URL is app configuration (sys/webhook_targets, kept across
 * a tenant reset, like the credentials); the outbox and the delivery log are tenant data.
 */
import type { Store } from '../store/store.js'
import type { Tenant } from '../tenants/tenant.js'
import { sysRepo } from '../tenants/collections.js'

/** sys/webhook_targets: client_key → WebhookTarget */
export interface WebhookTarget {
  client_key: string
  url: string
  /** virtual time of registration, seconds */
  registered_at: number
  challenge_skipped: boolean
}

/**
 * t:<key>/outbox: event_id → an event not yet delivered (pending) or given up (failed). A given-up event stays
 * until it is redelivered or discarded, and holds the later events of its entity (src/webhooks/outbox.ts).
 */
export interface OutboxEvent {
  event_id: string
  /** emission order within the tenant */
  seq: number
  event: string
  entity_type: string
  entity_id: string
  msg_id: string
  /** the exact JSON body sent on every attempt */
  body: string
  status: 'pending' | 'failed'
  /** attempts made so far */
  attempts: number
  /** virtual ms before which it is not tried (retry backoff) */
  next_attempt_at_ms: number
  created_at: number
  last_error: string | null
  /** virtual time it was given up, seconds (absent in data written before it was recorded) */
  given_up_at?: number | null
  /** why it was given up: attempts made and the schedule they followed */
  given_up_reason?: string | null
}

/** t:<key>/deliveries: delivery_id → one attempt, as `GET /sandbox/webhooks/deliveries` shows it */
export interface DeliveryRecord {
  delivery_id: string
  seq: number
  event_id: string
  event: string
  msg_id: string
  entity_type: string
  entity_id: string
  url: string
  attempt: number
  redelivery: boolean
  request: { method: 'POST'; headers: Record<string, string>; body: string }
  /** HTTP status of the reply, null when none came */
  status: number | null
  response_excerpt: string
  latency_ms: number
  error: string | null
  outcome: 'delivered' | 'failed'
  /** after a failed webhook attempt: virtual time of the automatic retry, seconds; null when none follows */
  retry_at?: number | null
  /** this failed attempt was the last automatic one: the event was given up */
  given_up?: boolean
  /** virtual time of the attempt, seconds */
  virtual_time: number
  /** real time of the attempt, ISO-8601 */
  real_time: string
}

export function webhookTargets(store: Store) {
  return sysRepo(store).collection('webhook_targets')
}

export function webhookData(tenant: Tenant) {
  return {
    outbox: tenant.repo.collection('outbox'),
    deliveries: tenant.repo.collection('deliveries'),
    /**
     * "outbox" → events dropped from a full outbox (settings.outbox_limit), the oldest first;
     * "discarded" → given-up or held events discarded through the control plane
     */
    dropped: tenant.repo.collection('outbox_dropped'),
  }
}
