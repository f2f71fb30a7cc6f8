/** What the settlement operations do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

/** The codes and parameters of both withdrawal queries. */
const WITHDRAW_QUERY = {
  errors: {
    2100005: 'a date is not YYYY-MM-DD, or start_date is after end_date',
    2119005: 'account_id is not the tenant account',
  },
  params: {
    start_date: 'first settle day, YYYY-MM-DD (Beijing)',
    end_date: 'last settle day, YYYY-MM-DD (Beijing)',
  },
}

export const settleDocs = defineOpDocs({
  billCateringQuery: {
    description:
      "Reads the tenant's bill lines (one per verification, reversal or refund) of a Beijing bill_date, a page at a time. Changes nothing.",
    errors: { 2119005: 'account_id is not the tenant account', 4000001: 'withdraw_id names no withdrawal' },
    params: {
      bill_date: 'Beijing date of the bills, YYYY-MM-DD',
      withdraw_id: '提现单ID: the bill lines that withdrawal paid out, whatever their bill_date (takes precedence)',
      biz_type: '业务类型 (accepted, ignored)',
      page_num: 'page number, from 1',
      page_size: 'bill lines per page',
    },
  },
  billCompositeQuery: {
    description:
      "综合账单: the bill lines of a 综合 (composite) settlement account. The sandbox's tenant has one account, so it answers the same lines as catering_query: those of a Beijing bill_date, or with withdraw_id those that withdrawal paid out. Changes nothing.",
    errors: { 2119005: 'account_id is not the tenant account', 4000001: 'withdraw_id names no withdrawal' },
    params: {
      bill_date: 'Beijing date of the bills, YYYY-MM-DD',
      withdraw_id: '提现单ID: the bill lines that withdrawal paid out (takes precedence)',
      biz_type: '业务类型 (accepted, ignored)',
    },
  },
  withdrawCateringQuery: {
    description:
      "提现记录: the ledger records that settled (status 2) on one Beijing day are paid out together at the next 00:00 Beijing, as one withdrawal of their signed merchant receivable (income +, reversal −), status SUCCESS. Lists the withdrawals whose settle day lies from start_date to end_date and has ended on the tenant's virtual clock, oldest first, by cursor (an offset). A withdrawal's withdraw_id gives its bill lines in bill/catering_query. Reads the ledger only.",
    ...WITHDRAW_QUERY,
  },
  withdrawCompositeQuery: {
    description:
      "综合提现记录: the withdrawals of a 综合 (composite) settlement account. The sandbox's tenant has one account, so it answers the same withdrawals as withdraw/catering_query. Reads the ledger only.",
    ...WITHDRAW_QUERY,
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
