/** Errors of the webhook control plane. */
import { invalidParams, platformError } from '../core/errors.js'
import type { OutboxEvent } from './webhooks.store.js'

export const badWebhookUrl = (url: string) =>
  invalidParams(`url must be an absolute http:// or https:// URL, got "${url}"`)
export const challengeFailed = (url: string, expected: number, what: string) =>
  platformError(
    'BUSINESS',
    `webhook URL ${url} did not pass the challenge: expected a reply {"challenge":${expected}}, got ${what}. Answer the challenge, or register with ?skip_challenge=true`,
  )
export const noSuchDelivery = (id: string) =>
  platformError('NOT_FOUND', `no delivery ${id} (GET /sandbox/webhooks/deliveries lists them)`)
export const noWebhookUrl = () =>
  platformError('STATE_CONFLICT', 'no webhook URL is registered (PUT /sandbox/webhooks)')
export const badEventContent = (event: string, detail: string) =>
  invalidParams(`content does not fit event ${event}: ${detail}`)
export const noSuchQueuedEvent = (id: string) =>
  platformError(
    'NOT_FOUND',
    `no undelivered event ${id} (GET /sandbox/webhooks/outbox lists them; a delivered one is in GET /sandbox/webhooks/deliveries)`,
  )
export const eventBlocked = (e: OutboxEvent, blocker: OutboxEvent) =>
  platformError(
    'STATE_CONFLICT',
    `${e.event_id} waits behind ${blocker.event_id} (${blocker.event}, ${blocker.status === 'failed' ? 'given up' : 'pending'}) of ${e.entity_type} ${e.entity_id}; events of one entity go in order: redeliver or discard ${blocker.event_id} first`,
  )
