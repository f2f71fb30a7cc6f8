/**
 * The platform's two signatures, for a merchant's own servers and tests:
 * webhooks carry `X-Douyin-Signature` = lowercase hex SHA-1(client_secret + raw body);
 * SPI calls carry `x-life-sign` = lowercase hex SHA-256 of `client_secret&k1=v1&k2=v2…&http_body=<raw body>`, the
 * query parameters other than `sign` sorted by name.
 * @example
 * if (!verifyWebhookSignature({ clientSecret, body: rawBody, signature: req.headers['x-douyin-signature'] })) res.statusCode = 401
 */
import { timingSafeEqual } from 'node:crypto'
import { spiSignature, webhookSignature } from '../webhooks/signing.js'

export { spiSignature, webhookSignature }

/** A query string, URLSearchParams or plain object as the sorted-by-name record spiSignature signs. */
function queryRecord(query: string | URLSearchParams | Record<string, string>): Record<string, string> {
  return typeof query === 'string' || query instanceof URLSearchParams
    ? Object.fromEntries(new URLSearchParams(query))
    : query
}

function same(expected: string, got: string | string[] | undefined | null): boolean {
  if (typeof got !== 'string') return false
  const a = Buffer.from(expected)
  const b = Buffer.from(got.toLowerCase())
  return a.length === b.length && timingSafeEqual(a, b)
}

/** True when `signature` (the X-Douyin-Signature header) matches the raw body under the tenant's secret. */
export function verifyWebhookSignature(input: {
  clientSecret: string
  body: string
  signature: string | string[] | undefined | null
}): boolean {
  return same(webhookSignature(input.clientSecret, input.body), input.signature)
}

/** True when `sign` (the x-life-sign header) matches the SPI call's query and raw body under the tenant's secret. */
export function verifySpiSignature(input: {
  clientSecret: string
  query: string | URLSearchParams | Record<string, string>
  body: string
  sign: string | string[] | undefined | null
}): boolean {
  return same(spiSignature(input.clientSecret, queryRecord(input.query), input.body), input.sign)
}
