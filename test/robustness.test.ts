/** Robustness: no oversold stock, a receiver down for ten minutes, and tenants that never see each other's data. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { useReceivers } from './helpers/receiver.js'
import { listen } from './helpers/server.js'

const ACC = DEFAULT_TENANT.account_id
const newReceiver = useReceivers()

describe('robustness', () => {
  it('never oversells: 60 concurrent purchases of a product with 10 in stock give 10 orders', async () => {
    const { sandbox, api } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const b = productBody('scarce')
    b.sku.attr_key_value_map.limit_rule = JSON.stringify({ is_limit: false })
    const p = await publish(api, b)
    await api.post(
      '/goodlife/v1/goods/stock/sync/',
      { account_id: ACC, product_id: p.product_id, stock: { limit_type: 1, stock_qty: 10 } },
      { 'access-token': await api.token() },
    )
    const server = await listen(sandbox)
    try {
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          fetch(`${server.url}/sandbox/orders`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ product_id: p.product_id, open_id: `u${i}` }),
          }).then(async (r) => ((await r.json()) as { data: { error_code: number } }).data.error_code),
        ),
      )
      expect(answers.filter((c) => c === 0)).toHaveLength(10)
      expect(answers.filter((c) => c === 4000002)).toHaveLength(50)
    } finally {
      await server.close()
    }
    const stock = (
      await api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${p.product_id}`, {
        'access-token': await api.token(),
      })
    ).body.data.product_drafts[0].sku.stock
    expect(stock).toMatchObject({ stock_qty: 10, avail_qty: 0, sold_qty: 10 })
  })

  it('delivers every event, in order per entity, to a receiver that was down for ten minutes of virtual time', async () => {
    const { sandbox, api } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const rx = await newReceiver()
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    let down = true
    const delivered: Array<{ action: string; certificate: { certificate_id: string } }> = []
    rx.reply = (req) => {
      if (down) return { status: 503 }
      delivered.push(JSON.parse(req.json.content as string))
      return { status: 200, body: '{}' }
    }
    const cert = (id: string, action: string) => ({
      event: 'life_trade_certificate_notify',
      content: {
        action,
        msg_time: 1,
        certificate: { certificate_id: id, order_id: '7000000000000000001', account_id: ACC },
      },
    })
    for (const [id, action] of [
      ['7000000000000000011', 'verify'],
      ['7000000000000000022', 'verify'],
      ['7000000000000000011', 'verify_cancel'],
      ['7000000000000000011', 'verify'],
    ] as const) {
      await api.post('/sandbox/webhooks/events', cert(id, action))
    }
    await sandbox.dispatcher.settle(sandbox.tenants.default())
    await api.post('/sandbox/clock/advance', { seconds: 600 })
    expect(delivered).toEqual([])
    down = false
    await api.post('/sandbox/clock/advance', { seconds: 3600 })
    expect(delivered).toHaveLength(4)
    expect(
      delivered.filter((c) => c.certificate.certificate_id === '7000000000000000011').map((c) => c.action),
    ).toEqual(['verify', 'verify_cancel', 'verify'])
    expect(delivered.filter((c) => c.certificate.certificate_id === '7000000000000000022')).toHaveLength(1)
    expect((await api.get('/sandbox/webhooks')).body.data).toMatchObject({ pending_events: 0, failed_events: 0 })
  })

  it("keeps every resource of a tenant out of another tenant's reach", async () => {
    const { api } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const p = await publish(api, productBody('mine'))
    const o = await buy(api, { product_id: p.product_id })
    await api.post('/sandbox/refunds', { order_id: o.order.order_id, by: 'customer_service' })
    const other = (await api.post('/sandbox/tenants', { client_key: 'intruder', frozen_at: GOODS_NOW_MS / 1000 })).body
      .data
    const h = { 'access-token': await api.token(other) }
    const acc = other.account_id
    const get = async (path: string) => (await api.get(path, h)).body.data
    expect((await get(`/goodlife/v1/goods/product/draft/get/?product_ids=${p.product_id}`)).product_drafts).toEqual([])
    expect(
      (await get(`/goodlife/v1/goods/product/online/get/?account_id=${acc}&product_ids=${p.product_id}`))
        .product_onlines,
    ).toEqual([])
    expect(
      (
        await get(
          `/goodlife/v1/trade/order/query/?account_id=${acc}&order_id=${o.order.order_id}&page_num=1&page_size=10`,
        )
      ).orders,
    ).toEqual([])
    expect((await get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`)).error_code).toBe(
      3000001,
    )
    expect(
      (
        await get(
          `/goodlife/v1/fulfilment/certificate/get/?encrypted_code=${encodeURIComponent(o.certificates[0].encrypted_code)}`,
        )
      ).error_code,
    ).toBe(3000001)
    expect((await get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${o.order.order_id}`)).error_code).toBe(
      3000001,
    )
    expect(
      (await get(`/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${acc}&order_id=${o.order.order_id}`))
        .after_sale_order_list,
    ).toEqual([])
    expect(
      (
        await get(
          `/goodlife/v1/settle/ledger/query_record_by_cert/?certificate_ids=${o.certificates[0].certificate_id}`,
        )
      ).records,
    ).toEqual([])
    expect(
      (await get(`/goodlife/v1/goods/product/draft/get/?account_id=${ACC}&product_ids=${p.product_id}`)).error_code,
    ).toBe(2119005)
    const op = await api.post(
      '/goodlife/v1/goods/product/operate/',
      { account_id: acc, product_id: p.product_id, op_type: 2 },
      h,
    )
    expect(op.body.data.error_code).toBe(4000001)
  })
})
