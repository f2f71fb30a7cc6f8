import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { type Body, buy, coffeePack, GOODS_NOW_MS, packBody, productBody, publish, save } from './helpers/goods.js'
import { useReceivers } from './helpers/receiver.js'
import { errorOf, errorText } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const NOW = GOODS_NOW_MS / 1000
const newReceiver = useReceivers()

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const token = await made.api.token()
  return { ...made, token, h: { 'access-token': token } }
}

describe('POST /sandbox/orders (a consumer buys)', () => {
  it('creates a paid order with one certificate per unit, takes stock, and emits pay_success', async () => {
    const s = await setup()
    const rx = await newReceiver()
    await s.api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    const p = await publish(s.api, productBody('buy-1'))
    const r = await buy(s.api, { product_id: p.product_id, count: 3, open_id: 'user-a' })
    expect(r.order).toMatchObject({
      order_type: 21,
      order_status: 201,
      count: 3,
      original_amount: 2988,
      pay_amount: 2988,
      open_id: 'user-a',
      sku_name: '测试',
    })
    expect(r.certificates).toHaveLength(3)
    for (const c of r.certificates) {
      expect(c.code).toMatch(/^\d{12}$/)
      expect(c.encrypted_code.length).toBeGreaterThan(40)
      expect(c.amount).toMatchObject({ original_amount: 996, pay_amount: 996 })
      expect(c.expire_time).toBe(Date.parse('2033-03-03T23:59:59+08:00') / 1000)
    }
    expect(r.order.certificate.map((c: { item_status: number }) => c.item_status)).toEqual([100, 100, 100])
    const d = (
      await s.api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${p.product_id}`, {
        'access-token': await s.api.token(),
      })
    ).body.data.product_drafts[0]
    expect(d.sku.stock).toEqual({
      limit_type: 1,
      stock_qty: 500,
      avail_qty: 497,
      frozen_qty: 0,
      sold_qty: 3,
      sold_count: 3,
    })
    await s.sandbox.dispatcher.settle(s.sandbox.tenants.default())
    const paid = rx.received.find((x) => x.json.event === 'life_trade_order_notify')!
    expect(paid.json.from_user_id).toBe('user-a')
    expect(JSON.parse(paid.json.content as string)).toEqual({
      action: 'pay_success',
      msg_time: NOW,
      order: {
        order_id: r.order.order_id,
        account_id: ACC,
        pay_amount: 2988,
        original_amount: 2988,
        create_time: NOW,
        pay_time: NOW,
      },
    })
  })

  it('gives a combo pack one certificate per sub-item per unit, with the pack split as amounts', async () => {
    const s = await setup()
    const p = await publish(s.api, packBody('buy-pack', coffeePack()))
    const r = await buy(s.api, {
      product_id: p.product_id,
      count: 2,
      discounts: [{ merchant_discount_amount: 1000, platform_discount_amount: 440 }],
    })
    expect(r.certificates).toHaveLength(16)
    expect(r.order).toMatchObject({ original_amount: 28800, pay_amount: 27360, discount_amount: 1440 })
    const sum = (k: string) =>
      r.certificates.reduce((t: number, c: { amount: Record<string, number> }) => t + c.amount[k]!, 0)
    expect(sum('pay_amount')).toBe(27360)
    expect(sum('original_amount')).toBe(28800)
    expect(sum('merchant_ticket_amount')).toBe(1000)
    const cup = r.certificates.find((c: { sub_item_name: string }) => c.sub_item_name === 'loopy联名杯子')
    expect(cup).toMatchObject({
      combination_id: p.product_id,
      out_good_id: 'POS-CUP',
      sub_product_id: p.sub_products[7]!.product_id,
    })
    expect(cup.amount.pay_amount).toBeGreaterThan(r.certificates[0].amount.pay_amount)
  })

  it('refuses what cannot be bought, naming why', async () => {
    const s = await setup()
    const draft = (await save(s.api, s.token, productBody('not-yet'))).data.product_id
    const pack = await publish(s.api, packBody('pack-sub', coffeePack()))
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ product_id: draft }, 'it is not online'],
      [{ product_id: pack.sub_products[0]!.product_id }, 'sub-products cannot be sold alone'],
      [{ product_id: '7000000000000000001' }, 'no product product_id 7000000000000000001'],
      [{}, 'product_id or out_id is required'],
      [
        { out_id: 'pack-sub', pay_amount: 1, discounts: [{ platform_discount_amount: 5 }] },
        'pay_amount 1 must equal original_amount',
      ],
    ]
    for (const [body, text] of cases) {
      const r = await s.api.post('/sandbox/orders', body)
      expect(r.body.data.error_code, text).not.toBe(0)
      expect(errorText(r.body), text).toContain(text)
    }
  })

  it('sells only at the POIs the product names: another poi_id is refused, naming the allowed ones', async () => {
    const s = await setup()
    const p = await publish(s.api, productBody('at-poi'))
    const poi0 = DEFAULT_TENANT.poi_id
    for (const poi of ['<script>alert(1)</script>', '7000000000000000001']) {
      const r = await s.api.post('/sandbox/orders', { product_id: p.product_id, poi_id: poi })
      expect(r.body.data.error_code).toBe(2100005)
      expect(errorText(r.body)).toContain(
        `poi_id ${JSON.stringify(poi)} is not one of the POIs product ${p.product_id} is sold at (${poi0}`,
      )
    }
    const ok = await buy(s.api, { product_id: p.product_id, poi_id: poi0 })
    expect(ok.order.poi_id).toBe(poi0)
  })

  it('keeps within stock and within limit_rule per open_id', async () => {
    const s = await setup()
    const p = await publish(s.api, productBody('limited'))
    await s.api.post(
      '/goodlife/v1/goods/stock/sync/',
      { account_id: ACC, product_id: p.product_id, stock: { limit_type: 1, stock_qty: 12 } },
      s.h,
    )
    await buy(s.api, { product_id: p.product_id, count: 9, open_id: 'greedy' })
    const over = await s.api.post('/sandbox/orders', { product_id: p.product_id, count: 1, open_id: 'greedy' })
    expect(errorText(over.body)).toContain('limit_rule of product')
    expect(errorText(over.body)).toContain('allows 9 per user; this open_id has 9 and asks 1')
    const stock = await s.api.post('/sandbox/orders', { product_id: p.product_id, count: 4, open_id: 'other' })
    expect(errorText(stock.body)).toContain('has 3 left in stock, 4 asked')
    await buy(s.api, { product_id: p.product_id, count: 3, open_id: 'other' })
  })

  it('refuses a product whose sale window has ended', async () => {
    const s = await setup()
    const b = productBody('window')
    b.product.sold_end_time = NOW + 100
    const p = await publish(s.api, b)
    await s.api.post('/sandbox/clock/advance', { seconds: 100 })
    const r = await s.api.post('/sandbox/orders', { product_id: p.product_id })
    expect(errorText(r.body)).toMatch(/not online|outside its sale window/)
  })

  it('dates coupons by day_duration after purchase when use_date says so', async () => {
    const s = await setup()
    const b = productBody('days')
    b.product.attr_key_value_map.use_date = JSON.stringify({ use_date_type: 2, day_duration: 7 })
    const p = await publish(s.api, b)
    const r = await buy(s.api, { product_id: p.product_id })
    expect(r.certificates[0].start_time).toBe(NOW)
    expect(r.certificates[0].expire_time).toBe(Date.parse('2022-06-08T23:59:59+08:00') / 1000)
  })
})

describe('trade/order/query', () => {
  it('finds orders by id, by status, by open_id and time window, in pages', async () => {
    const s = await setup()
    const p = await publish(s.api, productBody('q'))
    const orders: Body[] = []
    for (let i = 0; i < 5; i++) {
      orders.push((await buy(s.api, { product_id: p.product_id, open_id: i < 2 ? 'alice' : 'bob' })).order)
      await s.api.post('/sandbox/clock/advance', { seconds: 10 })
    }
    const h = { 'access-token': await s.api.token() }
    const q = async (qs: string) =>
      errorOf((await s.api.get(`/goodlife/v1/trade/order/query/?account_id=${ACC}&${qs}`, h)).body)
    const one = await q(`order_id=${orders[2].order_id}&page_num=1&page_size=10`)
    expect(one.orders.map((o: { order_id: string }) => o.order_id)).toEqual([orders[2].order_id])
    expect(one.orders[0].certificate).toHaveLength(1)
    expect(one.orders[0].products).toEqual([
      {
        product_id: p.product_id,
        sku_id: expect.any(String),
        product_name: '套餐-q',
        num: 1,
        origin_amount: 996,
        snapshot_product: expect.objectContaining({ tag_info_list: [] }),
      },
    ])
    const page = await q('order_status=201&page_num=2&page_size=2')
    expect(page.page).toEqual({ page_num: 2, page_size: 2, total: 5 })
    expect(page.search_after).toEqual({
      Size: 2,
      CursorValue: [String(orders[1].create_order_time), orders[1].order_id],
    })
    expect(page.orders.map((o: { order_id: string }) => o.order_id)).toEqual([orders[2].order_id, orders[1].order_id])
    const alice = await q(
      `open_id=alice&create_order_start_time=${NOW}&create_order_end_time=${NOW + 15}&page_num=1&page_size=10`,
    )
    expect(alice.orders.map((o: { order_id: string }) => o.order_id)).toEqual([orders[1].order_id, orders[0].order_id])
    const akte = (
      await s.api.get(`/goodlife/v1/akte/order/query/?account_id=${ACC}&open_id=bob&page_num=1&page_size=10`, h)
    ).body.data
    expect(akte.page.total).toBe(3)
    const cursors = [4, 3, 2].map((i) => [String(orders[i].create_order_time), orders[i].order_id])
    expect(akte.search_after).toEqual({ size: 3, cursor: cursors[2], all_cursor: cursors })
  })

  it('breaks the amount down: discounts, commission at the tenant rate, the income estimate and one 商品 sub-order', async () => {
    const s = await setup()
    const p = await publish(s.api, productBody('amounts'))
    const discounts = [{ discount_type: 1, merchant_discount_amount: 100, platform_discount_amount: 50 }]
    const { order } = await buy(s.api, { product_id: p.product_id, discounts })
    expect(order.amount_info).toMatchObject({
      origin_amount: 996,
      sale_price: 996,
      pay_amount: 846,
      order_pay_amount: 846,
      merchant_discount_amount: 100,
      platform_discount_amount: 50,
      brand_discount_amount: 0,
      freight_pay_amount: 0,
    })
    const rate = (await s.api.get('/sandbox/settings')).body.data.settings.commission_rate_percent as number
    const commission = Math.round(((996 - 100) * rate) / 100)
    expect(order.amount_info.commission_amount).toBe(commission)
    expect(order.amount_info.estimated_order_income).toBe(996 - 100 - commission)
    expect(order.receipt_amount).toBe(846)
    expect(order.sub_order_amount_infos).toEqual([
      expect.objectContaining({
        sub_order_id: order.order_id,
        sub_order_type: 100,
        origin_amount: 996,
        pay_amount: 846,
      }),
    ])
    expect(order.discounts[0]).toMatchObject({ discount_amount: 150, brand_discount_amount: 0 })
  })

  it('keeps a product snapshot per order: as at purchase, untouched by a later edit of the product', async () => {
    const s = await setup()
    const body = productBody('snap')
    const p = await publish(s.api, body)
    const { order } = await buy(s.api, { product_id: p.product_id })
    const bought = { ...body.product.attr_key_value_map }
    // the merchant edits the product (another channel, another notice, another market price) and it goes online
    body.product.attr_key_value_map.show_channel = '1'
    body.product.attr_key_value_map.Notification = JSON.stringify([{ title: '新须知', content: '改过了' }])
    body.sku.attr_key_value_map.market_price = '1200'
    await publish(s.api, body)
    const { order: later } = await buy(s.api, { product_id: p.product_id })
    const h = { 'access-token': await s.api.token() }
    const byId = async (path: string, id: string) =>
      errorOf(
        (await s.api.get(`/goodlife/v1/${path}/?account_id=${ACC}&order_id=${id}&page_num=1&page_size=10`, h)).body,
      ).orders[0]
    const first = await byId('trade/order/query', order.order_id)
    expect(bought.show_channel).toBe('2')
    expect(first.products[0].snapshot_product).toEqual({
      product_attr: {
        show_channel: 2,
        voucher_par_type: 0,
        dynamic_par_rule: {
          dynamic_par_rule_item_list: [],
          dynamic_par_rule_desc: '',
          dynamic_par_min_amount: 0,
          dynamic_par_max_amount: 0,
        },
      },
      tag_info_list: [],
    })
    const detail = (await byId('akte/order/query', order.order_id)).goods[0].goods_detail
    expect(detail).toMatchObject({ product_type: 1, show_channel: 2 })
    expect(detail.product_attr).toMatchObject({ show_channel: '2', Notification: bought.Notification })
    expect(detail.sku_attr.market_price).toBe('900')
    // the order bought after the edit has the edited product
    const next = (await byId('akte/order/query', later.order_id)).goods[0].goods_detail
    expect(next).toMatchObject({ show_channel: 1 })
    expect(next.sku_attr.market_price).toBe('1200')
    expect(
      (await byId('trade/order/query', later.order_id)).products[0].snapshot_product.product_attr.show_channel,
    ).toBe(1)
  })

  it('refuses bad paging, unpaired windows and a query with no mode', async () => {
    const s = await setup()
    const q = async (qs: string) =>
      errorOf((await s.api.get(`/goodlife/v1/trade/order/query/?account_id=${ACC}&${qs}`, s.h)).body)
    expect((await q('order_status=201&page_num=1&page_size=101')).description).toContain('page_size: must be 1–100')
    expect((await q('order_status=201&page_num=0&page_size=10')).description).toContain('page_num: must be 1 or more')
    expect((await q('order_status=201&page_size=10')).description).toContain('page_num is required')
    expect((await q('create_order_start_time=1&page_num=1&page_size=10')).description).toContain(
      'create_order_start_time and create_order_end_time go together',
    )
    expect((await q('page_num=1&page_size=10')).description).toContain('three documented query modes')
  })
})
