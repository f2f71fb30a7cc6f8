/** Errors of /oauth/client_token/ and of the access-token check (douyin-api.md §0.3, §1). */
import { platformError } from '../../core/errors.js'

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
