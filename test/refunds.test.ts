/** Seed 000 常见问题 7: one test per row of the 支持部分退 (a) and 不支持部分退 (b) tables, and the expiry cases. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, packBody, productBody, publish, type Body, type PackItem } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const POI = DEFAULT_TENANT.poi_id
const three = (): PackItem[] => [
  { item_type: 1, name: '双杯券', actual_amount: 3000, origin_amount: 3600 },
  { item_type: 1, name: '双杯券', actual_amount: 3000, origin_amount: 3600 },
  { item_type: 11, name: '10元代金券', actual_amount: 1000, origin_amount: 1000 },
]

function pack(mode: 1 | 2, opts: { confirm?: boolean; days?: number } = {}): Body {
  const b = packBody(`pack-${mode}-${Math.random()}`, three(), { refund_mode: mode })
  b.product.attr_key_value_map.refund_need_merchant_confirm = opts.confirm ? 'true' : 'false'
  b.product.attr_key_value_map.auto_renew = 'false'
  if (opts.days) b.product.attr_key_value_map.use_date = JSON.stringify({ use_date_type: 2, day_duration: opts.days })
  return b
}

async function setup(body: Body) {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const p = await publish(made.api, body)
  const o = await buy(made.api, { product_id: p.product_id })
  const h = async () => ({ 'access-token': await made.api.token() })
  const verify = async (n: number) => {
    const prep = (
      await made.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, await h())
    ).body.data
    const codes = prep.certificates.slice(0, n).map((c: { encrypted_code: string }) => c.encrypted_code)
    return (
      await made.api.post(
        '/goodlife/v1/fulfilment/certificate/verify/',
        { verify_token: prep.verify_token, poi_id: POI, encrypted_codes: codes },
        await h(),
      )
    ).body.data.verify_results
  }
  const refund = async (body: object) =>
    errorOf((await made.api.post('/sandbox/refunds', { order_id: o.order.order_id, ...body })).body)
  const statuses = async () =>
    (
      await made.api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${o.order.order_id}`, await h())
    ).body.data.certificates.map((c: { status: number }) => c.status)
  const order = async () =>
    (
      await made.api.get(
        `/goodlife/v1/trade/order/query/?account_id=${DEFAULT_TENANT.account_id}&order_id=${o.order.order_id}&page_num=1&page_size=1`,
        await h(),
      )
    ).body.data.orders[0]
  return { ...made, p, o, h, verify, refund, statuses, order }
}

describe.each([1, 2] as const)('refund_mode %i: rows common to both tables', (mode) => {
  it('user, before use, all unused → whole-order refund', async () => {
    const s = await setup(pack(mode))
    const r = await s.refund({ by: 'user' })
    expect(r.after_sale).toMatchObject({ status: 2, refund_type: 1, refund_amount: 7000, initiator: 'user' })
    expect(await s.statuses()).toEqual([4, 4, 4])
    expect(await s.order()).toMatchObject({
      order_status: 101,
      certificate: [{ item_status: 301 }, { item_status: 301 }, { item_status: 301 }],
    })
  })

  it('user, nothing used, chosen sub-items → refused: the user path is 整单退 (chosen items are the 客服 row)', async () => {
    const s = await setup(pack(mode))
    const r = await s.refund({ by: 'user', certificate_ids: [s.o.certificates[2].certificate_id] })
    expect(r).toMatchObject({
      error_code: 4000002,
      description:
        '状态不允许此操作: refund refused: a user refunds an unused pack whole (整单退): all 3 coupons, not 1; name no certificate_ids, or by: "customer_service" refunds chosen sub-items',
    })
    expect(await s.statuses()).toEqual([1, 1, 1])
    const all = s.o.certificates.map((c: { certificate_id: string }) => c.certificate_id)
    expect((await s.refund({ by: 'user', certificate_ids: all })).after_sale).toMatchObject({ refund_type: 1 })
  })

  it("user, after verification (抖音码) → refund within 3 days, with the merchant's audit; not a second later", async () => {
    const s = await setup(pack(mode))
    const [v] = await s.verify(1)
    await s.api.post('/sandbox/clock/advance', { seconds: 3 * 86400 })
    const ok = await s.refund({ by: 'user', certificate_ids: [v.certificate_id] })
    expect(ok.after_sale).toMatchObject({
      status: 1,
      refund_info_list: [{ certificate_id: v.certificate_id, is_verified: true }],
    })
    const s2 = await setup(pack(mode))
    const [v2] = await s2.verify(1)
    await s2.api.post('/sandbox/clock/advance', { seconds: 3 * 86400 + 1 })
    const late = await s2.refund({ by: 'user', certificate_ids: [v2.certificate_id] })
    expect(late).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining('must be requested within 259200 s (3 days)'),
    })
  })

  it('system, at expiry, nothing used → whole-order refund', async () => {
    const s = await setup(pack(mode, { days: 1 }))
    const adv = await s.api.post('/sandbox/clock/advance', { seconds: 3 * 86400 })
    expect(adv.body.data.ran.find((j: { kind: string }) => j.kind === 'coupon.expire').result).toMatchObject({
      refunded: 3,
    })
    expect(await s.statuses()).toEqual([4, 4, 4])
    expect((await s.order()).order_status).toBe(101)
  })

  it('customer service, all unused → whole, partial, or an amount (仅退款)', async () => {
    const whole = await setup(pack(mode))
    expect((await whole.refund({ by: 'customer_service' })).after_sale).toMatchObject({ status: 2, refund_type: 1 })
    const part = await setup(pack(mode))
    const certs = part.o.certificates
    expect(
      (await part.refund({ by: 'customer_service', certificate_ids: [certs[2].certificate_id] })).after_sale,
    ).toMatchObject({ refund_type: 2, refund_amount: 1000 })
    expect(await part.statuses()).toEqual([1, 1, 4])
    const amount = await setup(pack(mode))
    expect((await amount.refund({ by: 'customer_service', amount: 500 })).after_sale).toMatchObject({
      refund_type: 3,
      refund_amount: 500,
      status: 2,
    })
    expect(await amount.statuses()).toEqual([1, 1, 1])
    expect((await amount.refund({ by: 'user', amount: 500 })).description).toContain(
      'is for by: "customer_service" only',
    )
  })

  it('customer service, partly used → may force the unused part or the whole order', async () => {
    const s = await setup(pack(mode))
    await s.verify(1)
    expect((await s.refund({ by: 'customer_service' })).after_sale).toMatchObject({ status: 2, refund_amount: 4000 })
    expect(await s.statuses()).toEqual([2, 4, 4])
    const w = await setup(pack(mode))
    await w.verify(1)
    const all = w.o.certificates.map((c: { certificate_id: string }) => c.certificate_id)
    expect((await w.refund({ by: 'customer_service', certificate_ids: all })).after_sale).toMatchObject({
      status: 2,
      refund_type: 1,
    })
  })

  it('customer service, all used → whole-order refund', async () => {
    const s = await setup(pack(mode))
    await s.verify(3)
    expect((await s.refund({ by: 'customer_service' })).after_sale).toMatchObject({
      status: 2,
      refund_amount: 7000,
      refund_type: 1,
    })
    expect(await s.statuses()).toEqual([4, 4, 4])
  })
})

describe('table a: 支持部分退 (refund_mode 1)', () => {
  it('user, partly used → the unused part is refunded', async () => {
    const s = await setup(pack(1))
    await s.verify(1)
    const r = await s.refund({ by: 'user' })
    expect(r.after_sale).toMatchObject({ status: 2, refund_type: 2, refund_amount: 4000 })
    expect(await s.statuses()).toEqual([2, 4, 4])
    expect((await s.order()).order_status).toBe(1)
  })

  it('user, partly used, part of the unused part → refused: 未使用部分全部退 means all of it', async () => {
    const s = await setup(pack(1))
    await s.verify(1)
    const r = await s.refund({ by: 'user', certificate_ids: [s.o.certificates[2].certificate_id] })
    expect(r).toMatchObject({
      error_code: 4000002,
      description:
        '状态不允许此操作: refund refused: a user refunds the unused part of a pack whole (未使用部分全部退): all 2 unused coupons, not 1; name no certificate_ids, or by: "customer_service" refunds chosen sub-items',
    })
    expect(await s.statuses()).toEqual([2, 1, 1])
  })

  it('system, at expiry, partly used → the unused part is refunded', async () => {
    const s = await setup(pack(1, { days: 1 }))
    await s.verify(2)
    await s.api.post('/sandbox/clock/advance', { seconds: 3 * 86400 })
    expect(await s.statuses()).toEqual([2, 2, 4])
  })
})

describe('table b: 不支持部分退 (refund_mode 2)', () => {
  it('user, partly used → refused with the reason', async () => {
    const s = await setup(pack(2))
    await s.verify(1)
    const r = await s.refund({ by: 'user' })
    expect(r).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining('does not support partial refunds (不支持部分退)'),
    })
    expect(await s.statuses()).toEqual([2, 1, 1])
  })

  it('system, at expiry, partly used → the unused part is closed: auto-verified, money to the merchant, signalled as verify', async () => {
    const s = await setup(pack(2, { days: 1 }))
    await s.verify(1)
    const adv = await s.api.post('/sandbox/clock/advance', { seconds: 3 * 86400 })
    expect(adv.body.data.ran.find((j: { kind: string }) => j.kind === 'coupon.expire').result).toMatchObject({
      closed: 2,
    })
    expect(await s.statuses()).toEqual([2, 2, 2])
    const events = (await s.api.get('/sandbox/webhooks/outbox')).body.data.events.filter(
      (e: { event: string }) => e.event === 'life_trade_certificate_notify',
    )
    const auto = events
      .map((e: { body: string }) => JSON.parse(JSON.parse(e.body).content))
      .filter((c: { verify_source?: string }) => c.verify_source === 'expire_auto')
    expect(auto).toHaveLength(2)
    expect(auto[0].action).toBe('verify')
    const bills = (
      await s.api.get(
        `/goodlife/v1/settle/ledger/query_record_by_cert/?certificate_ids=${s.o.certificates[2].certificate_id}`,
        await s.h(),
      )
    ).body.data.records
    expect(bills).toEqual([
      expect.objectContaining({
        fund_amount_type: 1,
        fund_amount: expect.objectContaining({ goods: expect.any(Number) }),
      }),
    ])
  })

  async function expiredPartlyUsed() {
    const body = pack(2, { days: 1 })
    body.sku!.attr_key_value_map.settle_type = '2' // 分店结算: merchant verifications settle to the store
    const s = await setup(body)
    await s.verify(1)
    await s.api.post('/sandbox/clock/advance', { seconds: 3 * 86400 })
    return s
  }

  it('the expired, closed part cannot be refunded by the user (已过期, 不支持退款)', async () => {
    const s = await expiredPartlyUsed()
    const closed = s.o.certificates[2].certificate_id
    const r = await s.refund({ by: 'user', certificate_ids: [closed] })
    expect(r).toMatchObject({
      error_code: 4000002,
      description: `状态不允许此操作: refund refused: certificate ${closed} expired unused and was closed (已过期, 不支持退款: the money went to the merchant); customer service may still force a refund`,
    })
    expect(await s.statuses()).toEqual([2, 2, 2])
  })

  it("the expired, closed part is settled to the merchant's 总户 (settle_type 1), not the store", async () => {
    const s = await expiredPartlyUsed()
    const bill = async (id: string) => {
      const rec = (
        await s.api.get(`/goodlife/v1/settle/ledger/query_record_by_cert/?certificate_ids=${id}`, await s.h())
      ).body.data.records[0]
      const day = new Date((rec.verify_time + 8 * 3600) * 1000).toISOString().slice(0, 10)
      const acc = DEFAULT_TENANT.account_id
      const q = `/goodlife/v1/settle/bill/catering_query/?account_id=${acc}&bill_date=${day}&cursor=0&size=50`
      const page = (await s.api.get(q, await s.h())).body.data.ledger_records
      return page.find((l: { certificate_id: string }) => l.certificate_id === id)
    }
    const closed = s.o.certificates[2].certificate_id
    expect(await bill(closed)).toMatchObject({
      settle_type: 1,
      settle_type_desc: '总店结算',
      settle_account_poi_id: '',
    })
    expect(await bill(s.o.certificates[0].certificate_id)).toMatchObject({
      settle_type: 2,
      settle_account_poi_id: POI,
    })
  })
})

describe('ordinary products follow RefundPolicy', () => {
  it('refuses a user refund of a non-refundable product (2) and allows an allowed one (1)', async () => {
    const none = productBody(`rp2-${Math.random()}`)
    none.product.attr_key_value_map.refund_need_merchant_confirm = 'false'
    const s = await setup(none)
    expect((await s.refund({ by: 'user' })).description).toContain('RefundPolicy 2 不可退款')
    const allowed = productBody(`rp1-${Math.random()}`)
    allowed.product.attr_key_value_map.RefundPolicy = '1'
    allowed.product.attr_key_value_map.refund_need_merchant_confirm = 'false'
    const a = await setup(allowed)
    expect((await a.refund({ by: 'user' })).after_sale.status).toBe(2)
  })

  it("puts a conditional (3) refund through the merchant's audit", async () => {
    const cond = productBody(`rp3-${Math.random()}`)
    cond.product.attr_key_value_map.RefundPolicy = '3'
    cond.product.attr_key_value_map.refund_need_merchant_confirm = 'false'
    const s = await setup(cond)
    expect((await s.refund({ by: 'user' })).after_sale.status).toBe(1)
  })
})
