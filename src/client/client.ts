/**
 * A typed client for the control plane and the platform API, for users' test suites. Every call answers the
 * envelope's `data`; a non-zero error_code throws SandboxApiError with the platform's code and description.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Data = Record<string, any>

export interface TenantCredentials {
  client_key: string
  client_secret: string
  account_id: string
  account_name: string
  poi_ids: string[]
  is_default: boolean
}

/** A non-zero error_code from the sandbox. */
export class SandboxApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly status: number,
  ) {
    super(`${errorCode}: ${description}`)
    this.name = 'SandboxApiError'
  }
}

export class SandboxClient {
  private token: string | undefined

  /** `tenant` names the tenant (the default one when omitted); its secret is needed for platform calls. */
  constructor(
    readonly baseUrl: string,
    readonly tenant?: Pick<TenantCredentials, 'client_key' | 'client_secret'>,
  ) {}

  /** The same sandbox, acting as another tenant. */
  as(tenant: Pick<TenantCredentials, 'client_key' | 'client_secret'>): SandboxClient {
    return new SandboxClient(this.baseUrl, tenant)
  }

  private async send(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Data> {
    const res = await fetch(this.baseUrl + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) })
    const json = (await res.json()) as { data: Data }
    if (json.data?.error_code !== 0) throw new SandboxApiError(Number(json.data?.error_code), String(json.data?.description), res.status)
    return json.data
  }

  /** A control-plane call (`/sandbox/…`) for this client's tenant. */
  control(method: string, path: string, body?: unknown): Promise<Data> {
    return this.send(method, path, body, this.tenant ? { 'x-sandbox-client-key': this.tenant.client_key } : {})
  }

  /** A platform call (`/goodlife/…`) with a client token, fetched and renewed as needed. */
  async platform(method: string, path: string, body?: unknown): Promise<Data> {
    if (!this.tenant) throw new Error('platform calls need a tenant with its client_secret: new SandboxClient(url, tenant) or client.as(tenant)')
    for (let i = 0; ; i++) {
      this.token ??= await this.clientToken()
      try {
        return await this.send(method, path, body, { 'access-token': this.token })
      } catch (e) {
        if (i === 0 && e instanceof SandboxApiError && (e.errorCode === 2190008 || e.errorCode === 2190002)) {
          this.token = undefined
          continue
        }
        throw e
      }
    }
  }

  /** POST /oauth/client_token/ for this client's tenant. */
  async clientToken(): Promise<string> {
    const res = await fetch(`${this.baseUrl}/oauth/client_token/`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_key: this.tenant?.client_key, client_secret: this.tenant?.client_secret, grant_type: 'client_credential' }),
    })
    const json = (await res.json()) as { data: Data }
    if (json.data.error_code !== 0) throw new SandboxApiError(json.data.error_code, json.data.description, res.status)
    return json.data.access_token as string
  }

  health = () => this.control('GET', '/sandbox/health')
  createTenant = (opts: { client_key?: string; seed?: string; frozen_at?: number | string } = {}) => this.control('POST', '/sandbox/tenants', opts) as Promise<TenantCredentials & Data>
  tenants = async () => (await this.control('GET', '/sandbox/tenants')).tenants as TenantCredentials[]
  reset = () => this.control('POST', '/sandbox/reset')
  clock = async () => (await this.control('GET', '/sandbox/clock')).clock as Data
  advance = (seconds: number) => this.control('POST', '/sandbox/clock/advance', { seconds })
  freeze = (at?: number | string) => this.control('POST', '/sandbox/clock/freeze', at === undefined ? {} : { at })
  unfreeze = () => this.control('POST', '/sandbox/clock/unfreeze')
  settings = async () => (await this.control('GET', '/sandbox/settings')).settings as Data
  updateSettings = (patch: Data) => this.control('PUT', '/sandbox/settings', patch)
  buy = (body: { product_id?: string; out_id?: string; count?: number; open_id?: string; pay_amount?: number; discounts?: Data[]; poi_id?: string }) => this.control('POST', '/sandbox/orders', body)
  refund = (body: { order_id: string; certificate_ids?: string[]; by?: 'user' | 'customer_service' | 'system'; amount?: number; reason?: string }) => this.control('POST', '/sandbox/refunds', body)
  auditProduct = (productId: string, result: 'PASS' | 'FAIL', reason?: string) => this.control('POST', `/sandbox/products/${productId}/audit`, reason === undefined ? { result } : { result, reason })
  setWebhook = (url: string, opts: { skipChallenge?: boolean } = {}) => this.control('PUT', `/sandbox/webhooks${opts.skipChallenge ? '?skip_challenge=true' : ''}`, { url })
  webhook = () => this.control('GET', '/sandbox/webhooks')
  deliveries = async (f: { event?: string; status?: 'delivered' | 'failed'; entity_id?: string; event_id?: string; limit?: number } = {}) =>
    (await this.control('GET', `/sandbox/webhooks/deliveries?${new URLSearchParams(Object.entries(f).map(([k, v]) => [k, String(v)]))}`)).deliveries as Data[]
  redeliver = (deliveryId: string) => this.control('POST', `/sandbox/webhooks/deliveries/${deliveryId}/redeliver`)
  setSpi = (urls: { pre_create_order?: string; issue_code?: string; refund_apply?: string; refund_notice?: string }) => this.control('PUT', '/sandbox/spi', urls)
  snapshot = (name: string) => this.control('POST', '/sandbox/snapshots', { name })
  restore = (name: string) => this.control('POST', `/sandbox/snapshots/${name}/restore`)
  setFaults = (faults: Data[]) => this.control('PUT', '/sandbox/faults', { faults })
  clearFaults = () => this.control('DELETE', '/sandbox/faults')
  journal = async (f: { path?: string; error_code?: number; since?: number; limit?: number } = {}) =>
    (await this.control('GET', `/sandbox/journal?${new URLSearchParams(Object.entries(f).map(([k, v]) => [k, String(v)]))}`)) as { entries: Data[]; count: number }
}
