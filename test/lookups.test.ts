/** Lookups a merchant makes around publishing and selling: 批量查询sku, 查询门店信息, 订单查询 at its hermes path. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish, save } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const h = { 'access-token': await made.api.token() }
  const get = async (path: string) => errorOf((await made.api.get(path, h)).body)
  return { ...made, h, get }
}

describe('goods/sku/get (批量查询sku)', () => {
  it("answers a product's SKU with its stock, by product_id, product_out_id or sku_ids; purchases move the stock", async () => {
    const s = await setup()
    const body = productBody('sku-get-1')
    body.sku.out_sku_id = 'OUT-SKU-1'
    const p = await publish(s.api, body)
    const byId = await s.get(`/goodlife/v1/goods/sku/get/?account_id=${ACC}&product_id=${p.product_id}`)
    expect(byId.error_code).toBe(0)
    expect(byId.skus).toHaveLength(1)
    const sku = byId.skus[0]
    expect(sku).toMatchObject({
      product_id: p.product_id,
      out_sku_id: 'OUT-SKU-1',
      actual_amount: body.sku.actual_amount,
    })
    expect(await s.get(`/goodlife/v1/goods/sku/get/?product_out_id=sku-get-1`)).toMatchObject({ skus: [sku] })
    await buy(s.api, { product_id: p.product_id, count: 2 })
    const after = (await s.get(`/goodlife/v1/goods/sku/get/?sku_ids=${sku.sku_id},7000000000000000000`)).skus
    expect(after).toHaveLength(1)
    expect(after[0].stock.sold_qty).toBe(sku.stock.sold_qty + 2)
    expect(after[0].stock.avail_qty).toBe(sku.stock.avail_qty - 2)
    expect((await s.get(`/goodlife/v1/goods/sku/get/?out_sku_ids=OUT-SKU-1`)).skus[0].sku_id).toBe(sku.sku_id)
  })

  it('answers every SKU of a multi-SKU product (its draft before the audit)', async () => {
    const s = await setup()
    const multi = productBody('sku-get-multi')
    const sku = multi.sku
    delete multi.sku
    const m = await save(s.api, s.h['access-token'], multi)
    await s.api.post(
      '/goodlife/v1/goods/sku/batch_save/',
      {
        account_id: ACC,
        out_id: 'sku-get-multi',
        skus: [
          { ...sku, out_sku_id: 'A' },
          { ...sku, out_sku_id: 'B' },
        ],
      },
      s.h,
    )
    const r = await s.get(`/goodlife/v1/goods/sku/get/?product_id=${m.data.product_id}`)
    expect(r.skus.map((x: { out_sku_id: string }) => x.out_sku_id)).toEqual(['A', 'B'])
  })

  it('names an unknown product, a missing mode and too many ids', async () => {
    const s = await setup()
    expect(await s.get('/goodlife/v1/goods/sku/get/?product_id=7000000000000000001')).toMatchObject({
      error_code: 4000001,
      description: expect.stringContaining('7000000000000000001'),
    })
    expect(await s.get('/goodlife/v1/goods/sku/get/?account_id=' + ACC)).toMatchObject({
      error_code: 2100005,
      description: '参数不合法: one of product_id, product_out_id, sku_ids, out_sku_ids is required',
    })
    const many = Array.from({ length: 51 }, (_, i) => String(7000000000000000000 + i)).join(',')
    expect((await s.get(`/goodlife/v1/goods/sku/get/?sku_ids=${many}`)).description).toContain('at most 50')
  })
})

describe('shop/poi/query (查询门店信息)', () => {
  it("pages the account's stores, or answers one by poi_id; the stores are those products are published at", async () => {
    const s = await setup()
    const all = await s.get(`/goodlife/v1/shop/poi/query/?account_id=${ACC}&page=1&size=10`)
    expect(all.total).toBe(2)
    expect(all.pois.map((p: any) => p.poi.poi_id)).toEqual([DEFAULT_TENANT.poi_id, '7010000000000000001'])
    expect(all.pois[0]).toMatchObject({
      poi: { poi_name: 'lh测试商家(望京店)' },
      root_account: { account_id: ACC, account_name: 'lh测试商家' },
    })
    expect(typeof all.pois[0].poi.latitude).toBe('number')
    const page2 = await s.get(`/goodlife/v1/shop/poi/query/?account_id=${ACC}&page=2&size=1`)
    expect(page2.pois.map((p: any) => p.poi.poi_id)).toEqual(['7010000000000000001'])
    const one = await s.get(`/goodlife/v1/shop/poi/query/?poi_id=${DEFAULT_TENANT.poi_id}&page=1&size=10`)
    expect(one).toMatchObject({ total: 1, pois: [all.pois[0]] })
    expect(await s.get(`/goodlife/v1/shop/poi/query/?poi_id=1&page=1&size=10`)).toMatchObject({ total: 0, pois: [] })
  })

  it('checks its parameters and the account', async () => {
    const s = await setup()
    expect(await s.get('/goodlife/v1/shop/poi/query/?page=1&size=10')).toMatchObject({
      error_code: 2100005,
      description: '参数不合法: account_id or poi_id is required',
    })
    expect((await s.get(`/goodlife/v1/shop/poi/query/?account_id=${ACC}&page=1&size=101`)).description).toContain(
      'size: must be 1–100',
    )
    expect((await s.get(`/goodlife/v1/shop/poi/query/?account_id=${ACC}&page=0&size=1`)).description).toContain(
      'page: must be 1 or more',
    )
    expect((await s.get(`/goodlife/v1/shop/poi/query/?account_id=${ACC}&size=1`)).description).toContain('page')
    expect((await s.get('/goodlife/v1/shop/poi/query/?account_id=7000000000000000009&page=1&size=1')).error_code).toBe(
      2119005,
    )
  })
})

describe('hermes/trade/order/query (订单查询)', () => {
  it('answers the same orders as trade/order/query, with the same checks', async () => {
    const s = await setup()
    const p = await publish(s.api, productBody('hermes-1'))
    const o = await buy(s.api, { product_id: p.product_id, count: 2 })
    const qs = `account_id=${ACC}&order_id=${o.order.order_id}&page_num=1&page_size=10`
    const hermes = await s.get(`/goodlife/v1/hermes/trade/order/query/?${qs}`)
    const plain = await s.get(`/goodlife/v1/trade/order/query/?${qs}`)
    expect(hermes.orders).toHaveLength(1)
    expect(hermes.orders).toEqual(plain.orders)
    expect(hermes.orders[0].certificate).toHaveLength(2)
    expect(
      (await s.get(`/goodlife/v1/hermes/trade/order/query/?account_id=${ACC}&page_num=1&page_size=101`)).description,
    ).toContain('page_size: must be 1–100')
  })
})
