/** What the verification operations do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'
import { ERROR_CODES } from '../../core/errors.js'
import { FULFIL, WHOLE_CALL, type FulfilCode } from './fulfilment.errors.js'

const F = FULFIL
const REFUSED = ERROR_CODES.BUSINESS.code

/** 3000001 with the reason; the lines name each sub_error_code the operation answers (docs/errors.md lists them). */
function refused(subs: Array<[FulfilCode, string]>): Record<number, string> {
  const lines = subs.map(([name, why]) => {
    const { reason, subErrorCode } = WHOLE_CALL[name] ?? { reason: F[name].msg, subErrorCode: F[name].code }
    return `sub_error_code ${subErrorCode} (${reason}): ${why}`
  })
  return {
    [REFUSED]: `the call is refused; description is the reason, extra.sub_error_code says which: ${lines.join('; ')}`,
  }
}

export const fulfilmentDocs = defineOpDocs({
  certificatePrepare: {
    description:
      'Reads the order of a scanned coupon (code or the QR encrypted_data) and answers its coupons usable now (virtual clock, use_time) with a verify_token for one verify call within 1800 virtual seconds. An order with no coupon usable now answers success with an empty `certificates` list (验券准备: 如未返回券码信息,则说明该订单此刻无可用券码). A QR encrypted_data carries the version of its order: after any coupon of the order changed (verified, cancelled, refunded, expired) the earlier one is refused (验券准备: 如已经调用验券接口验券成功,则当前二维码会失效…需要使用刷新的二维码). Stores the token; changes no coupon.',
    errors: refused([
      ['NOT_FOUND', 'code or encrypted_data matches no coupon of this tenant (is it URL-encoded?)'],
      [
        'QR_STALE',
        'encrypted_data was shown before a coupon of its order changed (验券准备: 需要使用刷新的二维码); GET /sandbox/orders/{order_id} answers the current one',
      ],
      ['WRONG_POI', "poi_id is not one of the product's POIs"],
      ['WRONG_FLOW', '三方码 coupons are verified directly (codes + order_id), without prepare'],
    ]),
    params: { code: '券码 as typed at the till (12 digits); give code or encrypted_data' },
  },
  certificateVerify: {
    description:
      "Verifies coupons: 抖音码 with encrypted_codes and the verify_token of a prepare, 三方码 with codes or code_with_time_list and order_id. Each verified coupon becomes used (status 2) with a verification record, its order's status and the bills follow, and life_trade_certificate_notify (action verify) is queued. A coupon that cannot be verified fails only its own verify_results entry (result = one of 4000101–4000116); token problems fail the whole call (3000001, the specific code in extra.sub_error_code). A repeat call with the same verify_token (within its 1800 s) answers error_code 0, result 1208 with the earlier verification for the coupons it verified, and verifies the others (验券: 第二次调用error_code=0且result=1208…也可以代表验券成功).",
    errors: refused([
      ['TOKEN_INVALID', 'no prepare of this tenant issued the verify_token'],
      [
        'TOKEN_USED',
        'only with the legacy tenant setting verify_token_single_use: the verify_token served a verify already',
      ],
      ['TOKEN_EXPIRED', 'the verify_token is older than 1800 virtual seconds'],
    ]),
    entryCodes: {
      in: 'verify_results[].result',
      codes: Object.fromEntries(
        Object.values(F)
          .filter(
            (e) =>
              e !== F.VERIFIED_BY_TOKEN &&
              (e.code < F.TOKEN_INVALID.code || e.code === F.WRONG_FLOW.code || e.code > F.RECORD_NOT_FOUND.code),
          )
          .map((e) => [e.code, 'this coupon was not verified; the others of the call were'])
          .concat([
            [
              F.VERIFIED_BY_TOKEN.code,
              "a repeat call with the same verify_token: this call's token verified this coupon already (success)",
            ],
          ]),
      ),
    },
  },
  certificateCancel: {
    description:
      'Cancels a verification within 3600 virtual seconds of it: the coupon is usable again (status 1), the record is marked cancelled, the bill is reversed and life_trade_certificate_notify (action verify_cancel) is queued. Answers cancel_results, one {verify_id, order_id, result_code 0, result_msg} per cancelled verification (a 次卡 by times_card_cancel_count may cancel several), and transaction_id "".',
    errors: refused([
      ['RECORD_NOT_FOUND', 'no verification verify_id of certificate_id'],
      ['ALREADY_CANCELLED', 'the verification was cancelled already'],
      ['CANCEL_LATE', 'more than 3600 virtual seconds passed since the verification'],
      ['REFUNDED', 'the coupon was refunded (or changed) since this verification'],
    ]),
  },
  certificateGet: {
    description:
      'Reads one coupon by its encrypted_code, with its verification and amounts (start_time and expire_time in milliseconds; verify.verify_time, verify_records[].verify_time and sku.sold_start_time in seconds, 单位秒 on its page). Changes nothing.',
    errors: refused([['NOT_FOUND', 'encrypted_code matches no coupon of this tenant (is it URL-encoded?)']]),
  },
  certificateQuery: {
    description:
      'Reads the coupons of one encrypted_code or of a whole order (exactly one of the two). Changes nothing.',
    errors: refused([['NOT_FOUND', 'the encrypted_code matches no coupon, or there is no such order']]),
  },
  verifyRecordQuery: {
    description:
      "Lists the account's verification records, newest first, a page at a time, optionally by POIs and a verify_time window. Changes nothing.",
    errors: {},
  },
})
