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
export const tokenOfDeletedTenant = (key: string) =>
  platformError(
    'TOKEN_INVALID',
    `header access-token was issued to a tenant ${key} that was deleted since; the tenant of that client_key now ` +
      'is a new one: get a token from POST /oauth/client_token/',
  )
export const supersededToken = (why: string) => platformError('TOKEN_EXPIRED', why)
export const accountNotAuthorised = (accountId: string) =>
  platformError(
    'NOT_AUTHORISED',
    `account_id ${accountId} has not authorised this app (client_key); use the tenant's own account_id`,
  )
/** 生活服务 client_token, 频控规则: more than the allowed calls within 5 minutes answer 10020 (no ban). */
export const callRateExceeded = (key: string, limit: number, untilMs: number) =>
  new SandboxError(10020, '接口调用超过频率限制', {
    detail:
      `client_key ${key} called /oauth/client_token/ ${limit} times within 5 minutes of virtual time ` +
      `(频控规则: 5 分钟内超过 500 次接口调用,接口报错,错误码 10020); calls are accepted again from ` +
      `${new Date(untilMs).toISOString()}, and tokens already issued keep working. Reuse a token for its 7200 s ` +
      `instead of fetching one per request; tenant setting client_token_rate_limit sets the limit (0: none)`,
  })
