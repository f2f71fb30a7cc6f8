/** What the detailed ledger queries (detailed, by order, by coupon) do in the sandbox (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const ledgerDetailDocs = defineOpDocs({
  ledgerDetailedQuery: {
    description:
      'The ledger records whose bill_date (the Beijing date of the verification) is `bill_date`, oldest first, by cursor (an offset): one income record (fund_amount_type 1) per verification that stood past its hour, one reversal (2) per refund of a billed coupon; `status` 0 → 2 after settle_delay_seconds. The same records as ledger/query with the KA amount breakdown (platform_ticket, ledger_total, total_merchant_platform_service = the commission, …). Reads the ledger only.',
  },
  ledgerQueryByOrder: {
    description:
      'Every ledger record of the orders (income and reversals, any date), keyed by ledger_id, each naming its order_id. `ledger_second_records` (delivery fees) is always empty: the sandbox sells no delivery. Reads the ledger only.',
  },
  ledgerDetailedQueryByOrder: {
    description:
      'Every ledger record of the orders (income and reversals, any date), keyed by ledger_id, each naming its order_id; amounts with the KA breakdown of detailed_query. `ledger_second_records` (delivery fees) is always empty: the sandbox sells no delivery. Reads the ledger only.',
  },
  billQueryRecordBySubfulfil: {
    description:
      "The ledger records of coupons (`sub_fulfil_id` = their certificate_ids): income and reversals, each with the ledger_datail_map breakdown (goods = merchant receivable, merchant_platform_commission with the tenant's commission_ratio in ‱, pay_handling 0). A coupon without records answers an empty list. Reads the ledger only.",
  },
})
