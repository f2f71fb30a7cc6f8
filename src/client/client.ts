/**
 * A typed client for the platform API and the control plane, for users' test suites. Each operation of the
 * sandbox's contracts is a method of `op` (and of `call`), whose input and answer types are inferred from the zod
 * schemas the server validates with. An answer with a non-zero error_code throws SandboxApiError, which names the
 * operation, method and path; `attempt` returns success and error as a discriminated union instead.
 * @example
 * const client = new SandboxClient('http://127.0.0.1:8787', { client_key, client_secret })
 * const { verify_results } = await client.op.certificateVerify({ verify_token, poi_id, encrypted_codes })
 */
import { OPERATIONS, type OperationId } from './operations.js'
import type { InputArgs, OperationInput, OperationOutput } from './types.js'

export interface TenantCredentials {
  client_key: string
  client_secret: string
  account_id: string
  account_name: string
  poi_ids: string[]
  is_default: boolean
}

/** An answer with a non-zero error_code (or no envelope at all), with where it came from. */
export class SandboxApiError extends Error {
  constructor(
    /** the operationId, e.g. certificateVerify ("request" for raw calls) */
    readonly operation: string,
    readonly method: string,
    readonly path: string,
    readonly errorCode: number,
    /** the code's standard text (参数不合法), or the reason of a 3000001 */
    readonly description: string,
    /** HTTP status (business errors answer 200) */
    readonly status: number,
    readonly logid = '',
    /** extra.sub_description: the detail naming the field */
    readonly subDescription = '',
    /** extra.sub_error_code: the specific code (0: none), e.g. 4000108 under 3000001 */
    readonly subErrorCode = 0,
  ) {
    super(
      `${operation} (${method} ${path}) failed: ${errorCode} ${description}` +
        (subDescription ? `: ${subDescription}` : '') +
        (subErrorCode ? ` (sub_error_code ${subErrorCode})` : '') +
        (logid ? ` [logid ${logid}]` : ''),
    )
    this.name = 'SandboxApiError'
  }
}

/** `attempt()`'s answer: check `ok` and the type narrows to the data or the error. */
export type Attempt<T> = { ok: true; data: T } | { ok: false; error: SandboxApiError }

/** Every operation as a method: `client.op.certificateVerify(input)`. */
export type OperationMethods = { [Id in OperationId]: (...args: InputArgs<Id>) => Promise<OperationOutput<Id>> }

type Credentials = Pick<TenantCredentials, 'client_key' | 'client_secret'>
type Json = Record<string, unknown>
const TOKEN_GONE = new Set([2190002, 2190008])

function shapeKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape
  return shape ? Object.keys(shape) : []
}

export class SandboxClient {
  private token: string | undefined
  /** every operation of the contracts as a typed method */
  readonly op: OperationMethods

  /** `tenant` names the tenant (the default one when omitted); its secret is needed for platform calls. */
  constructor(
    readonly baseUrl: string,
    readonly tenant?: Credentials,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
    const op: Record<string, (input?: Json) => Promise<unknown>> = {}
    for (const id of Object.keys(OPERATIONS) as OperationId[]) op[id] = (input?: Json) => this.callRaw(id, input ?? {})
    this.op = op as unknown as OperationMethods
  }

  /** The same sandbox, acting as another tenant. */
  as(tenant: Credentials): SandboxClient {
    return new SandboxClient(this.baseUrl, tenant)
  }

  /** Calls operation `id`; resolves with its success data, throws SandboxApiError otherwise. */
  call<Id extends OperationId>(id: Id, ...args: InputArgs<Id>): Promise<OperationOutput<Id>> {
    return this.callRaw(id, (args[0] ?? {}) as Json) as Promise<OperationOutput<Id>>
  }

  /** Like `call`, but answers `{ok: true, data}` or `{ok: false, error}` instead of throwing business errors. */
  async attempt<Id extends OperationId>(id: Id, ...args: InputArgs<Id>): Promise<Attempt<OperationOutput<Id>>> {
    try {
      return { ok: true, data: await this.call(id, ...args) }
    } catch (e) {
      if (e instanceof SandboxApiError) return { ok: false, error: e }
      throw e
    }
  }

  private async callRaw(id: OperationId, input: Json): Promise<unknown> {
    const route = OPERATIONS[id] as {
      method: string
      path: string
      request?: { params?: unknown; query?: unknown; body?: unknown }
    }
    const rest: Json = { ...input }
    let path = route.path
    for (const key of shapeKeys(route.request?.params)) {
      path = path.replace(`{${key}}`, encodeURIComponent(String(rest[key] ?? '')))
      delete rest[key]
    }
    const query = new URLSearchParams()
    const queryKeys = route.request?.body ? shapeKeys(route.request.query) : Object.keys(rest)
    for (const key of queryKeys) {
      const v = rest[key]
      delete rest[key]
      if (v === undefined) continue
      for (const one of Array.isArray(v) ? v : [v]) query.append(key, String(one))
    }
    const qs = query.toString()
    const body = route.request?.body ? rest : undefined
    return this.send(id, route.method.toUpperCase(), qs ? `${path}?${qs}` : path, body)
  }

  /** A raw call to any path (the headers of its kind are added); resolves with the envelope's data. */
  request(method: string, path: string, body?: unknown): Promise<Json> {
    return this.send('request', method.toUpperCase(), path, body) as Promise<Json>
  }

  private async send(
    operation: string,
    method: string,
    path: string,
    body: unknown,
    retried = false,
  ): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (path.startsWith('/sandbox/')) {
      if (this.tenant) headers['x-sandbox-client-key'] = this.tenant.client_key
    } else if (!path.startsWith('/oauth/')) {
      headers['access-token'] = this.token ??= await this.clientToken()
    }
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let json: { data?: Json; extra?: Json } | undefined
    try {
      json = JSON.parse(text) as typeof json
    } catch {
      json = undefined
    }
    const data = json?.data
    const logid = String(json?.extra?.logid ?? res.headers.get('x-tt-logid') ?? '')
    if (!data || typeof data !== 'object') {
      throw new SandboxApiError(
        operation,
        method,
        path,
        -1,
        `HTTP ${res.status} without the {data, extra} envelope: ${text.slice(0, 200)}`,
        res.status,
        logid,
      )
    }
    if (data.error_code === 0) return data
    const code = Number(data.error_code)
    if (!retried && TOKEN_GONE.has(code) && headers['access-token']) {
      this.token = undefined
      return this.send(operation, method, path, body, true)
    }
    throw new SandboxApiError(
      operation,
      method,
      path,
      code,
      String(data.description ?? ''),
      res.status,
      logid,
      String(json?.extra?.sub_description ?? ''),
      Number(json?.extra?.sub_error_code ?? 0),
    )
  }

  /** POST /oauth/client_token/ for this client's tenant. */
  async clientToken(): Promise<string> {
    if (!this.tenant)
      throw new Error(
        'platform calls need a tenant with its client_secret: new SandboxClient(url, tenant) or client.as(tenant)',
      )
    const { client_key, client_secret } = this.tenant
    const data = await this.call('oauthClientToken', { client_key, client_secret, grant_type: 'client_credential' })
    return data.access_token
  }

  // shorthands for the control plane
  health = () => this.call('sandboxHealth')
  createTenant = (input: OperationInput<'sandboxCreateTenant'> = {}) => this.call('sandboxCreateTenant', input)
  tenants = async () => (await this.call('sandboxListTenants')).tenants
  deleteTenant = (client_key: string) => this.call('sandboxDeleteTenant', { client_key })
  reset = () => this.call('sandboxReset')
  clock = async () => (await this.call('sandboxGetClock')).clock
  advance = (seconds: number) => this.call('sandboxAdvanceClock', { seconds })
  freeze = (at?: number | string) => this.call('sandboxFreezeClock', at === undefined ? {} : { at })
  unfreeze = () => this.call('sandboxUnfreezeClock')
  settings = async () => (await this.call('sandboxGetSettings')).settings
  updateSettings = (patch: OperationInput<'sandboxPutSettings'>) => this.call('sandboxPutSettings', patch)
  buy = (input: OperationInput<'sandboxPurchase'>) => this.call('sandboxPurchase', input)
  /** the order as the consumer sees it now: each coupon's current QR encrypted_data (a coupon's change voids the previous one) */
  order = (order_id: string) => this.call('sandboxGetOrder', { order_id })
  refund = (input: OperationInput<'sandboxRefund'>) => this.call('sandboxRefund', input)
  auditProduct = (product_id: string, result: 'PASS' | 'FAIL', reason?: string) =>
    this.call('sandboxAuditProduct', reason === undefined ? { product_id, result } : { product_id, result, reason })
  setWebhook = (url: string, opts: { skipChallenge?: boolean } = {}) =>
    this.call('sandboxPutWebhook', opts.skipChallenge ? { url, skip_challenge: 'true' } : { url })
  deliveries = async (filter: OperationInput<'sandboxWebhookDeliveries'> = {}) =>
    (await this.call('sandboxWebhookDeliveries', filter)).deliveries
  setSpi = (urls: OperationInput<'sandboxPutSpi'>) => this.call('sandboxPutSpi', urls)
  snapshot = (name: string) => this.call('sandboxSaveSnapshot', { name })
  restore = (name: string) => this.call('sandboxRestoreSnapshot', { name })
  setFaults = (faults: OperationInput<'sandboxPutFaults'>['faults']) => this.call('sandboxPutFaults', { faults })
  clearFaults = () => this.call('sandboxClearFaults')
  journal = (filter: OperationInput<'sandboxJournal'> = {}) => this.call('sandboxJournal', filter)
}
