/** The official SDK drives the goods APIs (their /goodlife/v1/akte/goods/ paths) without a type error. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT } from './helpers/harness.js'
import { coffeePack, GOODS_NOW_MS, packBody, seedSaveRequest } from './helpers/goods.js'
import { sdk, sdkSandbox, sdkClient, sdkToken } from './helpers/sdk.js'

const ACC = DEFAULT_TENANT.account_id
const ctx = sdkSandbox({ frozenAtMs: GOODS_NOW_MS })

/** Seed 003's example as the SDK's request models (camelCase, nested model instances). */
function saveRequest(accessToken: string) {
  const b = seedSaveRequest()
  const p = b.product
  const product = new sdk.GoodsProductSaveRequestProduct({
    outId: 'sdk-product',
    productName: 'SDK 套餐',
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
  const s = b.sku
  const sku = new sdk.GoodsProductSaveRequestSku({
    skuName: s.sku_name,
    actualAmount: s.actual_amount,
    originAmount: s.origin_amount,
    status: s.status,
    attrKeyValueMap: s.attr_key_value_map,
    stock: new sdk.GoodsProductSaveRequestSkuStock({ limitType: s.stock.limit_type, stockQty: s.stock.stock_qty }),
  })
  return new sdk.GoodsProductSaveRequest({ accessToken, accountId: ACC, product, sku })
}

describe('official SDK on goods', () => {
  it('gets the template, saves, audits, operates, edits, restocks and reads drafts and online products', async () => {
    const accessToken = await sdkToken()
    const c = sdkClient()
    const tpl = await c.goodsTemplateGet(
      new sdk.GoodsTemplateGetRequest({ accessToken, categoryId: '1001001', productType: '1' }),
    )
    expect(tpl.data.productAttrs.length).toBeGreaterThan(20)
    const akteTpl = await c.akteGoodsTemplateGet(
      new sdk.AkteGoodsTemplateGetRequest({ accessToken, categoryId: '1001001', productType: '1' }),
    )
    expect(akteTpl.data.skuAttrs.map((a: { key: string }) => a.key)).toContain('code_source_type')

    const saved = await c.goodsProductSave(saveRequest(accessToken))
    const productId = saved.data.productId as string
    expect(productId).toMatch(/^7\d{18}$/)

    const drafts = await c.productDraftGet(
      new sdk.ProductDraftGetRequest({ accessToken, accountId: ACC, productIds: [productId] }),
    )
    expect(drafts.data.productDrafts[0].draftStatus).toBe(10)
    const draftPage = await c.draftQuery(new sdk.DraftQueryRequest({ accessToken, accountId: ACC, count: 5 }))
    expect(draftPage.data.products).toHaveLength(1)

    await ctx.api.post('/sandbox/clock/advance', { seconds: 60 })
    const online = await c.goodsProductOnlineGet(
      new sdk.GoodsProductOnlineGetRequest({ accessToken, accountId: ACC, productIds: [productId] }),
    )
    expect(online.data.productOnlines[0].onlineStatus).toBe(1)

    await c.productOperate(new sdk.ProductOperateRequest({ accessToken, accountId: ACC, productId, opType: 2 }))
    const page = await c.onlineQuery(new sdk.OnlineQueryRequest({ accessToken, accountId: ACC, count: 10, status: 2 }))
    expect(page.data.products.map((x: { product: { productId: string } }) => x.product.productId)).toEqual([productId])

    await c.productFreeAudit(new sdk.ProductFreeAuditRequest({ accessToken, accountId: ACC, productId, stockQty: 300 }))
    await c.goodsStockSync(
      new sdk.GoodsStockSyncRequest({
        accessToken,
        accountId: ACC,
        outId: 'sdk-product',
        stock: new sdk.GoodsStockSyncRequestStock({ limitType: 1, stockQty: 250 }),
      }),
    )
    const after = await c.goodsProductOnlineGet(
      new sdk.GoodsProductOnlineGetRequest({ accessToken, accountId: ACC, outIds: ['sdk-product'] }),
    )
    expect(Number(after.data.productOnlines[0].sku.stock.stockQty)).toBe(250)
  })

  it("creates a combo pack through the SDK's own product model (no product_form_type), amounts as strings", async () => {
    const accessToken = await sdkToken()
    const b = packBody('sdk-pack', coffeePack())
    const p = b.product
    const product = new sdk.GoodsProductSaveRequestProduct({
      outId: 'sdk-pack',
      productName: 'SDK 券包',
      productType: p.product_type,
      bizLine: p.biz_line,
      categoryId: String(p.category_id),
      soldStartTime: String(p.sold_start_time),
      soldEndTime: String(p.sold_end_time),
      pois: p.pois.map((x: { poi_id: string }) => new sdk.GoodsProductSaveRequestProductPoisItem({ poiId: x.poi_id })),
      attrKeyValueMap: p.attr_key_value_map,
    })
    const sku = new sdk.GoodsProductSaveRequestSku({
      skuName: b.sku.sku_name,
      actualAmount: String(b.sku.actual_amount),
      originAmount: String(b.sku.origin_amount),
      status: 1,
      attrKeyValueMap: b.sku.attr_key_value_map,
      stock: new sdk.GoodsProductSaveRequestSkuStock({ limitType: 1, stockQty: '400' }),
    })
    const saved = await sdkClient().goodsProductSave(
      new sdk.GoodsProductSaveRequest({ accessToken, accountId: ACC, product, sku }),
    )
    const productId = saved.data.productId as string
    const raw = await ctx.api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${productId}`, {
      'access-token': accessToken,
    })
    const draft = raw.body.data.product_drafts[0]
    expect(draft.product.product_form_type).toBe(2)
    expect(draft.product.sub_products).toHaveLength(8)
    expect(draft.sku.actual_amount).toBe(7 * 1500 + 3900)
    expect(draft.sku.stock.stock_qty).toBe(400)
  })

  it('gets a business error as a thrown error with its code', async () => {
    const accessToken = await sdkToken()
    const err = await sdkClient()
      .productOperate(
        new sdk.ProductOperateRequest({ accessToken, accountId: ACC, productId: '7000000000000000001', opType: 1 }),
      )
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: '4000001' })
  })
})
