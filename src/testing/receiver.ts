/**
 * A merchant's side for tests: a real HTTP server that receives the platform's webhooks and SPI calls, answers
 * the webhook challenge, checks every signature against the secrets it trusts (refusing forged requests for the
 * tenants it trusts), records what arrives and lets a test await an event. SPI calls are answered from a script (defaults: accept, issue codes at once).
 * @example
 * const receiver = await startReceiver()
 * receiver.trust(tenant.client_key, tenant.client_secret)
 * await client.setWebhook(receiver.url)
 * const hook = await receiver.waitFor('life_trade_certificate_notify')
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SandboxClient } from '../client/client.js'
import type { Arrival, ArrivalEvent, ArrivalOf, SpiName } from './arrivals.js'
import { verifySpiSignature, verifyWebhookSignature } from './signatures.js'

/** How long `waitFor` waits by default: below vitest's and Jest's 5 s test timeout, so its own message shows. */
export const WAIT_FOR_DEFAULT_MS = 3000

export interface SpiReply {
  status: number
  body?: object
}

export interface WaitOptions {
  /** how long to wait (default WAIT_FOR_DEFAULT_MS, 3000 ms); raise the runner's test timeout with it */
  timeoutMs?: number
}

/** A tenant the receiver trusts: a TestTenant, or anything with its credentials (and a client to ask where its webhook URL points). */
export interface TrustedTenant {
  credentials: { client_key: string; client_secret: string }
  client?: Pick<SandboxClient, 'op'>
}

export interface Receiver {
  /** the webhook URL to register (PUT /sandbox/webhooks) */
  url: string
  /** base of the SPI URLs: `${spiBase}/pre_create_order`, `/issue_code`, `/refund_apply`, `/refund_notice` */
  spiBase: string
  arrivals: Arrival[]
  /** trusts a tenant's secret to check its signatures; given the tenant (with its client), a failed waitFor also says where its webhook URL points */
  trust(tenant: TrustedTenant): void
  trust(clientKey: string, secret: string): void
  /** the next replies of an SPI, in order; the defaults afterwards */
  script(spi: SpiName, replies: SpiReply[]): void
  /** arrivals whose signature did not match */
  badSignatures(): Arrival[]
  /**
   * Resolves with the first arrival (already there or still to come) of this event or SPI name, typed for it;
   * or the first one the predicate accepts. Rejects after `timeoutMs` (default 3000) naming what was expected,
   * what arrived and where the trusted tenants' webhook URLs point.
   */
  waitFor<E extends ArrivalEvent>(event: E, opts?: WaitOptions): Promise<ArrivalOf<E>>
  waitFor<A extends Arrival>(match: (a: Arrival) => a is A, opts?: WaitOptions): Promise<A>
  waitFor(match: (a: Arrival) => boolean, opts?: WaitOptions): Promise<Arrival>
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

/** One line per trusted tenant with a client: where its webhook URL points, asked of the sandbox. */
async function webhookTargets(tenants: TrustedTenant[], url: string): Promise<string[]> {
  const lines = tenants.map(async (t) => {
    const key = t.credentials.client_key
    try {
      const { webhook, pending_events } = await t.client!.op.sandboxGetWebhook()
      if (!webhook) return `${key}'s webhook URL: none set (await client.setWebhook(receiver.url))`
      const here = webhook.url === url ? 'this receiver' : 'not this receiver'
      return `${key}'s webhook URL: ${webhook.url} (${here}; ${pending_events} event(s) pending)`
    } catch (e) {
      return `${key}'s webhook URL: could not ask the sandbox (${(e as Error).message})`
    }
  })
  const late = new Promise<string[]>((r) =>
    setTimeout(() => r(['(the sandbox did not say within 500 ms)']), 500).unref(),
  )
  return Promise.race([Promise.all(lines), late])
}

export interface ReceiverOptions {
  /**
   * Which webhooks and SPI calls with a signature that does not match are answered HTTP 401 (all are recorded,
   * with `signature_ok: false`). By default those naming a tenant the receiver trusts: forged or tampered requests
   * are refused as a merchant's service must refuse them (so `douyin-sandbox check` passes), while those of a
   * tenant not trusted yet are answered as usual, so a test that forgot `trust()` still sees what arrived and the
   * sandbox does not retry it. `true` refuses every mismatch, trusted tenant or not; `false` refuses none.
   */
  refuseBadSignatures?: boolean
}

/** Starts a receiver on a free loopback port. */
export async function startReceiver(opts: ReceiverOptions = {}): Promise<Receiver> {
  const secrets = new Map<string, string>()
  const refused = (ok: boolean, clientKey: string) => !ok && (opts.refuseBadSignatures ?? secrets.has(clientKey))
  const tenants = new Map<string, TrustedTenant>()
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
      const base = { path: url.pathname, headers: req.headers, body }
      if (url.pathname.startsWith('/spi/')) {
        const spi = url.pathname.slice(5)
        const key = String(req.headers['x-life-clientkey'] ?? '')
        const secret = secrets.get(key)
        const ok =
          secret !== undefined &&
          verifySpiSignature({ clientSecret: secret, query: url.searchParams, body, sign: req.headers['x-life-sign'] })
        // the body as the platform sent it: typed by SPI name (SpiArrival)
        record({ ...base, kind: 'spi', event: spi, content: json, json, signature_ok: ok } as unknown as Arrival)
        if (refused(ok, key)) return send(401, { data: { error_code: 401, description: 'bad x-life-sign' } })
        const next = scripts.get(spi)?.shift()
        return next ? send(next.status, next.body) : send(200, defaultSpiReply(spi, json))
      }
      const event = String(json.event ?? '')
      const content = parseContent(json.content)
      if (event === 'verify_webhook') {
        record({ ...base, kind: 'challenge', event, content, json, signature_ok: true } as unknown as Arrival)
        return send(200, { challenge: content.challenge })
      }
      const key = String(json.client_key ?? '')
      const secret = secrets.get(key)
      const ok =
        secret !== undefined &&
        verifyWebhookSignature({ clientSecret: secret, body, signature: req.headers['x-douyin-signature'] })
      // content as the sandbox built it from the event catalogue: typed by event name (WebhookArrival)
      record({ ...base, kind: 'webhook', event, content, json, signature_ok: ok } as unknown as Arrival)
      if (refused(ok, key)) return send(401, { data: { error_code: 401, description: 'bad X-Douyin-Signature' } })
      send(200, { data: { error_code: 0 } })
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const hookUrl = `${origin}/webhook`

  /** The timeout's message: what was expected, what arrived, and where the webhook URLs point. */
  async function notArrived(match: string | ((a: Arrival) => boolean), timeoutMs: number): Promise<string> {
    const wanted = typeof match === 'string' ? `"${match}"` : 'arrival matching the predicate'
    const seen = arrivals.map((a) => (a.signature_ok ? a.event : `${a.event} (bad signature)`))
    const lines = [
      `receiver.waitFor: no ${wanted} within ${timeoutMs} ms${timeoutMs === WAIT_FOR_DEFAULT_MS ? ' (the default; pass { timeoutMs } to wait longer)' : ''}`,
      `  arrived: ${seen.length > 0 ? seen.join(', ') : 'nothing'}`,
      `  this receiver: webhook URL ${hookUrl}, SPI base ${origin}/spi`,
    ]
    const asked = [...tenants.values()].filter((t) => t.client)
    for (const line of await webhookTargets(asked, hookUrl)) lines.push(`  ${line}`)
    if (!arrivals.some((a) => a.kind === 'challenge'))
      lines.push(
        "  no verify_webhook challenge came here: no tenant's webhook URL was set to this receiver (await client.setWebhook(receiver.url))",
      )
    if (arrivals.some((a) => !a.signature_ok))
      lines.push('  some signatures did not match: receiver.trust(tenant) for every tenant that sends here')
    return lines.join('\n')
  }

  const waitFor = (match: string | ((a: Arrival) => boolean), opts: WaitOptions = {}): Promise<Arrival> => {
    const test = typeof match === 'string' ? (a: Arrival) => a.event === match : match
    const found = arrivals.find(test)
    if (found) return Promise.resolve(found)
    const timeoutMs = opts.timeoutMs ?? WAIT_FOR_DEFAULT_MS
    return new Promise<Arrival>((resolve, reject) => {
      const waiter = { test, resolve: (a: Arrival) => (clearTimeout(timer), resolve(a)) }
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1)
        void notArrived(match, timeoutMs).then((m) => reject(new Error(m)))
      }, timeoutMs)
      waiters.push(waiter)
    })
  }

  return {
    url: hookUrl,
    spiBase: `${origin}/spi`,
    arrivals,
    trust: (tenant: TrustedTenant | string, secret?: string) => {
      if (typeof tenant === 'string') return void secrets.set(tenant, secret ?? '')
      secrets.set(tenant.credentials.client_key, tenant.credentials.client_secret)
      tenants.set(tenant.credentials.client_key, tenant)
    },
    script: (spi, replies) => void scripts.set(spi, [...replies]),
    badSignatures: () => arrivals.filter((a) => !a.signature_ok),
    waitFor: waitFor as Receiver['waitFor'],
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
