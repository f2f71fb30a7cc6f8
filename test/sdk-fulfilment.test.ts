/** The official SDK drives the till: prepare, verify, get, query, verify_record, cancel and order query. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT } from './helpers/harness.js'
import { buy, coffeePack, GOODS_NOW_MS, packBody, publish } from './helpers/goods.js'
import { sdk, sdkClient, sdkPrepareVerify, sdkSandbox, sdkToken } from './helpers/sdk.js'

const ACC = DEFAULT_TENANT.account_id
const ctx = sdkSandbox({ frozenAtMs: GOODS_NOW_MS })

describe('official SDK at the till', () => {
  it('prepares, verifies, reads, lists, cancels and queries the order without a type error', async () => {
    const p = await publish(ctx.api, packBody('sdk-pack', coffeePack()))
    const order = await buy(ctx.api, { product_id: p.product_id })
    const accessToken = await sdkToken()
    const c = sdkClient()

    const prep = await c.certificatePrepare(
      new sdk.CertificatePrepareRequest({
        accessToken,
        encryptedData: order.certificates[7].encrypted_data,
        poiId: DEFAULT_TENANT.poi_id,
      }),
    )
    expect(prep.data.orderId).toBe(order.order.order_id)
    expect(prep.data.certificates).toHaveLength(8)
    const encryptedCodes = prep.data.certificates.slice(0, 2).map((x: { encryptedCode: string }) => x.encryptedCode)
    const verified = await c.certificateVerify(
      new sdk.CertificateVerifyRequest({
        accessToken,
        verifyToken: prep.data.verifyToken,
        poiId: DEFAULT_TENANT.poi_id,
        encryptedCodes,
      }),
    )
    expect(verified.data.verifyResults.map((r: { result: number }) => r.result)).toEqual([0, 0])
    const first = verified.data.verifyResults[0]

    const got = await c.certificateGet(new sdk.CertificateGetRequest({ accessToken, encryptedCode: encryptedCodes[0] }))
    expect(got.data.certificate.status).toBe(2)
    const listed = await c.certificateQuery(
      new sdk.CertificateQueryRequest({ accessToken, orderId: order.order.order_id }),
    )
    expect(listed.data.certificates).toHaveLength(8)
    const records = await c.verifyRecordQuery(
      new sdk.VerifyRecordQueryRequest({ accessToken, accountId: ACC, cursor: '0', size: 10 }),
    )
    expect(records.data.records).toHaveLength(2)
    expect(records.data.recordsV2[0].canCancel).toBe(true)

    await c.certificateCancel(
      new sdk.CertificateCancelRequest({ accessToken, verifyId: first.verifyId, certificateId: first.certificateId }),
    )
    const after = await c.certificateGet(
      new sdk.CertificateGetRequest({ accessToken, encryptedCode: encryptedCodes[0] }),
    )
    expect(after.data.certificate.status).toBe(1)

    const orders = await c.tradeOrderQuery(
      new sdk.TradeOrderQueryRequest({
        accessToken,
        accountId: ACC,
        orderId: order.order.order_id,
        pageNum: 1,
        pageSize: 10,
      }),
    )
    expect(orders.data.orders[0].certificate).toHaveLength(8)
    const akte = await c.akteOrderQuery(
      new sdk.AkteOrderQueryRequest({ accessToken, accountId: ACC, orderStatus: 201, pageNum: 1, pageSize: 10 }),
    )
    expect(akte.data.orders[0].orderId).toBe(order.order.order_id)
  })

  it('gets a cancel after the hour as a thrown error with its code', async () => {
    const p = await publish(ctx.api, packBody('sdk-late', coffeePack()))
    const order = await buy(ctx.api, { product_id: p.product_id })
    const accessToken = await sdkToken()
    const c = sdkClient()
    const v = await sdkPrepareVerify(c, accessToken, order.certificates[0].code)
    await ctx.api.post('/sandbox/clock/advance', { seconds: 3601 })
    const fresh = await sdkToken()
    const err = await c
      .certificateCancel(
        new sdk.CertificateCancelRequest({
          accessToken: fresh,
          verifyId: v.data.verifyResults[0].verifyId,
          certificateId: v.data.verifyResults[0].certificateId,
        }),
      )
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: '3000001' })
  })
})
