/**
 * The one error class of the sandbox. Domain code throws it through the named constructors in
 * `<domain>.errors.ts`; only `src/http/render.ts` turns it into the platform's `{data, extra}` envelope.
 */

/** Platform error codes with the platform's own text (../shared/reference/douyin-api.md §0.3, §1). */
export const ERROR_CODES = {
  SUCCESS: { code: 0, text: 'success' },
  UNKNOWN: { code: 2100001, text: '未知错误' },
  BUSY: { code: 2100004, text: '系统繁忙,此时请开发者稍候再试' },
  INVALID_PARAMS: { code: 2100005, text: '参数不合法' },
  TOKEN_INVALID: { code: 2190002, text: 'access_token无效' },
  NO_SCOPE: { code: 2190004, text: '应用未获得该能力' },
  TOKEN_EXPIRED: { code: 2190008, text: 'access_token过期,请刷新或重新授权' },
  INVALID_PARAMS_2: { code: 2119001, text: '参数不合法' },
  GATEWAY_BUSY: { code: 2119002, text: '系统繁忙,请稍候再试' },
  RATE_LIMITED: { code: 2119003, text: '请求太过频繁,请稍后再试' },
  NOT_AUTHORISED: { code: 2119005, text: '应用未获商家授权' },
  BUSINESS: { code: 3000001, text: '业务错误' },
  NOT_FOUND: { code: 4000001, text: '资源不存在' },
  STATE_CONFLICT: { code: 4000002, text: '状态不允许此操作' },
  INTERNAL: { code: 5000001, text: '服务内部错误' },
  // /oauth/client_token/ codes (developer.open-douyin.com … /preparation/client_token)
  OAUTH_PARAMS: { code: 10002, text: '参数错误' },
  OAUTH_NO_CLIENT: { code: 10003, text: 'client_key 不存在' },
  OAUTH_BAD_SECRET: { code: 10013, text: 'client_key 或者 client_secret 报错' },
} as const

export type ErrorName = keyof typeof ERROR_CODES

export interface SandboxErrorOptions {
  /** HTTP status to answer with; the platform answers business errors with 200. */
  status?: number
  /** Extra fields placed in `data` next to error_code/description. */
  data?: Record<string, unknown>
  /** What exactly is wrong, naming the field: answered in `extra.sub_description`. */
  detail?: string
  /** A more specific code: answered in `extra.sub_error_code` (0: none). */
  subErrorCode?: number
  /** The code and text versions up to 0.1 answered, given instead when the tenant keeps a legacy setting. */
  legacy?: { errorCode: number; text: string; setting: 'verify_errors_own_codes' }
}

/**
 * A platform error. As the platform answers (参数不合法 with `extra.sub_description` "ext_id should be string"),
 * `text` is the code's standard text, answered in `description`, and `detail` names the field and the problem,
 * answered in `extra.sub_description`; `description` (and the message) joins both for logs and in-process callers.
 */
export class SandboxError extends Error {
  readonly errorCode: number
  readonly text: string
  readonly detail: string
  readonly subErrorCode: number
  readonly description: string
  readonly status: number
  readonly data: Record<string, unknown> | undefined
  readonly legacy: SandboxErrorOptions['legacy']

  constructor(errorCode: number, text: string, options: SandboxErrorOptions = {}) {
    const detail = options.detail ?? ''
    const description = detail ? `${text}: ${detail}` : text
    super(description)
    this.name = 'SandboxError'
    this.errorCode = errorCode
    this.text = text
    this.detail = detail
    this.subErrorCode = options.subErrorCode ?? 0
    this.description = description
    this.status = options.status ?? 200
    this.data = options.data
    this.legacy = options.legacy
  }

  /** The error as a tenant with these settings answers it: a legacy setting keeps the code of versions up to 0.1. */
  answeredWith(
    settings: Partial<Record<NonNullable<SandboxErrorOptions['legacy']>['setting'], boolean>>,
  ): SandboxError {
    if (!this.legacy || !settings[this.legacy.setting]) return this
    const { errorCode, text } = this.legacy
    return new SandboxError(errorCode, text, { detail: this.detail, status: this.status, data: this.data })
  }
}

/** Builds a SandboxError for a named code: `platformError('INVALID_PARAMS', 'poi_id: required')`. */
export function platformError(name: ErrorName, detail?: string, options?: SandboxErrorOptions): SandboxError {
  const { code, text } = ERROR_CODES[name]
  return new SandboxError(code, text, { ...options, detail })
}

/** Bad input: 2100005 with a description naming the field. */
export function invalidParams(detail: string): SandboxError {
  return platformError('INVALID_PARAMS', detail)
}
