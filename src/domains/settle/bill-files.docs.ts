/** What the bill-file links and downloads do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const billFileDocs = defineOpDocs({
  billQueryLegerUrl: {
    description:
      'Deprecated: the page of 离线分账单下载url marks it 接口不再对外提供 (no longer offered); the sandbox still answers it for existing clients (read the day through bill/catering_query or ledger/query instead). The download link of the ledger file (分账单) of `launch_date`: an .xlsx with one header row and one row per ledger record whose bill_date is that day (the records catering_query and ledger/query answer for it, same order and amounts in fen). The file is built from the ledger when downloaded, so it shows the records as they stand then (status, settle time). `urls` is top-level, next to data and extra, as in the document. Reads the ledger only.',
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
