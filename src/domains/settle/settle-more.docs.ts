/** Docs of the operations added with the rest of the in-scope platform (docs/contract-tests.md). */
import { defineOpDocs } from '../../http/op-docs.js'

export const settleMoreDocs = defineOpDocs({
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
  shopPoiQuery: {
    description:
      "The tenant's stores (门店), the POIs products are published at and coupons verified in: by `account_id` (all of its POIs, paged) or by `poi_id` (that one store; account_id wins when both are given). A poi_id of no store of the tenant answers an empty page. Reads the tenant's account only.",
  },
  billQueryLegerUrl: {
    description:
      'The download link of the ledger file (分账单) of `launch_date`: an .xlsx with one header row and one row per ledger record whose bill_date is that day (the records catering_query and ledger/query answer for it, same order and amounts in fen). The file is built from the ledger when downloaded, so it shows the records as they stand then (status, settle time). `urls` is top-level, next to data and extra, as in the document. Reads the ledger only.',
  },
  billQueryRebateUrl: {
    description:
      'The download link of the rebate file (返佣账单) of `biz_month`: an .xlsx with its header row. The sandbox simulates no rebates (返佣), so the file has no data rows. Reads nothing else.',
  },
  sandboxBillFile: {
    description:
      "Downloads the file a bill-file link names, built now from the named tenant's ledger. The link carries its tenant, so no header is needed. Answers 403 with the error envelope when the signature does not match (2100005) or the link expired (4000002, 31 days of virtual time after it was issued), 404 for a name that is no file.",
  },
})
