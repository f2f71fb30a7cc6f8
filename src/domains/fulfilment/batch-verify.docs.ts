/** What batch_verify does in the sandbox and the codes it answers (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const batchVerifyDocs = defineOpDocs({
  certificateBatchVerify: {
    description:
      'Verifies the coupons of several orders in one call at one store: each item of `certificate_batch_verify_list` is a certificate/verify body (one order) and is verified exactly as certificate/verify would, in order, with one answer per item in `certificate_verify_resp_list`. Reads and changes the same state as certificate/verify: certificates (status, 次卡 uses), verify records, verify_tokens (each used once), order statuses, the ledger (a bill when the hour is over) and `life_trade_certificate_notify` events. An item that fails as a whole (bad verify_token, missing order_id) does not stop the others.',
    entryCodes: {
      in: 'certificate_verify_resp_list[]',
      codes: {
        3000001:
          "the item is refused as certificate/verify would refuse it, the specific code in the item's sub_error_code: 4000108 verify_token 无效 (unknown), 4000109 verify_token 已使用 (legacy setting verify_token_single_use), 4000110 verify_token 已过期",
      },
    },
  },
})
