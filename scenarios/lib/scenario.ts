/**
 * A tiny scenario framework: steps against a running sandbox's platform API and control plane only, a
 * timeline of what happened (step, virtual time, request, what fired at the target), and expectations that
 * stop the run with what was expected and what came back.
 */
import { productBuilders } from '../../src/domains/goods/product.examples.js'
import { attempts, label, settleFirstAttempts } from './deliveries.js'
import type { Json } from './json.js'
import { publish, verifyAtTill } from './products.js'

export interface Scenario {
  name: string
  description: string
  /** needs a merchant that follows a script (the reference merchant); skipped against a foreign target */
  needsReferenceMerchant?: boolean
  run(ctx: ScenarioContext): Promise<void>
}

/** A failed expectation. */
export class ScenarioFailure extends Error {}

export interface TimelineEntry {
  step: string
  virtual_time: number
  request?: string
  result?: string
  fired?: string[]
}

export interface Tenant {
  client_key: string
  client_secret: string
  account_id: string
  poi_ids: string[]
}

export type { Json }

export interface ScenarioOptions {
  baseUrl: string
  tenant: Tenant
  /** the tenant's virtual now when the scenario starts, Unix seconds (products are dated from it) */
  startedAt: number
  /** the last delivery-log seq before the scenario (a named tenant's earlier runs are not this one's) */
  sinceSeq?: number
  /** sent with every request (e.g. Authorization for a sandbox with a control token) */
  headers?: Record<string, string>
  /** prints each timeline entry as it happens */
  log?: (line: string) => void
  /** the reference merchant's script hook, when the target is the reference merchant */
  merchant?: { script(spi: string, replies: Array<{ status: number; body?: object }>): void }
}

/** `2022-06-01 00:00:00`: Unix seconds as a Beijing wall-clock time (UTC+8, no daylight saving). */
export function beijing(seconds: number): string {
  return new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ')
}

export class ScenarioContext {
  readonly timeline: TimelineEntry[] = []
  private token: string | undefined
  private seenDeliveries: number
  private current = ''

  constructor(readonly opts: ScenarioOptions) {
    this.seenDeliveries = opts.sinceSeq ?? 0
  }

  get tenant(): Tenant {
    return this.opts.tenant
  }

  /** The tenant's virtual now when the scenario started, Unix seconds. */
  get startedAt(): number {
    return this.opts.startedAt
  }

  /** Product bodies for this tenant dated from the scenario's start (the testing kit's builders). */
  get products(): ReturnType<typeof productBuilders> {
    return productBuilders({ account_id: this.tenant.account_id, poi_ids: this.tenant.poi_ids, now: this.startedAt })
  }

  /** Saves a product and lets its automatic audit pass (advances the clock 60 s); returns the save answer. */
  publish(body: Json): Promise<Json> {
    return publish(this, body)
  }

  /** prepare + verify of the first `n` usable coupons of the order holding `code`; returns the verify results. */
  verifyAtTill(code: string, n = 1): Promise<Json[]> {
    return verifyAtTill(this, code, n)
  }

  /** The Beijing date `days` after the scenario's start, `YYYY-MM-DD` (bill dates). */
  day(days = 0): string {
    return beijing(this.startedAt + days * 86_400).slice(0, 10)
  }

  /** The Beijing date of the tenant's virtual now, `YYYY-MM-DD` (the bill date of a verification made now). */
  async today(): Promise<string> {
    return beijing((await this.get('/sandbox/clock')).clock.now).slice(0, 10)
  }

  private async http(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Json> {
    const res = await fetch(this.opts.baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...this.opts.headers, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    try {
      return JSON.parse(text)
    } catch {
      throw new ScenarioFailure(
        `${method} ${path} answered HTTP ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`,
      )
    }
  }

  /** A control-plane call for this scenario's tenant; returns `data`. */
  async sandbox(method: string, path: string, body?: unknown): Promise<Json> {
    return (await this.sandboxAnswer(method, path, body)).data
  }

  /** As sandbox(), returning the whole answer `{data, extra}` (an error's detail is in extra.sub_description). */
  async sandboxAnswer(method: string, path: string, body?: unknown): Promise<Json> {
    const r = await this.http(method, path, body, { 'x-sandbox-client-key': this.tenant.client_key })
    this.note(`${method} ${path}`, r)
    return r
  }

  /** A platform call with a client token (renewed when it expires or is replaced); returns `data`. */
  async api(method: string, path: string, body?: unknown): Promise<Json> {
    return (await this.answer(method, path, body)).data
  }

  /** As api(), returning the whole answer `{data, extra}` (an error's sub_error_code and sub_description). */
  async answer(method: string, path: string, body?: unknown): Promise<Json> {
    for (let i = 0; i < 2; i++) {
      this.token ??= (
        await this.http(
          'POST',
          '/oauth/client_token/',
          {
            client_key: this.tenant.client_key,
            client_secret: this.tenant.client_secret,
            grant_type: 'client_credential',
          },
          {},
        )
      ).data.access_token
      const r = await this.http(method, path, body, { 'access-token': this.token! })
      if (r.data?.error_code === 2190008 || r.data?.error_code === 2190002) {
        this.token = undefined
        continue
      }
      this.note(`${method} ${path}`, r)
      return r
    }
    throw new ScenarioFailure(`${method} ${path}: could not get a working token`)
  }

  private note(request: string, answer: Json): void {
    const { data, extra } = answer ?? {}
    const detail = extra?.sub_description ? `: ${extra.sub_description}` : ''
    const sub = extra?.sub_error_code ? ` (sub_error_code ${extra.sub_error_code})` : ''
    const entry: TimelineEntry = {
      step: this.current,
      virtual_time: 0,
      request,
      result: data?.error_code === 0 ? 'ok' : `${data?.error_code}: ${data?.description}${detail}${sub}`,
    }
    this.timeline.push(entry)
    this.opts.log?.(`    ${request} → ${entry.result}`)
  }

  /** A control-plane GET for this tenant, not noted in the timeline; returns `data`. */
  private readonly get = async (path: string): Promise<Json> =>
    (await this.http('GET', path, undefined, { 'x-sandbox-client-key': this.tenant.client_key })).data

  /**
   * A named step: runs `fn`, waits until the events it caused had their first attempt at the target, then
   * reports them under this step (not the next one).
   */
  async step<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.current = title
    const clock = (await this.get('/sandbox/clock')).clock
    this.opts.log?.(`  ▸ ${title}  (virtual ${beijing(clock.now)} +08:00)`)
    const result = await fn()
    await settleFirstAttempts(this.get, (ms) => new Promise((r) => setTimeout(r, ms)))
    const fresh = (await attempts(this.get)).filter((d) => d.seq > this.seenDeliveries)
    if (fresh.length > 0) this.seenDeliveries = Math.max(...fresh.map((d) => d.seq))
    const fired = fresh.map((d) => `${label(d)} ${d.outcome}`)
    if (fired.length > 0) this.opts.log?.(`    fired: ${fired.join(', ')}`)
    this.timeline.push({ step: title, virtual_time: clock.now, fired })
    return result
  }

  /** Moves the tenant's virtual clock instead of sleeping; returns the jobs that ran. */
  async advance(seconds: number): Promise<Json[]> {
    const r = await this.sandbox('POST', '/sandbox/clock/advance', { seconds })
    return r.ran
  }

  /** Stops the scenario unless `ok`. */
  expect(ok: boolean, expected: string, actual?: unknown): void {
    if (!ok)
      throw new ScenarioFailure(
        `step "${this.current}": expected ${expected}${actual === undefined ? '' : `, got ${JSON.stringify(actual).slice(0, 500)}`}`,
      )
  }

  /** Expects a platform answer to succeed and returns it. */
  ok(data: Json, what: string): Json {
    this.expect(data?.error_code === 0, `${what} to succeed`, data)
    return data
  }

  /** Attempts logged since this scenario started (webhooks and SPI calls), oldest first; `event` filters. */
  async deliveries(event?: string): Promise<Json[]> {
    const q = event ? `&event=${event}` : ''
    const log = await this.get(`/sandbox/webhooks/deliveries?limit=1000${q}`)
    return (log.deliveries as Json[]).filter((d) => d.seq > (this.opts.sinceSeq ?? 0)).reverse()
  }

  /**
   * Webhook events the platform sent during this scenario (from the delivery log), oldest first: each once, as
   * its first attempt, whatever the target answered (its retries and redeliveries are in `deliveries`).
   */
  async events(event?: string): Promise<Json[]> {
    return (await this.deliveries(event))
      .filter((d) => d.redelivery === false && d.attempt === 1)
      .map((d) => ({ ...JSON.parse(d.request.body), outcome: d.outcome, status: d.status }))
  }
}
