/** What the verification operations do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'
import { FULFIL } from './fulfilment.errors.js'

const F = FULFIL
const UNUSABLE = {
  [F.USED.code]: 'no coupon of the order is usable: the scanned one was verified already',
  [F.EXPIRED.code]: 'the scanned coupon expired',
  [F.REFUNDED.code]: 'the scanned coupon is refunded or being refunded',
  [F.NOT_STARTED.code]: 'the scanned coupon is not usable yet (before its start_time)',
  [F.OUT_OF_USE_TIME.code]: "it is outside the coupon's use_time periods now (Beijing time)",
}

export const fulfilmentDocs = defineOpDocs({
  certificatePrepare: {
    description:
      'Reads the order of a scanned coupon (code or the QR encrypted_data) and answers its coupons usable now (virtual clock, use_time) with a verify_token for one verify call within 1800 virtual seconds. Stores the token; changes no coupon.',
    errors: {
      ...UNUSABLE,
      [F.NOT_FOUND.code]: 'code or encrypted_data matches no coupon of this tenant (is it URL-encoded?)',
      [F.WRONG_POI.code]: "poi_id is not one of the product's POIs",
      [F.WRONG_FLOW.code]: '三方码 coupons are verified directly (codes + order_id), without prepare',
    },
    params: { code: '券码 as typed at the till (12 digits); give code or encrypted_data' },
  },
  certificateVerify: {
    description:
      "Verifies coupons: 抖音码 with encrypted_codes and the verify_token of a prepare, 三方码 with codes or code_with_time_list and order_id. Each verified coupon becomes used (status 2) with a verification record, its order's status and the bills follow, and life_trade_certificate_notify (action verify) is queued. A coupon that cannot be verified fails only its own verify_results entry (result = one of 4000101–4000116); token problems fail the whole call. A repeat call with the same verify_token (within its 1800 s) answers error_code 0, result 1208 with the earlier verification for the coupons it verified, and verifies the others (验券: 第二次调用error_code=0且result=1208…也可以代表验券成功).",
    errors: {
      [F.TOKEN_INVALID.code]: 'no prepare of this tenant issued the verify_token',
      [F.TOKEN_USED.code]:
        'only with the legacy tenant setting verify_token_single_use: the verify_token served a verify already',
      [F.TOKEN_EXPIRED.code]: 'the verify_token is older than 1800 virtual seconds',
    },
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
      'Cancels a verification within 3600 virtual seconds of it: the coupon is usable again (status 1), the record is marked cancelled, the bill is reversed and life_trade_certificate_notify (action verify_cancel) is queued.',
    errors: {
      [F.RECORD_NOT_FOUND.code]: 'no verification verify_id of certificate_id',
      [F.ALREADY_CANCELLED.code]: 'the verification was cancelled already',
      [F.CANCEL_LATE.code]: 'more than 3600 virtual seconds passed since the verification',
      [F.REFUNDED.code]: 'the coupon was refunded (or changed) since this verification',
    },
  },
  certificateGet: {
    description:
      'Reads one coupon by its encrypted_code, with its verification and amounts (times in milliseconds). Changes nothing.',
    errors: { [F.NOT_FOUND.code]: 'encrypted_code matches no coupon of this tenant (is it URL-encoded?)' },
  },
  certificateQuery: {
    description:
      'Reads the coupons of one encrypted_code or of a whole order (exactly one of the two). Changes nothing.',
    errors: { [F.NOT_FOUND.code]: 'the encrypted_code matches no coupon, or there is no such order' },
  },
  verifyRecordQuery: {
    description:
      "Lists the account's verification records, newest first, a page at a time, optionally by POIs and a verify_time window. Changes nothing.",
    errors: {},
  },
})
