/**
 * Verification errors. A whole call the platform refuses answers 3000001 with a Chinese reason in `description`
 * and the specific code in `extra.sub_error_code` (撤销核销 after the hour: 3000001 "已超过可撤销时限,无法撤销核销",
 * sub_error_code 2034000910; a refused prepare: 3000001 "该券不可使用券码查询"). Where no platform code is known the
 * sandbox's own 4000101–4000117 is the sub_error_code; the mapping is listed in docs/errors.md. The same codes,
 * per coupon, are verify_results[].result.
 */
import { ERROR_CODES, invalidParams, SandboxError } from '../../core/errors.js'

/** code → platform-style text; used for verify_results[].result and (legacy) envelope errors */
export const FULFIL = {
  NOT_FOUND: { code: 4000101, msg: '券码不存在' },
  USED: { code: 4000102, msg: '券已使用' },
  EXPIRED: { code: 4000103, msg: '券已过期' },
  REFUNDED: { code: 4000104, msg: '券已退款或退款中' },
  NOT_STARTED: { code: 4000105, msg: '券未到可使用时间' },
  NOT_IN_ORDER: { code: 4000106, msg: '券不属于该订单' },
  WRONG_POI: { code: 4000107, msg: '该门店不可核销此券' },
  TOKEN_INVALID: { code: 4000108, msg: 'verify_token 无效' },
  TOKEN_USED: { code: 4000109, msg: 'verify_token 已使用' },
  TOKEN_EXPIRED: { code: 4000110, msg: 'verify_token 已过期' },
  WRONG_FLOW: { code: 4000111, msg: '券码类型与验券方式不符' },
  CANCEL_LATE: { code: 4000112, msg: '超过可撤销时间' },
  ALREADY_CANCELLED: { code: 4000113, msg: '核销记录已撤销' },
  RECORD_NOT_FOUND: { code: 4000114, msg: '核销记录不存在' },
  OUT_OF_USE_TIME: { code: 4000115, msg: '当前不在券的使用时间内' },
  OVER_USE_LIMIT: { code: 4000116, msg: '超过每人单次消费最多使用张数' },
  /** prepare with a QR shown before a coupon of the order changed (验券准备: 需要使用刷新的二维码) */
  QR_STALE: { code: 4000117, msg: '二维码已失效,请刷新二维码' },
  /** per item, on a repeat verify with the same verify_token (验券: 第二次调用…result=1208…也可以代表验券成功) */
  VERIFIED_BY_TOKEN: { code: 1208, msg: '该券已核销' },
} as const

export type FulfilCode = keyof typeof FULFIL

/**
 * The platform's answer to a whole call refused for `name`: 3000001, the reason, the sub_error_code. The pages
 * give two (撤销核销 after the hour, a prepare refused); the others keep the sandbox's text and code.
 */
export const WHOLE_CALL: Partial<Record<FulfilCode, { reason: string; subErrorCode: number }>> = {
  CANCEL_LATE: { reason: '已超过可撤销时限,无法撤销核销', subErrorCode: 2034000910 },
  WRONG_FLOW: { reason: '该券不可使用券码查询', subErrorCode: FULFIL.WRONG_FLOW.code },
}

export function fulfilError(name: FulfilCode, detail: string): SandboxError {
  const { code, msg } = FULFIL[name]
  const { reason, subErrorCode } = WHOLE_CALL[name] ?? { reason: msg, subErrorCode: code }
  return new SandboxError(ERROR_CODES.BUSINESS.code, reason, {
    detail,
    subErrorCode,
    legacy: { errorCode: code, text: msg, setting: 'verify_errors_own_codes' },
  })
}

export const needCode = () => invalidParams('code or encrypted_data is required')
export const needOneOf = (a: string, b: string) => invalidParams(`exactly one of ${a} and ${b} is required`)
export const needVerifyInput = () =>
  invalidParams(
    'encrypted_codes (抖音码, with verify_token) or codes / code_with_time_list (三方码, with order_id) is required',
  )
export const needField = (field: string, why: string) => invalidParams(`${field} is required ${why}`)
