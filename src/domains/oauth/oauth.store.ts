/**
 * Client tokens live in namespace `sys` so a token finds its tenant in one lookup and survives a
 * tenant reset (credentials are not test state).
 */
import { Repo } from '../../store/repo.js'
import type { Store } from '../../store/store.js'
import { SYS_NS } from '../../tenants/tenants.store.js'

/** sys/tokens: access_token → TokenRecord */
export interface TokenRecord extends Record<string, unknown> {
  access_token: string
  client_key: string
  /** virtual issue time, ms */
  create_time_ms: number
  /** virtual expiry, ms (issue + 7200 s) */
  expires_at_ms: number
  /** when a newer token replaced this one as the latest; the 5-minute grace counts from here */
  superseded_at_ms: number | null
  /** pushed out of the latest two */
  revoked: boolean
  /** set by the `oauth.token_expire` job */
  expired: boolean
}

/** sys/oauth_clients: client_key → the tenant's two newest tokens, newest first */
export interface ClientTokens extends Record<string, unknown> {
  recent: string[]
}

export function oauthStore(store: Store) {
  const repo = new Repo(store, SYS_NS)
  return {
    tokens: repo.collection<TokenRecord>('tokens'),
    clients: repo.collection<ClientTokens>('oauth_clients'),
  }
}
export type OauthStore = ReturnType<typeof oauthStore>
