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
  bannedClient,
  expiredToken,
  missingToken,
  noSuchClient,
  supersededToken,
  unknownToken,
  wrongSecret,
} from './oauth.errors.js'
import type { OauthStore, TokenRecord } from './oauth.store.js'

export const TOKEN_TTL_SECONDS = 7200
export const SUPERSEDE_GRACE_SECONDS = 300
export const TOKEN_EXPIRE_JOB = 'oauth.token_expire'
/** The client_token calls of the last minute and the ban (t:<key>/meta/client_token_calls; a reset lifts it). */
interface CallWindow {
  calls_ms: number[]
  banned_at_ms: number | null
}
const CALLS_KEY = 'client_token_calls'
const MINUTE_MS = 60_000

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
   * 生成 client_token: "每分钟超过 60 次接口调用，client_key 将被永久封禁". The call that is one too many within
   * 60 s of virtual time bans the client_key (tenant setting client_token_rate_limit; 0 never bans).
   */
  private countCall(tenant: Tenant, nowMs: number): void {
    const meta = tenant.repo.collection('meta')
    const window = (meta.get(CALLS_KEY) as CallWindow | undefined) ?? { calls_ms: [], banned_at_ms: null }
    if (window.banned_at_ms !== null) throw bannedClient(tenant.key, window.banned_at_ms)
    const limit = settingsOf(tenant).client_token_rate_limit
    if (limit === 0) return
    const calls = [...window.calls_ms.filter((ms) => ms > nowMs - MINUTE_MS), nowMs]
    if (calls.length > limit) {
      meta.put(CALLS_KEY, { calls_ms: [], banned_at_ms: nowMs })
      throw bannedClient(tenant.key, nowMs)
    }
    meta.put(CALLS_KEY, { calls_ms: calls, banned_at_ms: null })
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
    const ban = tenant.repo.collection('meta').get(CALLS_KEY) as CallWindow | undefined
    if (ban?.banned_at_ms != null) throw bannedClient(tenant.key, ban.banned_at_ms)
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
