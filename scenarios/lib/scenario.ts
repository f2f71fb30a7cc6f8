/**
 * A tiny scenario framework: steps against a running sandbox's platform API and control plane only, a
 * timeline of what happened (step, virtual time, request, what fired at the target), and expectations that
 * stop the run with what was expected and what came back.
 */

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export interface ScenarioOptions {
  baseUrl: string
  tenant: Tenant
  /** sent with every request (e.g. Authorization for a sandbox with a control token) */
  headers?: Record<string, string>
  /** prints each timeline entry as it happens */
  log?: (line: string) => void
  /** the reference merchant's script hook, when the target is the reference merchant */
  merchant?: { script(spi: string, replies: Array<{ status: number; body?: object }>): void }
}

export class ScenarioContext {
  readonly timeline: TimelineEntry[] = []
  private token: string | undefined
  private seenDeliveries = 0
  private current = ''

  constructor(readonly opts: ScenarioOptions) {}

  get tenant(): Tenant {
    return this.opts.tenant
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
    const r = await this.http(method, path, body, { 'x-sandbox-client-key': this.tenant.client_key })
    this.note(`${method} ${path}`, r.data)
    return r.data
  }

  /** A platform call with a client token (renewed when it expires or is replaced); returns `data`. */
  async api(method: string, path: string, body?: unknown): Promise<Json> {
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
      this.note(`${method} ${path}`, r.data)
      return r.data
    }
    throw new ScenarioFailure(`${method} ${path}: could not get a working token`)
  }

  private note(request: string, data: Json): void {
    const entry: TimelineEntry = {
      step: this.current,
      virtual_time: 0,
      request,
      result: data?.error_code === 0 ? 'ok' : `${data?.error_code}: ${data?.description}`,
    }
    this.timeline.push(entry)
    this.opts.log?.(`    ${request} → ${entry.result}`)
  }

  /** A named step: runs `fn`, then reports what fired at the target meanwhile. */
  async step<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.current = title
    const clock = (
      await this.http('GET', '/sandbox/clock', undefined, { 'x-sandbox-client-key': this.tenant.client_key })
    ).data.clock
    this.opts.log?.(`  ▸ ${title}  (virtual ${clock.iso})`)
    const result = await fn()
    const fired = await this.firedSinceLastStep()
    if (fired.length > 0) this.opts.log?.(`    fired: ${fired.join(', ')}`)
    this.timeline.push({ step: title, virtual_time: clock.now, fired })
    return result
  }

  private async firedSinceLastStep(): Promise<string[]> {
    const log = (
      await this.http('GET', '/sandbox/webhooks/deliveries?limit=1000', undefined, {
        'x-sandbox-client-key': this.tenant.client_key,
      })
    ).data
    const fresh = (log.deliveries as Json[]).filter((d) => d.seq > this.seenDeliveries).reverse()
    if (fresh.length > 0) this.seenDeliveries = Math.max(...fresh.map((d) => d.seq))
    return fresh.map(
      (d) =>
        `${d.event}${d.event === 'life_trade_certificate_notify' ? `(${JSON.parse(JSON.parse(d.request.body).content).action})` : ''} ${d.outcome}`,
    )
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

  /** Webhook events the platform sent so far (from the delivery log), oldest first. */
  async events(event?: string): Promise<Json[]> {
    const q = event ? `&event=${event}` : ''
    const log = await this.http('GET', `/sandbox/webhooks/deliveries?limit=1000${q}`, undefined, {
      'x-sandbox-client-key': this.tenant.client_key,
    })
    return (log.data.deliveries as Json[])
      .filter((d) => d.redelivery === false)
      .reverse()
      .map((d) => ({ ...JSON.parse(d.request.body), outcome: d.outcome, status: d.status }))
  }
}
