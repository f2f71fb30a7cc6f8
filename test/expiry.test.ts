/** Coupon expiry on the virtual clock: one job per validity window, every order in it handled; auto_renew once. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox, type Api } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'

const DAY = 86400
type Ran = { kind: string; due_at: number; result: Record<string, unknown> }

function product(opts: { days: number; autoRenew?: boolean }) {
  const b = productBody(`expiry-${opts.days}-${opts.autoRenew ? 'renew' : 'plain'}`)
  b.product.attr_key_value_map.auto_renew = opts.autoRenew ? 'true' : 'false'
  b.product.attr_key_value_map.RefundPolicy = '1' // 允许退款: unused coupons are refunded at expiry
  b.product.attr_key_value_map.use_date = JSON.stringify({ use_date_type: 2, day_duration: opts.days })
  b.sku.attr_key_value_map.limit_rule = JSON.stringify({ is_limit: false })
  return b
}

async function statuses(api: Api, orderId: string) {
  const h = { 'access-token': await api.token() }
  const certs = (await api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${orderId}`, h)).body.data
    .certificates as { status: number; expire_time: number }[]
  return certs.map((c) => ({ status: c.status, expire_time: c.expire_time }))
}

const expiries = (ran: Ran[]) => ran.filter((j) => j.kind === 'coupon.expire')

describe('coupon expiry', () => {
  it('handles every order of one validity window in one job', async () => {
    const { api } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const p = await publish(api, product({ days: 1 }))
    const pendingBefore = (await api.get('/sandbox/clock')).body.data.clock.pending_jobs as number
    const orders = []
    for (let i = 0; i < 5; i++) orders.push(await buy(api, { product_id: p.product_id, count: 2 }))
    expect((await api.get('/sandbox/clock')).body.data.clock.pending_jobs).toBe(pendingBefore + 1)
    const ran = expiries((await api.post('/sandbox/clock/advance', { seconds: 3 * DAY })).body.data.ran as Ran[])
    expect(ran).toHaveLength(1)
    expect(ran[0]!.result).toMatchObject({
      orders: 5,
      refunded: 10,
      closed: 0,
      renewed: 0,
      order_ids: orders.map((o) => o.order.order_id),
    })
    for (const o of orders) expect((await statuses(api, o.order.order_id)).map((c) => c.status)).toEqual([4, 4])
  })

  it('runs each window at its own time: an order bought a day later expires a day later', async () => {
    const { api } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const p = await publish(api, product({ days: 1 }))
    const first = await buy(api, { product_id: p.product_id })
    await api.post('/sandbox/clock/advance', { seconds: DAY })
    const second = await buy(api, { product_id: p.product_id })
    const [a] = await statuses(api, first.order.order_id)
    const [b] = await statuses(api, second.order.order_id)
    expect(b!.expire_time - a!.expire_time).toBe(DAY)
    const ran = expiries((await api.post('/sandbox/clock/advance', { seconds: 3 * DAY })).body.data.ran as Ran[])
    expect(ran.map((j) => [j.due_at, j.result.order_id])).toEqual([
      [a!.expire_time + 1, first.order.order_id],
      [b!.expire_time + 1, second.order.order_id],
    ])
  })

  it('extends unused auto_renew coupons once by 30 days, then refunds them at the second expiry', async () => {
    const { api } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const p = await publish(api, product({ days: 1, autoRenew: true }))
    const o = await buy(api, { product_id: p.product_id, count: 2 })
    const [before] = await statuses(api, o.order.order_id)
    const first = expiries((await api.post('/sandbox/clock/advance', { seconds: 3 * DAY })).body.data.ran as Ran[])
    expect(first.map((j) => j.result)).toEqual([
      expect.objectContaining({ renewed: 2, expire_time: before!.expire_time + 30 * DAY }),
    ])
    expect(await statuses(api, o.order.order_id)).toEqual(
      [1, 1].map((status) => ({ status, expire_time: before!.expire_time + 30 * DAY })),
    )
    const second = expiries((await api.post('/sandbox/clock/advance', { seconds: 30 * DAY })).body.data.ran as Ran[])
    expect(second.map((j) => j.result)).toEqual([expect.objectContaining({ refunded: 2, renewed: 0 })])
    expect((await statuses(api, o.order.order_id)).map((c) => c.status)).toEqual([4, 4])
  })

  it('leaves a used coupon alone and expires only the unused ones of the order', async () => {
    const { api } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const p = await publish(api, product({ days: 1 }))
    const o = await buy(api, { product_id: p.product_id, count: 2 })
    const h = { 'access-token': await api.token() }
    const prep = (await api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, h)).body
      .data
    const verified = await api.post(
      '/goodlife/v1/fulfilment/certificate/verify/',
      {
        verify_token: prep.verify_token,
        poi_id: DEFAULT_TENANT.poi_id,
        encrypted_codes: [prep.certificates[0].encrypted_code],
      },
      h,
    )
    expect(verified.body.data.verify_results[0].result).toBe(0)
    const ran = expiries((await api.post('/sandbox/clock/advance', { seconds: 3 * DAY })).body.data.ran as Ran[])
    expect(ran[0]!.result).toMatchObject({ orders: 1, refunded: 1 })
    expect((await statuses(api, o.order.order_id)).map((c) => c.status).sort()).toEqual([2, 4])
  })
})
