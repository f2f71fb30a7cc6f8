/** The oauth domain's collections in the shared namespace (src/sandbox.ts merges every part's into the shared map). */
import type { ClientTokens, TokenRecord } from './oauth.store.js'

export interface OauthSysCollections {
  /** access token → TokenRecord */
  tokens: TokenRecord
  /** client_key → its newest tokens */
  oauth_clients: ClientTokens
}
