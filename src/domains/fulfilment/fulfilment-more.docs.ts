/** Docs of the operations added with the rest of the in-scope platform (docs/contract-tests.md). */
import { defineOpDocs } from '../../http/op-docs.js'

export const fulfilmentMoreDocs = defineOpDocs({
  certificateBatchVerify: {
    description:
      'Verifies the coupons of several orders in one call at one store: each item of `certificate_batch_verify_list` is a certificate/verify body (one order) and is verified exactly as certificate/verify would, in order, with one answer per item in `certificate_verify_resp_list`. Reads and changes the same state as certificate/verify: certificates (status, 次卡 uses), verify records, verify_tokens (each used once), order statuses, the ledger (a bill when the hour is over) and `life_trade_certificate_notify` events. An item that fails as a whole (bad verify_token, missing order_id) does not stop the others.',
    entryCodes: {
      in: 'certificate_verify_resp_list[]',
      codes: {
        4000108: "verify_token 无效: the item's verify_token is unknown",
        4000109: "verify_token 已使用: the item's verify_token was used",
        4000110: "verify_token 已过期: the item's verify_token expired",
      },
    },
  },
  reserveCodeBatchImport: {
    description:
      'Adds 预导码 to the pool of a sku whose `code_source_type` is "3": each purchase of the product then takes the oldest unused codes not past their `expired_time` as its coupons\' codes (one per coupon; too few left refuses the purchase with 4000002). Those coupons are verified with `codes` on certificate/verify, without order_id, and bind_order_info finds their order. Changes the tenant\'s code pool.',
    errors: {
      4000001: 'no such sku',
      4000002: 'the sku is not a 预导码 sku; a code already imported or in use',
    },
  },
  reserveCodeBindOrderInfo: {
    description:
      'The order a 预导码 was sold with: its id, every code of the order, its amounts (fen) and creation time. Reads the code pool, orders and certificates.',
    errors: {
      4000001: 'no such code of that sku, or the code is not sold yet',
    },
  },
})
