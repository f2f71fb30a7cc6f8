/**
 * Client-credential tokens (douyin-api.md §1.1; developer.open-douyin.com …/preparation/client_token):
 * valid 7200 s of the tenant's virtual time; re-issuing leaves the previous token valid for a 5-minute
 * grace, and only the latest two tokens of a client_key are ever valid.
 */
import type { Job } from '../../core/scheduler.js'
import type { Tenant } from '../../tenants/tenant.js'
import type { Tenants } from '../../tenants/tenants.service.js'
import { settingsOf } from '../../tenants/settings.js'
import {
  accountNotAuthorised,
  callRateExceeded,
  expiredToken,
  missingToken,
  noSuchClient,
  supersededToken,
  tokenOfDeletedTenant,
  unknownToken,
  wrongSecret,
} from './oauth.errors.js'
import type { OauthStore, TokenRecord } from './oauth.store.js'

export const TOKEN_TTL_SECONDS = 7200
export const SUPERSEDE_GRACE_SECONDS = 300
export const TOKEN_EXPIRE_JOB = 'oauth.token_expire'
/**
 * The client_token calls of the current rate window (t:<key>/meta/client_token_calls). Versions before 0.2 stored
 * `{calls_ms, banned_at_ms}` here and banned a client_key for good; such a record is read as an expired window, so
 * an old ban lifts itself.
 */
interface CallWindow {
  window_start_ms: number
  calls: number
}
const CALLS_KEY = 'client_token_calls'
/** 频控规则: "5 分钟内超过 500 次接口调用,接口报错,错误码 10020" (生活服务 client_token page). */
export const RATE_WINDOW_MS = 5 * 60_000

export interface ClientTokenInput {
  client_key: string
  client_secret: string
}

export class OauthService {
  constructor(
    private readonly db: OauthStore,
    private readonly tenants: Tenants,
  ) {}

  /** Issues a client token; the third-newest token stops working, the previous one gets its grace. */
  issueClientToken(input: ClientTokenInput): { access_token: string; expires_in: number } {
    const tenant = this.tenants.get(input.client_key)
    if (!tenant) throw noSuchClient(input.client_key)
    if (tenant.record.client_secret !== input.client_secret) throw wrongSecret()
    const nowMs = tenant.clock.nowMs()
    this.countCall(tenant, nowMs)
    const record: TokenRecord = {
      access_token: this.freshToken(tenant),
      client_key: tenant.key,
      create_time_ms: nowMs,
      expires_at_ms: nowMs + TOKEN_TTL_SECONDS * 1000,
      superseded_at_ms: null,
      revoked: false,
      expired: false,
    }
    const [previous, older] = this.db.clients.get(tenant.key)?.recent ?? []
    this.update(previous, (t) => ({ ...t, superseded_at_ms: t.superseded_at_ms ?? nowMs }))
    this.update(older, (t) => ({ ...t, revoked: true }))
    this.db.tokens.put(record.access_token, record)
    this.db.clients.put(tenant.key, { recent: previous ? [record.access_token, previous] : [record.access_token] })
    tenant.scheduler.schedule(TOKEN_EXPIRE_JOB, record.expires_at_ms, { access_token: record.access_token })
    return { access_token: record.access_token, expires_in: TOKEN_TTL_SECONDS }
  }

  /**
   * 生活服务 client_token page, 频控规则: "5 分钟内超过 500 次接口调用,接口报错,错误码 10020". A window opens at the
   * first call and lasts 5 minutes of the tenant's virtual time; the calls over the limit in it answer 10020 and
   * issue nothing (they are not counted), and the next window starts afresh: nothing is ever banned. The tenant
   * setting client_token_rate_limit sets the limit (0: none).
   */
  private countCall(tenant: Tenant, nowMs: number): void {
    const limit = settingsOf(tenant).client_token_rate_limit
    if (limit === 0) return
    const meta = tenant.repo.collection('meta')
    const stored = meta.get(CALLS_KEY) as Partial<CallWindow> | undefined
    const open = typeof stored?.window_start_ms === 'number' && nowMs < stored.window_start_ms + RATE_WINDOW_MS
    const window: CallWindow = open
      ? { window_start_ms: stored.window_start_ms!, calls: stored.calls ?? 0 }
      : { window_start_ms: nowMs, calls: 0 }
    if (window.calls >= limit) throw callRateExceeded(tenant.key, limit, window.window_start_ms + RATE_WINDOW_MS)
    meta.put(CALLS_KEY, { ...window, calls: window.calls + 1 })
  }

  /**
   * A token string never issued before. A reset or a snapshot restore rewinds the tenant's random stream, but
   * every issued token stays in `sys/tokens`, so a draw that repeats one is drawn again (deterministically).
   */
  private freshToken(tenant: Tenant): string {
    let token = tenant.random.clientToken()
    while (this.db.tokens.get(token)) token = tenant.random.clientToken()
    return token
  }

  private update(token: string | undefined, fn: (t: TokenRecord) => TokenRecord): void {
    const t = token ? this.db.tokens.get(token) : undefined
    if (t) this.db.tokens.put(t.access_token, fn(t))
  }

  /** The tenant a token belongs to; 2190002 when missing or unknown, 2190008 when expired or superseded. */
  authenticate(token: string | undefined): Tenant {
    if (!token) throw missingToken()
    const record = this.db.tokens.get(token)
    const tenant = record && this.tenants.get(record.client_key)
    if (!record || !tenant) throw unknownToken()
    // a deleted tenant's tokens stay in sys/tokens (no token string is issued twice), but its client list goes
    // with it: a tenant created again under the same client_key starts with no valid token
    if (!record.revoked && !this.db.clients.get(tenant.key)?.recent.includes(token))
      throw tokenOfDeletedTenant(tenant.key)
    const nowMs = tenant.clock.nowMs()
    if (record.revoked)
      throw supersededToken('only the latest two tokens of a client_key are valid; this one was replaced twice since')
    if (record.superseded_at_ms !== null && nowMs >= record.superseded_at_ms + SUPERSEDE_GRACE_SECONDS * 1000) {
      throw supersededToken(
        `a newer token replaced this one; the previous token stays valid only ${SUPERSEDE_GRACE_SECONDS} s after that`,
      )
    }
    if (record.expired || nowMs >= record.expires_at_ms)
      throw expiredToken(new Date(record.expires_at_ms).toISOString())
    return tenant
  }

  /** The tenant of an issued token (no validity check). */
  tenantOf(token: string): Tenant | undefined {
    const record = this.db.tokens.get(token)
    return record ? this.tenants.get(record.client_key) : undefined
  }

  /** 2119005 unless `accountId` is the tenant's own merchant account. */
  authorizeAccount(tenant: Tenant, accountId: string | undefined): void {
    if (accountId !== undefined && accountId !== '' && accountId !== tenant.record.account_id)
      throw accountNotAuthorised(accountId)
  }

  /** Job handler: marks a token expired at its expiry time. */
  expireToken = (_tenant: Tenant, job: Job): unknown => {
    const token = String(job.payload.access_token)
    const t = this.db.tokens.get(token)
    if (!t || t.expired) return { access_token: token, expired: false }
    this.db.tokens.put(token, { ...t, expired: true })
    return { access_token: token, expired: true }
  }
}
