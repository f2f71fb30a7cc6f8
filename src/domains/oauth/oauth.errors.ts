/** Errors of /oauth/client_token/ and of the access-token check (douyin-api.md §0.3, §1). */
import { platformError, SandboxError } from '../../core/errors.js'

export const noSuchClient = (key: string) =>
  platformError('OAUTH_NO_CLIENT', `client_key "${key}" is not a tenant of this sandbox (GET /sandbox/tenants)`)
export const wrongSecret = () => platformError('OAUTH_BAD_SECRET', 'client_secret does not match client_key')
export const missingToken = () =>
  platformError('TOKEN_INVALID', 'header access-token is missing; get one from POST /oauth/client_token/')
export const unknownToken = () =>
  platformError('TOKEN_INVALID', 'header access-token is not a token this sandbox issued')
export const expiredToken = (atIso: string) =>
  platformError(
    'TOKEN_EXPIRED',
    `the token expired at ${atIso} (virtual time); get a new one from POST /oauth/client_token/`,
  )
export const supersededToken = (why: string) => platformError('TOKEN_EXPIRED', why)
export const accountNotAuthorised = (accountId: string) =>
  platformError(
    'NOT_AUTHORISED',
    `account_id ${accountId} has not authorised this app (client_key); use the tenant's own account_id`,
  )
/** 状态码排查工具 28001016 当前应用已被封禁或下线: the client_key called client_token too often. */
export const bannedClient = (key: string, atMs: number) =>
  new SandboxError(
    28001016,
    `当前应用已被封禁或下线: client_key ${key} called /oauth/client_token/ more than the allowed times in a minute at ${new Date(atMs).toISOString()} (virtual time) and is banned (每分钟超过 60 次, client_key 将被永久封禁); POST /sandbox/reset lifts the ban, tenant setting client_token_rate_limit sets the limit`,
  )
