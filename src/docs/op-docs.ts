/**
 * The codes the OpenAPI document lists beside each operation's own (src/http/op-docs.ts): the platform's text of
 * each code, and the codes every operation of a path's kind answers.
 */
import { ERROR_CODES } from '../core/errors.js'
import { FULFIL } from '../domains/fulfilment/fulfilment.errors.js'

/** The platform's (or the sandbox's) own text of a code, for the `x-error-codes` entries. */
export const CODE_TEXT: ReadonlyMap<number, string> = new Map<number, string>([
  ...Object.values(ERROR_CODES).map((e) => [e.code, e.text] as [number, string]),
  ...Object.values(FULFIL).map((e) => [e.code, e.msg] as [number, string]),
  [2137000328, '当前商品归属账户和门店无认领或使用关系'],
  [10020, '接口调用超过频率限制'],
])

const c = ERROR_CODES
const PLATFORM: Record<number, string> = {
  [c.INVALID_PARAMS.code]: 'a parameter is missing, of the wrong type or out of range; the description names it',
  [c.TOKEN_INVALID.code]: 'header access-token is missing or is not a token this sandbox issued',
  [c.TOKEN_EXPIRED.code]: 'the token expired (7200 s of virtual time) or was replaced by two newer ones',
  [c.NOT_AUTHORISED.code]: "account_id (query or JSON body) is not the tenant's account",
  [c.BUSY.code]: 'system busy: answered only through a fault rule (PUT /sandbox/faults)',
  [c.GATEWAY_BUSY.code]: 'system busy: answered only through a fault rule (PUT /sandbox/faults)',
  [c.RATE_LIMITED.code]: 'rate limited: answered only through a fault rule (PUT /sandbox/faults)',
}
const OAUTH: Record<number, string> = {
  [c.OAUTH_PARAMS.code]: 'client_key, client_secret or grant_type is missing or wrong',
  [c.OAUTH_NO_CLIENT.code]: 'client_key is not a tenant of this sandbox',
  [c.OAUTH_BAD_SECRET.code]: 'client_secret does not match client_key',
  10020: 'more than client_token_rate_limit (500) calls within 5 minutes of virtual time; no token issued, no ban',
}

/**
 * The codes every operation of a path's kind answers: the platform's gateway codes on /goodlife/, the token
 * codes on /oauth/, and on /sandbox/ bad parameters and (with the tenant header) an unknown tenant.
 */
export function gatewayCodes(path: string, hasTenantHeader: boolean): Record<number, string> {
  if (path.startsWith('/oauth/')) return OAUTH
  if (!path.startsWith('/sandbox/')) return PLATFORM
  const codes: Record<number, string> = { [c.INVALID_PARAMS.code]: PLATFORM[c.INVALID_PARAMS.code]! }
  if (hasTenantHeader) codes[c.NOT_FOUND.code] = 'no tenant with the client_key of header x-sandbox-client-key'
  return codes
}
