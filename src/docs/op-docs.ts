/**
 * What the OpenAPI document says about an operation beyond its zod contract (docs/contract-tests.md):
 * what it does in the sandbox, the business error codes it answers and the meaning of its parameters. Each
 * domain keeps a `<domain>.docs.ts` of `defineOpDocs({ <operationId>: {…} })`, listed in `op-docs.registry.ts`.
 */
import { ERROR_CODES } from '../core/errors.js'
import { FULFIL } from '../domains/fulfilment/fulfilment.errors.js'

export interface OpDoc {
  /** What the operation does in the sandbox: which state it reads and which it changes. */
  description: string
  /**
   * The business codes the operation answers, code → what it means here. The codes every operation of its kind
   * answers (bad parameters, token, account, unknown tenant) are added by `gatewayCodes` and need no entry.
   */
  errors?: Record<number, string>
  /**
   * Codes answered inside the success data rather than as the call's error_code (verify_results[].result):
   * listed in `x-error-codes` with `in` naming the field, not part of the error schema.
   */
  entryCodes?: { in: string; codes: Record<number, string> }
  /** Descriptions of the parameters the contract and the glossary (`param-glossary.ts`) do not describe. */
  params?: Record<string, string>
}

export type OpDocs = Record<string, OpDoc>

/** Declares the docs of a domain's operations, keyed by operationId. */
export const defineOpDocs = <T extends OpDocs>(docs: T): T => docs

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
