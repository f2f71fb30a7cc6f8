/**
 * Client tokens live in namespace `sys` so a token finds its tenant in one lookup and survives a
 * tenant reset (credentials are not test state).
 */
import type { Store } from '../../store/store.js'
import { sysRepo } from '../../tenants/collections.js'

/** sys/tokens: access_token → TokenRecord */
export interface TokenRecord {
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
export interface ClientTokens {
  recent: string[]
}

export function oauthStore(store: Store) {
  const repo = sysRepo(store)
  return {
    tokens: repo.collection('tokens'),
    clients: repo.collection('oauth_clients'),
  }
}
export type OauthStore = ReturnType<typeof oauthStore>
