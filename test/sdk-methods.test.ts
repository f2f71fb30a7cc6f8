/**
 * Every method of the official Node SDK (@open-dy/open_api_sdk 1.1.0) whose path the sandbox serves, called with
 * inputs typed exactly as the SDK's request models declare them (strings where they say string: amounts, stock,
 * counts, create/callback's result), a combo pack included. Each call must succeed (the SDK throws on a non-zero
 * error code) and come back through the SDK's own cast with the declared types.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT } from './helpers/harness.js'
import { buy, coffeePack, GOODS_NOW_MS, packBody, productBody, publish } from './helpers/goods.js'
import { useReceivers } from './helpers/receiver.js'
import { sdk, sdkClient, sdkSandbox } from './helpers/sdk.js'
import { sdkCaller, servedSdkMethods } from './helpers/sdk-cast.js'
import { ModelWalk } from './helpers/sdk-models.js'
import { MODEL_EXCEPTIONS } from './helpers/sdk-model-exceptions.js'
import { productBuilders } from '../src/domains/goods/product.examples.js'

const ACC = DEFAULT_TENANT.account_id
const POI = DEFAULT_TENANT.poi_id
const DAY = '2022-06-01'
const ctx = sdkSandbox({ frozenAtMs: GOODS_NOW_MS })
const newReceiver = useReceivers()
const called = new Set<string>()
const walk = new ModelWalk()
const call = sdkCaller(sdkClient(), called, walk)

async function token(): Promise<string> {
  const tok = await call(
    'oauthClientToken',
    new sdk.OauthClientTokenRequest({
      clientKey: DEFAULT_TENANT.client_key,
      clientSecret: DEFAULT_TENANT.client_secret,
      grantType: 'client_credential',
    }),
  )
  expect(tok.data.errorCode).toBe('0')
  return tok.data.accessToken
}

const advance = (seconds: number) => ctx.api.post('/sandbox/clock/advance', { seconds })

/** 验券准备 then 验券 of one coupon at the till, through the SDK; the prepare answer, for assertions on it. */
async function prepareAndVerify(accessToken: string, coupon: { code: string; encrypted_code: string }) {
  const prep = await call('certificatePrepare', new sdk.CertificatePrepareRequest({ accessToken, code: coupon.code }))
  await call(
    'certificateVerify',
    new sdk.CertificateVerifyRequest({
      accessToken,
      verifyToken: prep.data.verifyToken,
      poiId: POI,
      encryptedCodes: [coupon.encrypted_code],
    }),
  )
  return prep
}

/** A save body as the SDK's models: product without product_form_type, amounts and stock as strings. */
function sdkSave(accessToken: string, b: any, outId: string) {
  const p = b.product
  const product = new sdk.GoodsProductSaveRequestProduct({
    outId,
    productName: p.product_name,
    productType: p.product_type,
    bizLine: p.biz_line,
    categoryId: String(p.category_id),
    accountName: p.account_name,
    soldStartTime: String(p.sold_start_time),
    soldEndTime: String(p.sold_end_time),
    pois: p.pois.map((x: { poi_id: string }) => new sdk.GoodsProductSaveRequestProductPoisItem({ poiId: x.poi_id })),
    attrKeyValueMap: p.attr_key_value_map,
    telephone: p.telephone,
  })
  const sku = new sdk.GoodsProductSaveRequestSku({
    skuName: b.sku.sku_name,
    actualAmount: String(b.sku.actual_amount),
    originAmount: String(b.sku.origin_amount),
    status: 1,
    attrKeyValueMap: b.sku.attr_key_value_map,
    stock: new sdk.GoodsProductSaveRequestSkuStock({ limitType: 1, stockQty: String(b.sku.stock.stock_qty) }),
  })
  return new sdk.GoodsProductSaveRequest({ accessToken, accountId: ACC, product, sku })
}

describe('every SDK 1.1.0 method the sandbox serves, with SDK-typed inputs', () => {
  it('goods: templates, a combo pack saved through the SDK model, drafts, online views, operate, free_audit, stock', async () => {
    const accessToken = await token()
    const tpl = await call(
      'goodsTemplateGet',
      new sdk.GoodsTemplateGetRequest({ accessToken, categoryId: '1001001', productType: 1 }),
    )
    expect(tpl.data.productAttrs.map((a: { key: string }) => a.key)).toContain('combination_rule')
    await call(
      'akteGoodsTemplateGet',
      new sdk.AkteGoodsTemplateGetRequest({ accessToken, categoryId: '1001001', productType: 1 }),
    )
    const saved = await call('goodsProductSave', sdkSave(accessToken, packBody('m-pack', coffeePack()), 'm-pack'))
    const productId: string = saved.data.productId
    expect(productId).toMatch(/^7\d{18}$/)
    const drafts = await call(
      'productDraftGet',
      new sdk.ProductDraftGetRequest({ accessToken, accountId: ACC, productIds: [productId], getDraftType: 1 }),
    )
    expect(drafts.data.productDrafts[0].draftStatus).toBe(10)
    const page = await call('draftQuery', new sdk.DraftQueryRequest({ accessToken, accountId: ACC, count: '5' }))
    expect(page.data.products.length).toBeGreaterThan(0)

    await advance(60)
    const online = await call(
      'goodsProductOnlineGet',
      new sdk.GoodsProductOnlineGetRequest({ accessToken, accountId: ACC, productIds: [productId] }),
    )
    expect(online.data.productOnlines[0].onlineStatus).toBe(1)
    await call('onlineGet', new sdk.OnlineGetRequest({ accessToken, accountId: ACC, outIds: ['m-pack'] }))
    await call('productOperate', new sdk.ProductOperateRequest({ accessToken, accountId: ACC, productId, opType: 2 }))
    const offline = await call(
      'onlineQuery',
      new sdk.OnlineQueryRequest({ accessToken, accountId: ACC, count: '10', status: 2 }),
    )
    expect(offline.data.products.map((x: any) => x.product.productId)).toContain(productId)
    await call('productOperate', new sdk.ProductOperateRequest({ accessToken, accountId: ACC, productId, opType: 1 }))
    const listed = await call(
      'productOnlineQuery',
      new sdk.ProductOnlineQueryRequest({ accessToken, accountId: ACC, count: '10', status: 1 }),
    )
    expect(listed.data.products.map((x: any) => x.product.productId)).toContain(productId)
    await call(
      'productFreeAudit',
      new sdk.ProductFreeAuditRequest({ accessToken, accountId: ACC, productId, stockQty: '380' }),
    )
    await call(
      'goodsStockSync',
      new sdk.GoodsStockSyncRequest({
        accessToken,
        accountId: ACC,
        outId: 'm-pack',
        stock: new sdk.GoodsStockSyncRequestStock({ limitType: 1, stockQty: '400' }),
      }),
    )
    const after = await call(
      'goodsProductOnlineGet',
      new sdk.GoodsProductOnlineGetRequest({ accessToken, accountId: ACC, outIds: ['m-pack'] }),
    )
    expect(after.data.productOnlines[0].sku.stock.stockQty).toBe('400')
  })

  it('till and orders: prepare, verify, get, query, records, cancel, order queries', async () => {
    const p = await publish(ctx.api, packBody('m-till', coffeePack()))
    const o = await buy(ctx.api, { product_id: p.product_id })
    const accessToken = await token()
    const prep = await call(
      'certificatePrepare',
      new sdk.CertificatePrepareRequest({ accessToken, code: o.certificates[0].code }),
    )
    expect(prep.data.certificates).toHaveLength(8)
    expect(prep.data.certificates[0].usedStatusType).toBe(0)
    const encryptedCode: string = prep.data.certificates[0].encryptedCode
    const verified = await call(
      'certificateVerify',
      new sdk.CertificateVerifyRequest({
        accessToken,
        verifyToken: prep.data.verifyToken,
        poiId: POI,
        encryptedCodes: [encryptedCode],
      }),
    )
    const result = verified.data.verifyResults[0]
    expect(result.result).toBe(0)
    // a 次卡 bought with a merchant and a platform discount, one of its three uses verified
    const builders = productBuilders({ account_id: ACC, poi_ids: [POI], now: GOODS_NOW_MS / 1000 })
    const card = await publish(ctx.api, builders.timeCard({ times_count: 3, price: 9000 }))
    const discounts = [{ discount_type: 1, merchant_discount_amount: 500, platform_discount_amount: 300 }]
    const co = await buy(ctx.api, { product_id: card.product_id, discounts })
    const cardPrep = await prepareAndVerify(accessToken, co.certificates[0])
    expect(cardPrep.data.certificates[0].timeCard.timesCount).toBe(3)
    const cardAmount = cardPrep.data.certificates[0].amount
    expect(cardAmount).toMatchObject({ brandTicketAmount: '0', originalCurrency: 'CNY' })
    expect(cardAmount.originListMarketAmount).toBe(String(cardAmount.listMarketAmount))
    const cardGot = await call(
      'certificateGet',
      new sdk.CertificateGetRequest({ accessToken, encryptedCode: co.certificates[0].encrypted_code }),
    )
    expect(cardGot.data.certificate.timeCard.timesUsed).toBe(1)
    await call('certificateQuery', new sdk.CertificateQueryRequest({ accessToken, orderId: co.order.order_id }))
    const cardOrder = await call(
      'tradeOrderQuery',
      new sdk.TradeOrderQueryRequest({
        accessToken,
        accountId: ACC,
        orderId: co.order.order_id,
        pageNum: 1,
        pageSize: 10,
      }),
    )
    expect(cardOrder.data.orders[0].discounts.length).toBe(1)
    const got = await call('certificateGet', new sdk.CertificateGetRequest({ accessToken, encryptedCode }))
    expect(got.data.certificate).toMatchObject({ status: 2, usedStatusType: 1 })
    const listed = await call(
      'certificateQuery',
      new sdk.CertificateQueryRequest({ accessToken, orderId: o.order.order_id }),
    )
    expect(listed.data.certificates).toHaveLength(8)
    const records = await call(
      'verifyRecordQuery',
      new sdk.VerifyRecordQueryRequest({ accessToken, accountId: ACC, cursor: '0', size: 10, poiIds: [POI] }),
    )
    expect(records.data.records.map((r: { verifyId: string }) => r.verifyId)).toContain(result.verifyId)
    await call(
      'certificateCancel',
      new sdk.CertificateCancelRequest({ accessToken, verifyId: result.verifyId, certificateId: result.certificateId }),
    )
    const orders = await call(
      'tradeOrderQuery',
      new sdk.TradeOrderQueryRequest({
        accessToken,
        accountId: ACC,
        orderId: o.order.order_id,
        pageNum: 1,
        pageSize: 10,
      }),
    )
    expect(orders.data.orders[0].certificate).toHaveLength(8)
    const akte = await call(
      'akteOrderQuery',
      new sdk.AkteOrderQueryRequest({ accessToken, accountId: ACC, orderStatus: 201, pageNum: 1, pageSize: 10 }),
    )
    expect(akte.data.orders.map((x: { orderId: string }) => x.orderId)).toContain(o.order.order_id)
  })

  it('after-sales and bills: detail, audit, ledgers, records by coupon and sub-fulfilment, bill files, withdrawals', async () => {
    const b = productBody('m-refund')
    b.product.attr_key_value_map.RefundPolicy = '1'
    const p = await publish(ctx.api, b)
    const o = await buy(ctx.api, { product_id: p.product_id, count: 2 })
    let accessToken = await token()
    await prepareAndVerify(accessToken, o.certificates[0])
    // a 次卡 with one of its three uses verified: its refund gives back the other two
    const builders = productBuilders({ account_id: ACC, poi_ids: [POI], now: GOODS_NOW_MS / 1000 })
    const card = await publish(ctx.api, builders.timeCard({ times_count: 3, price: 9000 }))
    const co = await buy(ctx.api, { product_id: card.product_id })
    await prepareAndVerify(accessToken, co.certificates[0])
    await advance(3601)
    await ctx.api.post('/sandbox/refunds', {
      order_id: o.order.order_id,
      certificate_ids: [o.certificates[1].certificate_id],
    })
    await ctx.api.post('/sandbox/refunds', { order_id: co.order.order_id, by: 'user' })
    accessToken = await token()
    const cardRefund = await call(
      'orderDetailGet',
      new sdk.OrderDetailGetRequest({ accessToken, accountId: ACC, orderId: co.order.order_id }),
    )
    const cardItem = cardRefund.data.afterSaleOrderList[0].refundInfoList[0]
    const uses = cardItem.timesCardRefundInfoList
    expect(uses.map((u: { serialNumber: number }) => u.serialNumber)).toEqual([2, 3])
    const summed = uses.reduce((sum: number, u: { refundAmount: string }) => sum + Number(u.refundAmount), 0)
    expect(summed).toBe(Number(cardItem.totalRefundAmount))
    expect(summed).toBe(6000)
    const detail = await call(
      'orderDetailGet',
      new sdk.OrderDetailGetRequest({ accessToken, accountId: ACC, orderId: o.order.order_id }),
    )
    expect(detail.data.afterSaleOrderList[0].status).toBe(1)
    await call(
      'afterSaleOrderAudit',
      new sdk.AfterSaleOrderAuditRequest({ accessToken, accountId: ACC, orderId: o.order.order_id, auditStatus: true }),
    )
    const bill = { accessToken, accountId: ACC, billDate: DAY, cursor: '0', size: '10' }
    const catering = await call('billCateringQuery', new sdk.BillCateringQueryRequest(bill))
    expect(catering.data.ledgerRecords.length).toBeGreaterThan(0)
    await call('ledgerQuery', new sdk.LedgerQueryRequest(bill))
    const detailed = await call('ledgerDetailedQuery', new sdk.LedgerDetailedQueryRequest(bill))
    expect(detailed.data.ledgerRecords.length).toBeGreaterThan(0)
    const certId = o.certificates[0].certificate_id
    const byCert = await call(
      'queryRecordByCert',
      new sdk.QueryRecordByCertRequest({ accessToken, certificateIds: [certId] }),
    )
    expect(byCert.data.records).toHaveLength(1)
    await call('queryRecordBySubfulfil', new sdk.QueryRecordBySubfulfilRequest({ accessToken, subFulfilId: [certId] }))
    const day = await call(
      'billQueryLegerUrl',
      new sdk.BillQueryLegerUrlRequest({ accessToken, accountId: ACC, launchDate: DAY }),
    )
    expect(day.urls).toHaveLength(1)
    await call(
      'billQueryRebateUrl',
      new sdk.BillQueryRebateUrlRequest({ accessToken, accountId: ACC, bizMonth: '2022-06' }),
    )
    await advance(2 * 86400)
    const range = {
      accessToken: await token(),
      accountId: ACC,
      startDate: DAY,
      endDate: '2022-06-30',
      cursor: '0',
      size: '10',
    }
    const paid = await call('withdrawCateringQuery', new sdk.WithdrawCateringQueryRequest(range))
    const withdrawId: string = paid.data.billWithdrawRecords[0].withdrawId
    expect(withdrawId).toMatch(/^7\d{18}$/)
    await call('withdrawCompositeQuery', new sdk.WithdrawCompositeQueryRequest(range))
    const composite = await call(
      'billCompositeQuery',
      new sdk.BillCompositeQueryRequest({ ...bill, accessToken: range.accessToken, withdrawId }),
    )
    expect(composite.data.ledgerRecords.length).toBeGreaterThan(0)
  })

  it('预导码: imports codes and finds the order one was sold with', async () => {
    const b = productBody('m-reserve')
    b.sku.attr_key_value_map.code_source_type = '3'
    const p = await publish(ctx.api, b)
    const accessToken = await token()
    const skuId = (
      await ctx.api.get(`/goodlife/v1/goods/sku/get/?product_id=${p.product_id}`, { 'access-token': accessToken })
    ).body.data.skus[0].sku_id
    await call(
      'reserveCodeBatchImport',
      new sdk.ReserveCodeBatchImportRequest({
        accessToken,
        accountId: ACC,
        skuId,
        codes: ['M-1'],
        expiredTime: String(GOODS_NOW_MS / 1000 + 30 * 86400),
      }),
    )
    const o = await buy(ctx.api, { product_id: p.product_id })
    const info = await call(
      'reserveCodeBindOrderInfo',
      new sdk.ReserveCodeBindOrderInfoRequest({ accessToken, accountId: ACC, code: 'M-1', skuId }),
    )
    expect(info.data.order.orderId).toBe(o.order.order_id)
  })

  it('三方码: create/callback with the string result the SDK declares, and refund/audit', async () => {
    const rx = await newReceiver()
    rx.reply = (req) => {
      const pending = req.path.includes('/issue_code') || req.path.includes('/refund_apply')
      return {
        status: 200,
        body: JSON.stringify({ data: { error_code: 0, description: '', ...(pending ? { result: 0 } : {}) } }),
      }
    }
    const base = rx.url.replace('/douyin/webhook', '/spi')
    await ctx.api.request('PUT', '/sandbox/spi', {
      body: { issue_code: `${base}/issue_code`, refund_apply: `${base}/refund_apply` },
    })
    const b = productBody('m-spi')
    b.sku.attr_key_value_map.code_source_type = '2'
    b.product.attr_key_value_map.RefundPolicy = '1'
    b.product.attr_key_value_map.refund_need_merchant_confirm = 'false'
    const p = await publish(ctx.api, b)
    const o = (await ctx.api.post('/sandbox/orders', { product_id: p.product_id })).body.data
    await advance(1)
    const accessToken = await token()
    const cb = await call(
      'createCallback',
      new sdk.CreateCallbackRequest({ accessToken, orderId: o.order.order_id, result: '1', codes: ['M-SPI-1'] }),
    )
    expect(cb.data.certificateInfoList[0].code).toBe('M-SPI-1')
    const as = (await ctx.api.post('/sandbox/refunds', { order_id: o.order.order_id })).body.data.after_sale
    await advance(1)
    await call(
      'refundAudit',
      new sdk.RefundAuditRequest({ accessToken: await token(), afterSaleId: as.after_sale_id, result: 1 }),
    )
    const detail = await ctx.api.get(
      `/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${ACC}&order_id=${o.order.order_id}`,
      { 'access-token': accessToken },
    )
    expect(detail.body.data.after_sale_order_list[0].status).toBe(2)
  })

  it('会员数据更新 and 餐饮评价: member/user/update with string integers, comment query, reply and score', async () => {
    const accessToken = await token()
    await ctx.api.post('/sandbox/members', { open_id: 'sdk-member' })
    const member = new sdk.UserUpdateRequestMembersItem({
      openId: 'sdk-member',
      pointsUpdateCent: '1200',
      pointsAmountCent: '1200',
      userLevel: 2,
      updateTime: String(GOODS_NOW_MS / 1000),
    })
    const upd = await call('userUpdate', new sdk.UserUpdateRequest({ accessToken, accountId: ACC, members: [member] }))
    expect(upd.data.gwErrorCode).toBe(0)
    const state = (await ctx.api.get('/sandbox/members/sdk-member')).body.data.member
    expect(state).toMatchObject({ points_amount_cent: 1200, user_level: 2 })
    const reviewed = await publish(ctx.api, productBody('m-review'))
    await ctx.api.post('/sandbox/comments', {
      poi_id: POI,
      product_id: reviewed.product_id,
      rate_score: 4,
      text: 'SDK 评价',
    })
    const q = await call(
      'commentQuery',
      new sdk.CommentQueryRequest({ accessToken, accountId: ACC, poiIdList: [POI], cursor: '0', count: '10' }),
    )
    expect(q.data.comments[0].commentInfo.rateText).toBe('SDK 评价')
    // the SDK parses with JSON.parse: a 19-digit rate_id keeps its digits only when read from the raw JSON
    const raw = await ctx.api.get(`/goodlife/v1/akte/comment/query/?account_id=${ACC}`, { 'access-token': accessToken })
    const rateId = /"rate_id":(\d+)/.exec(raw.text)![1]!
    const reply = await call(
      'akteCommentReply',
      new sdk.AkteCommentReplyRequest({ accessToken, accountId: ACC, poiId: POI, rateId, text: '谢谢' }),
    )
    expect(reply.data.gwErrorCode).toBe(0)
    const score = await call('scoreQuery', new sdk.ScoreQueryRequest({ accessToken, accountId: ACC, poiIdList: [POI] }))
    expect(score.data.scoreInfoList[0].score).toBe('4.0')
  })

  it('has called every one of them', () => {
    const served = [...servedSdkMethods().keys()].sort()
    expect(served.length).toBeGreaterThanOrEqual(41)
    expect([...called].sort()).toEqual(served)
  })

  it("answers every field of each method's SDK response model with its JSON type, or an exception says why", () => {
    const coverage = walk.coverage()
    console.info(
      'SDK model coverage (fields present in every answer / declared):\n' +
        coverage.map((c) => `  ${c.method}: ${c.present}/${c.declared} = ${c.percent} %`).join('\n'),
    )
    expect(coverage.map((c) => c.method)).toEqual([...called].sort())
    const unexplained: string[] = []
    const stale: string[] = []
    for (const [method, score] of walk.scores) {
      const allowed = MODEL_EXCEPTIONS[method] ?? {}
      for (const [path, type] of score.mistyped) unexplained.push(`${method} ${path}: ${type}`)
      for (const path of score.missing.keys()) if (!allowed[path]) unexplained.push(`${method} ${path}: missing`)
      for (const path of Object.keys(allowed)) if (!score.missing.has(path)) stale.push(`${method} ${path}`)
    }
    if (unexplained.length) console.info(`fields missing or mistyped:\n${unexplained.join('\n')}`)
    if (stale.length) console.info(`exceptions for fields now present:\n${stale.join('\n')}`)
    expect(unexplained).toEqual([])
    expect(stale, 'exceptions for fields that are always present now').toEqual([])
  })
})
