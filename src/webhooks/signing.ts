/**
 * Signatures of outbound calls. Webhooks: X-Douyin-Signature = lowercase hex SHA-1(client_secret + raw body)
 * (developer.open-douyin.com …/dop/develop/webhooks/summarize; douyin-api.md §8).
 */
import { createHash } from 'node:crypto'

export function webhookSignature(clientSecret: string, rawBody: string): string {
  return createHash('sha1').update(clientSecret + rawBody, 'utf8').digest('hex')
}

/** A msg id stable for the same tenant, event, entity, action and occurrence (retries reuse it). */
export function stableMsgId(parts: readonly string[]): string {
  return createHash('sha1').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 32)
}
