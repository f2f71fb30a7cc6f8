/** What the settlement operations do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../docs/op-docs.js'

export const settleDocs = defineOpDocs({
  billCateringQuery: {
    description:
      "Reads the tenant's bill lines (one per verification, reversal or refund) of a Beijing bill_date, a page at a time. Changes nothing.",
    errors: {},
    params: {
      bill_date: 'Beijing date of the bills, YYYY-MM-DD',
      withdraw_id: '提现单ID (accepted, not simulated)',
      biz_type: '业务类型 (accepted, ignored)',
      page_num: 'page number, from 1',
      page_size: 'bill lines per page',
    },
  },
  ledgerQuery: {
    description: "Lists the tenant's ledger (分账) records, newest first, a page at a time. Changes nothing.",
    errors: {},
  },
  queryRecordByCert: {
    description: 'Reads the ledger records of up to 50 certificates. Changes nothing.',
    errors: {},
    params: { certificate_ids: 'certificate ids, comma-separated, 1–50' },
  },
})
