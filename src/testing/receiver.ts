/**
 * A merchant's side for tests: a real HTTP server that receives the platform's webhooks and SPI calls, answers
 * the webhook challenge, checks every signature against the secrets it trusts, records what arrives and lets a
 * test await an event. SPI calls are answered from a script (defaults: accept, issue codes at once).
 * @example
 * const receiver = await startReceiver()
 * receiver.trust(tenant.client_key, tenant.client_secret)
 * await client.setWebhook(receiver.url)
 * const hook = await receiver.waitFor('life_trade_certificate_notify')
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verifySpiSignature, verifyWebhookSignature } from './signatures.js'

export interface Arrival {
  path: string
  headers: IncomingHttpHeaders
  /** the raw body */
  body: string
  json: Record<string, unknown>
  /** webhook event name (`event`), or the SPI name for SPI calls */
  event: string
  /** a webhook's `content`, parsed from its JSON string ({} for SPI calls and the challenge) */
  content: Record<string, unknown>
  /** the signature matched the secret trusted for the sender's client_key */
  signature_ok: boolean
}

export interface SpiReply {
  status: number
  body?: object
}

export interface Receiver {
  /** the webhook URL to register (PUT /sandbox/webhooks) */
  url: string
  /** base of the SPI URLs: `${spiBase}/pre_create_order`, `/issue_code`, `/refund_apply`, `/refund_notice` */
  spiBase: string
  arrivals: Arrival[]
  /** the secret of a tenant, to check its signatures */
  trust(clientKey: string, secret: string): void
  /** the next replies of an SPI, in order; the defaults afterwards */
  script(spi: string, replies: SpiReply[]): void
  /** arrivals whose signature did not match */
  badSignatures(): Arrival[]
  /** resolves with the first arrival (already there or still to come) of this event, or matching the predicate */
  waitFor(match: string | ((a: Arrival) => boolean), opts?: { timeoutMs?: number }): Promise<Arrival>
  close(): Promise<void>
}

/** Reads a request's raw body and its JSON object ({} when it is not one). */
export function readBody(req: IncomingMessage, done: (body: string, json: Record<string, unknown>) => void): void {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8')
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      json = undefined
    }
    done(
      body,
      json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {},
    )
  })
}

function parseContent(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string') return raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  try {
    return JSON.parse(raw) as Record<string, unknown>
  } catch {
    return {}
  }
}

function defaultSpiReply(spi: string, body: Record<string, unknown>): object {
  if (spi === 'issue_code') {
    const certs = (body.certificates as unknown[] | undefined) ?? []
    return {
      data: {
        error_code: 0,
        description: '',
        result: 1,
        codes: certs.map((_, i) => `REF-${String(body.order_id)}-${i}`),
      },
    }
  }
  if (spi === 'refund_apply') return { data: { error_code: 0, description: '', result: 1 } }
  return { data: { error_code: 0, description: '' } }
}

/** Starts a receiver on a free loopback port. */
export async function startReceiver(): Promise<Receiver> {
  const secrets = new Map<string, string>()
  const scripts = new Map<string, SpiReply[]>()
  const arrivals: Arrival[] = []
  const waiters: Array<{ test: (a: Arrival) => boolean; resolve: (a: Arrival) => void }> = []
  const record = (a: Arrival) => {
    arrivals.push(a)
    for (const w of waiters.filter((x) => x.test(a))) {
      waiters.splice(waiters.indexOf(w), 1)
      w.resolve(a)
    }
  }
  const server = createServer((req, res) => {
    readBody(req, (body, json) => {
      const url = new URL(req.url ?? '/', 'http://receiver')
      const send = (status: number, payload?: object) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(payload === undefined ? '' : JSON.stringify(payload))
      }
      const base = { path: url.pathname, headers: req.headers, body, json }
      if (url.pathname.startsWith('/spi/')) {
        const spi = url.pathname.slice(5)
        const secret = secrets.get(String(req.headers['x-life-clientkey'] ?? ''))
        const ok =
          secret !== undefined &&
          verifySpiSignature({ clientSecret: secret, query: url.searchParams, body, sign: req.headers['x-life-sign'] })
        record({ ...base, event: spi, content: {}, signature_ok: ok })
        const next = scripts.get(spi)?.shift()
        return next ? send(next.status, next.body) : send(200, defaultSpiReply(spi, json))
      }
      const event = String(json.event ?? '')
      const content = parseContent(json.content)
      if (event === 'verify_webhook') {
        record({ ...base, event, content, signature_ok: true })
        return send(200, { challenge: content.challenge })
      }
      const secret = secrets.get(String(json.client_key ?? ''))
      const ok =
        secret !== undefined &&
        verifyWebhookSignature({ clientSecret: secret, body, signature: req.headers['x-douyin-signature'] })
      record({ ...base, event, content, signature_ok: ok })
      send(200, { data: { error_code: 0 } })
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${origin}/webhook`,
    spiBase: `${origin}/spi`,
    arrivals,
    trust: (k, s) => void secrets.set(k, s),
    script: (spi, replies) => void scripts.set(spi, [...replies]),
    badSignatures: () => arrivals.filter((a) => !a.signature_ok),
    waitFor: (match, opts = {}) => {
      const test = typeof match === 'string' ? (a: Arrival) => a.event === match : match
      const found = arrivals.find(test)
      if (found) return Promise.resolve(found)
      const timeoutMs = opts.timeoutMs ?? 10_000
      return new Promise<Arrival>((resolve, reject) => {
        const waiter = { test, resolve: (a: Arrival) => (clearTimeout(timer), resolve(a)) }
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          const seen = arrivals.map((a) => a.event).join(', ') || 'nothing'
          reject(
            new Error(
              `no ${typeof match === 'string' ? `"${match}"` : 'matching'} arrival within ${timeoutMs} ms (arrived: ${seen})`,
            ),
          )
        }, timeoutMs)
        waiters.push(waiter)
      })
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
