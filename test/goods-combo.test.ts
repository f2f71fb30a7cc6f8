import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { coffeePack, drinksPack, GOODS_NOW_MS, packBody, productBody, save, type PackItem } from './helpers/goods.js'
import { errorOf, errorText } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const token = await made.api.token()
  return { ...made, token, h: { 'access-token': token } }
}

describe('combo coupon packs (组合券包)', () => {
  it('publishes 咖啡券×7 + 联名杯子 with one sub-product per item, listed under the pack', async () => {
    const { api, token, h } = await setup()
    const r = await save(api, token, packBody('coffee', coffeePack()))
    expect(r.data.error_code).toBe(0)
    expect(r.data.sub_products).toHaveLength(8)
    const ids = new Set(r.data.sub_products.map((s: { product_id: string }) => s.product_id))
    expect(ids.size).toBe(8)
    expect(ids.has(r.data.product_id)).toBe(false)
    const d = errorOf((await api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${r.data.product_id}`, h)).body)
      .product_drafts[0]
    expect(d.product).toMatchObject({ product_form_type: 2, refund_mode: 1 })
    expect(d.sku.actual_amount).toBe(7 * 1500 + 3900)
    expect(d.product.sub_products.map((s: { name: string }) => s.name)).toEqual([
      ...Array(7).fill('咖啡券'),
      'loopy联名杯子',
    ])
    expect(d.product.sub_products[0]).toMatchObject({
      item_type: 1,
      out_sub_id: 'POS-COFFEE',
      combination_id: r.data.product_id,
      sku_id: expect.stringMatching(/^7\d{18}$/),
    })
    await api.post('/sandbox/clock/advance', { seconds: 60 })
    const bySub = (
      await api.get(
        `/goodlife/v1/goods/product/online/get/?account_id=${ACC}&product_ids=${r.data.sub_products[7].product_id}`,
        h,
      )
    ).body.data.product_onlines
    expect(bySub[0].product.product_id).toBe(r.data.product_id)
  })

  it('publishes 双杯券×2 + 5折券×2 + 满60-10×3, refund mode 2', async () => {
    const { api, token, h } = await setup()
    const r = await save(api, token, packBody('drinks', drinksPack(), { refund_mode: 2 }))
    expect(r.data.error_code).toBe(0)
    const d = errorOf((await api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${r.data.product_id}`, h)).body)
      .product_drafts[0]
    expect(d.product.refund_mode).toBe(2)
    expect(d.product.sub_products.map((s: { item_type: number }) => s.item_type)).toEqual([
      1, 1, 101, 101, 102, 102, 102,
    ])
    expect(d.product.sub_products[2].discount).toBe(50)
    expect(d.product.sub_products[4]).toMatchObject({ threshold_amount: 6000, reduction_amount: 1000 })
  })

  it('keeps sub-product ids when the pack is saved again', async () => {
    const { api, token } = await setup()
    const first = await save(api, token, packBody('again', coffeePack()))
    const second = await save(api, token, packBody('again', coffeePack()))
    expect(second.data.sub_products.map((s: { product_id: string }) => s.product_id)).toEqual(
      first.data.sub_products.map((s: { product_id: string }) => s.product_id),
    )
  })

  it('fails the pack price check when the sub-items do not add up to the pack price', async () => {
    const { api, token } = await setup()
    const r = await save(api, token, packBody('mismatch', coffeePack(), { actual_amount: 14000 }))
    expect(r.data.error_code).toBe(2100005)
    expect(errorText(r)).toContain(
      `pack price check failed: the sub-items' actual_amount add up to 14400 fen but sku.actual_amount is 14000 fen`,
    )
  })

  it('needs the merch permission for 实物周边 sub-items', async () => {
    const { api } = await setup()
    const t = errorOf(
      (await api.post('/sandbox/tenants', { client_key: 'no-merch', frozen_at: GOODS_NOW_MS / 1000 })).body,
    )
    const token = await api.token(t)
    const b = packBody('merch', coffeePack())
    b.account_id = t.account_id
    b.product.pois = [{ poi_id: t.poi_ids[0] }]
    b.product.attr_key_value_map.poi_list = JSON.stringify([{ poi_id: t.poi_ids[0] }])
    const r = await save(api, token, b)
    expect(r.data.error_code).toBe(2190004)
    expect(errorText(r)).toContain('items[7]: 实物周边 sub-items need the merch permission')
    await api.request('PUT', '/sandbox/settings', {
      body: { merch_permission: true },
      headers: { 'x-sandbox-client-key': 'no-merch' },
    })
    expect((await save(api, token, b)).data.error_code).toBe(0)
  })

  it('publishes packs only in food categories and only as 团购, 代金券 or 次卡', async () => {
    const { api, token } = await setup()
    const sport = packBody('sport', coffeePack())
    sport.product.category_id = 3001001
    expect(errorText(await save(api, token, sport))).toContain(
      'combo packs are published in food (美食) categories only; 运动健身·游泳馆·游泳馆 is not one',
    )
    const presale = packBody('presale', coffeePack(), { product_type: 3 })
    expect(errorText(await save(api, token, presale))).toContain(
      'a combo pack is a 团购 (1), 代金券 (11) or 次卡 (15), not product_type 3',
    )
  })

  it('checks the combination rule and names what is wrong', async () => {
    const { api, token } = await setup()
    const cases: Array<[PackItem[] | string, string]> = [
      [
        [
          { item_type: 101, name: '折扣券', actual_amount: 100, origin_amount: 100 },
          { item_type: 1, name: 'a', actual_amount: 1, origin_amount: 1 },
        ],
        'items[0]: a 折扣券 (item_type 101) needs discount',
      ],
      [
        [
          {
            item_type: 102,
            name: '满减',
            actual_amount: 100,
            origin_amount: 100,
            threshold_amount: 1000,
            reduction_amount: 1000,
          },
          { item_type: 1, name: 'a', actual_amount: 1, origin_amount: 1 },
        ],
        'items[0].reduction_amount must be below threshold_amount',
      ],
      [
        [
          { item_type: 1, name: 'a', actual_amount: 500, origin_amount: 400 },
          { item_type: 1, name: 'b', actual_amount: 1, origin_amount: 1 },
        ],
        'items[0].origin_amount (400) is below its actual_amount (500)',
      ],
      [
        [
          { item_type: 7, name: 'a', actual_amount: 1, origin_amount: 1 },
          { item_type: 1, name: 'b', actual_amount: 1, origin_amount: 1 },
        ],
        'combination_rule: items[0].item_type',
      ],
      [[{ item_type: 1, name: 'only', actual_amount: 1, origin_amount: 1 }], 'items: Too small'],
      ['not json', 'combination_rule: must be a JSON string'],
    ]
    for (const [items, text] of cases) {
      const b = typeof items === 'string' ? packBody('rule', coffeePack()) : packBody('rule', items)
      if (typeof items === 'string') b.product.attr_key_value_map.combination_rule = items
      const r = await save(api, token, b)
      expect(r.data.error_code, text).toBe(2100005)
      expect(errorText(r), text).toContain(text)
    }
    const noRule = packBody('no-rule', coffeePack())
    delete noRule.product.attr_key_value_map.combination_rule
    expect(errorText(await save(api, token, noRule))).toContain(
      'combination_rule is required when product_form_type is 2',
    )
    const ordinary = productBody('ordinary-with-rule')
    ordinary.product.product_form_type = 1
    ordinary.product.attr_key_value_map.combination_rule = packBody(
      'x',
      coffeePack(),
    ).product.attr_key_value_map.combination_rule
    expect(errorText(await save(api, token, ordinary))).toContain(
      'product_form_type 1 is an ordinary product, which has no combination_rule',
    )
  })

  it('takes a body without product_form_type (the SDK model has none) and a combination_rule as a pack', async () => {
    const { api, token, h } = await setup()
    const b = packBody('no-form-type', coffeePack())
    delete b.product.product_form_type
    const r = await save(api, token, b)
    expect(r.data.error_code).toBe(0)
    expect(r.data.sub_products).toHaveLength(8)
    const raw = await api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${r.data.product_id}`, h)
    expect(raw.body.data.product_drafts[0].product.product_form_type).toBe(2)
    const plain = await save(api, token, productBody('plain'))
    const view = await api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${plain.data.product_id}`, h)
    expect(view.body.data.product_drafts[0].product.product_form_type).toBe(1)
  })

  it('refuses a pack saved without a sku, saying what to send', async () => {
    const { api, token } = await setup()
    const b = packBody('no-sku', coffeePack())
    delete b.sku
    const r = await save(api, token, b)
    expect(r.data.error_code).toBe(2100005)
    expect(errorText(r)).toBe(
      "参数不合法: sku is required for a combo pack: a pack is a single-SKU product (单sku商品必传); send sku with actual_amount 14400 fen, the sum of the sub-items' actual_amount",
    )
  })

  it('refuses to operate, free-audit or restock a sub-product on its own', async () => {
    const { api, token, h } = await setup()
    const r = await save(api, token, packBody('subs', coffeePack()))
    await api.post('/sandbox/clock/advance', { seconds: 60 })
    const sub = r.data.sub_products[0].product_id
    const op = await api.post(
      '/goodlife/v1/goods/product/operate/',
      { account_id: ACC, product_id: sub, op_type: 2 },
      h,
    )
    expect(errorOf(op.body)).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining(`is a sub-product of combo pack ${r.data.product_id}`),
    })
    const fa = await api.post(
      '/goodlife/v1/akte/goods/product/free_audit/',
      { account_id: ACC, product_id: sub, stock_qty: 3 },
      h,
    )
    expect(fa.body.data.error_code).toBe(4000002)
    expect(
      (
        await api.post(
          '/goodlife/v1/goods/product/operate/',
          { account_id: ACC, product_id: r.data.product_id, op_type: 2 },
          h,
        )
      ).body.data.error_code,
    ).toBe(0)
  })

  it("refuses a free_audit that changes the pack's actual price", async () => {
    const { api, token, h } = await setup()
    const r = await save(api, token, packBody('frozen-price', coffeePack()))
    await api.post('/sandbox/clock/advance', { seconds: 60 })
    const fa = await api.post(
      '/goodlife/v1/goods/product/free_audit/',
      { account_id: ACC, product_id: r.data.product_id, actual_amount: 9900 },
      h,
    )
    expect(errorOf(fa.body)).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining('may not change the actual price of a combo pack'),
    })
    const same = await api.post(
      '/goodlife/v1/goods/product/free_audit/',
      { account_id: ACC, product_id: r.data.product_id, actual_amount: 14400, stock_qty: 10 },
      h,
    )
    expect(same.body.data.error_code).toBe(0)
  })
})

describe('goods/sku/batch_save', () => {
  it('refuses a product saved with a sku, and keeps the list of one saved without', async () => {
    const { api, token, h } = await setup()
    const single = await save(api, token, productBody('single'))
    const sku = productBody('x').sku
    const refused = await api.post(
      '/goodlife/v1/goods/sku/batch_save/',
      { account_id: ACC, product_id: single.data.product_id, skus: [sku] },
      h,
    )
    expect(errorText(refused.body)).toContain('sku/batch_save is for multi-SKU products')
    const pack = await save(api, token, packBody('pack', coffeePack()))
    const onPack = await api.post(
      '/goodlife/v1/akte/goods/sku/batch_save/',
      { account_id: ACC, product_id: pack.data.product_id, skus: [sku] },
      h,
    )
    expect(errorOf(onPack.body)).toMatchObject({ error_code: 2100005 })
    expect(errorText(onPack.body)).toContain(
      `product ${pack.data.product_id} is a combo pack (组合券包), a single-SKU product; sku/batch_save is for multi-SKU products`,
    )
    expect(errorText(onPack.body)).toContain("change the pack's sku with product/save and its stock with stock/sync")
    const multi = productBody('multi')
    delete multi.sku
    const m = await save(api, token, multi)
    const r = await api.post(
      '/goodlife/v1/akte/goods/sku/batch_save/',
      {
        account_id: ACC,
        out_id: 'multi',
        skus: [
          { ...sku, out_sku_id: 'A' },
          { ...sku, out_sku_id: 'B', sku_name: '大份' },
        ],
      },
      h,
    )
    expect(Object.keys(r.body.data.sku_ids)).toEqual(['A', 'B'])
    const d = errorOf((await api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${m.data.product_id}`, h)).body)
      .product_drafts[0]
    expect(d.skus.map((s: { sku_name: string }) => s.sku_name)).toEqual(['测试', '大份'])
    const del = await api.post(
      '/goodlife/v1/goods/sku/batch_save/',
      { account_id: ACC, out_id: 'multi', skus: [{ ...sku, out_sku_id: 'A', status: -1 }] },
      h,
    )
    expect(del.body.data.error_code).toBe(0)
    expect(
      errorOf((await api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${m.data.product_id}`, h)).body)
        .product_drafts[0].skus,
    ).toHaveLength(1)
  })
})
