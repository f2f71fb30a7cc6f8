/**
 * Signatures of outbound calls. Webhooks: X-Douyin-Signature = lowercase hex SHA-1(client_secret + raw body)
 * (developer.open-douyin.com …/dop/develop/webhooks/summarize; douyin-api.md §8).
 */
import { createHash } from 'node:crypto'

/** X-Douyin-Signature of a webhook body. */
export function webhookSignature(clientSecret: string, rawBody: string): string {
  return createHash('sha1')
    .update(clientSecret + rawBody, 'utf8')
    .digest('hex')
}

/**
 * A msg id: a hash of its parts. Webhooks hash tenant, event, entity and action, so the same action on the same
 * entity has the same id (trade.certificate.notify: 同一实体下同一action的msg_id相同).
 */
export function stableMsgId(parts: readonly string[]): string {
  return createHash('sha1').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 32)
}

/**
 * SPI signature (x-life-sign): lowercase hex SHA-256 of
 * `client_secret&k1=v1&k2=v2…&http_body=<raw body>` with the URL query params sorted by key, `sign` excluded
 * (developer.open-douyin.com …/OpenAPI/preparation/signruleintroduce; douyin-api.md §7.1).
 */
export function spiSignature(clientSecret: string, query: Record<string, string>, rawBody: string): string {
  const params = Object.keys(query)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}=${query[k]}`)
  return createHash('sha256')
    .update([clientSecret, ...params, `http_body=${rawBody}`].join('&'), 'utf8')
    .digest('hex')
}
