/** The official SDK drives after-sales and bills: orderDetailGet, afterSaleOrderAudit, billCateringQuery, ledgerQuery, queryRecordByCert. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { sdk, sdkClient, sdkPrepareVerify, sdkSandbox, sdkToken } from './helpers/sdk.js'

const ACC = DEFAULT_TENANT.account_id
const ctx = sdkSandbox({ frozenAtMs: GOODS_NOW_MS })

describe('official SDK on after-sales and bills', () => {
  it('reads after-sales, answers the audit and reads the bills without a type error', async () => {
    const b = productBody('sdk-refund')
    b.product.attr_key_value_map.RefundPolicy = '1'
    const p = await publish(ctx.api, b)
    const o = await buy(ctx.api, { product_id: p.product_id, count: 2 })
    const c = sdkClient()
    let accessToken = await sdkToken()
    await sdkPrepareVerify(c, accessToken, o.certificates[0].code, o.certificates[0].encrypted_code)
    await ctx.api.post('/sandbox/clock/advance', { seconds: 3601 })
    await ctx.api.post('/sandbox/refunds', {
      order_id: o.order.order_id,
      certificate_ids: [o.certificates[1].certificate_id],
    })
    accessToken = await sdkToken()

    const detail = await c.orderDetailGet(
      new sdk.OrderDetailGetRequest({ accessToken, accountId: ACC, orderId: o.order.order_id }),
    )
    expect(detail.data.afterSaleOrderList[0].status).toBe(1)
    const audited = await c.afterSaleOrderAudit(
      new sdk.AfterSaleOrderAuditRequest({ accessToken, accountId: ACC, orderId: o.order.order_id, auditStatus: true }),
    )
    expect(audited.data.reentry).toBe(false)
    const after = await c.orderDetailGet(
      new sdk.OrderDetailGetRequest({
        accessToken,
        accountId: ACC,
        orderId: o.order.order_id,
        certificateId: o.certificates[1].certificate_id,
      }),
    )
    expect(after.data.afterSaleOrderList[0].status).toBe(2)

    const catering = await c.billCateringQuery(
      new sdk.BillCateringQueryRequest({ accessToken, accountId: ACC, billDate: '2022-06-01', cursor: '0', size: 10 }),
    )
    expect(catering.data.ledgerRecords).toHaveLength(1)
    const ledger = await c.ledgerQuery(
      new sdk.LedgerQueryRequest({ accessToken, accountId: ACC, billDate: '2022-06-01', cursor: '0', size: 10 }),
    )
    expect(ledger.data.ledgerRecords[0].certificate.certificateId).toBe(o.certificates[0].certificate_id)
    const byCert = await c.queryRecordByCert(
      new sdk.QueryRecordByCertRequest({ accessToken, certificateIds: [o.certificates[0].certificate_id] }),
    )
    expect(byCert.data.records).toHaveLength(1)
  })

  it('gets a rejection without a reason as a thrown 2100005', async () => {
    const b = productBody('sdk-reject')
    b.product.attr_key_value_map.RefundPolicy = '1'
    const p = await publish(ctx.api, b)
    const o = await buy(ctx.api, { product_id: p.product_id })
    await ctx.api.post('/sandbox/refunds', { order_id: o.order.order_id })
    const accessToken = await sdkToken()
    const err = await sdkClient()
      .afterSaleOrderAudit(
        new sdk.AfterSaleOrderAuditRequest({
          accessToken,
          accountId: ACC,
          orderId: o.order.order_id,
          auditStatus: false,
        }),
      )
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: '2100005' })
  })
})
