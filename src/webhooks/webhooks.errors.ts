/** Errors of the webhook control plane. */
import { invalidParams, platformError } from '../core/errors.js'

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
