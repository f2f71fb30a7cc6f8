/** The official SDK drives the rest of the bills: ledgerDetailedQuery, queryRecordBySubfulfil, billQueryLegerUrl, billQueryRebateUrl. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { sdk, sdkClient, sdkPrepareVerify, sdkSandbox, sdkToken } from './helpers/sdk.js'
import { readSheet } from './helpers/xlsx.js'

const ACC = DEFAULT_TENANT.account_id
const ctx = sdkSandbox({ frozenAtMs: GOODS_NOW_MS })

describe('official SDK on the ledger details and bill files', () => {
  it('reads detailed records, records by coupon and downloads the day file', async () => {
    const p = await publish(ctx.api, productBody('sdk-settle'))
    const o = await buy(ctx.api, { product_id: p.product_id })
    const c = sdkClient()
    let accessToken = await sdkToken()
    await sdkPrepareVerify(c, accessToken, o.certificates[0].code, o.certificates[0].encrypted_code)
    await ctx.api.post('/sandbox/clock/advance', { seconds: 3601 })
    accessToken = await sdkToken()
    const detailed = await c.ledgerDetailedQuery(
      new sdk.LedgerDetailedQueryRequest({
        accessToken,
        accountId: ACC,
        billDate: '2022-06-01',
        cursor: '0',
        size: '10',
      }),
    )
    expect(detailed.data.ledgerRecords).toHaveLength(1)
    const ledgerId = detailed.data.ledgerRecords[0].ledgerId
    const bySub = await c.queryRecordBySubfulfil(
      new sdk.QueryRecordBySubfulfilRequest({ accessToken, subFulfilId: [o.certificates[0].certificate_id] }),
    )
    expect(bySub.data.records[0].ledgerId).toBe(ledgerId)
    const link = await c.billQueryLegerUrl(
      new sdk.BillQueryLegerUrlRequest({ accessToken, accountId: ACC, launchDate: '2022-06-01' }),
    )
    expect(link.urls).toHaveLength(1)
    const file = await fetch(link.urls[0])
    expect(file.status).toBe(200)
    const rows = readSheet(Buffer.from(await file.arrayBuffer()))
    expect(rows.slice(1).map((r) => r[0])).toEqual([ledgerId])
    const rebate = await c.billQueryRebateUrl(
      new sdk.BillQueryRebateUrlRequest({ accessToken, accountId: ACC, bizMonth: '2022-06' }),
    )
    expect(rebate.urls[0]).toContain('/rebate/2022-06.xlsx')
  })
})
