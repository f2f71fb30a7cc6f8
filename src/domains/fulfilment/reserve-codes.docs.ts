/** What the 预导码 (reserve code) operations do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const reserveCodeDocs = defineOpDocs({
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
