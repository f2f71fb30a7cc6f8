import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { useReceivers } from './helpers/receiver.js'
import { errorOf, errorText } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const newReceiver = useReceivers()

async function setup(confirm: boolean, count = 2) {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const b = productBody(`as-${Math.random()}`)
  b.product.attr_key_value_map.RefundPolicy = '1'
  b.product.attr_key_value_map.refund_need_merchant_confirm = confirm ? 'true' : 'false'
  const p = await publish(made.api, b)
  const o = await buy(made.api, { product_id: p.product_id, count })
  const h = async () => ({ 'access-token': await made.api.token() })
  const audit = async (body: object) =>
    errorOf(
      (
        await made.api.post(
          '/goodlife/v1/akte/after_sale/order/audit/',
          { account_id: ACC, order_id: o.order.order_id, ...body },
          await h(),
        )
      ).body,
    )
  const stock = async () =>
    errorOf((await made.api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${p.product_id}`, await h())).body)
      .product_drafts[0].sku.stock
  const statuses = async () =>
    errorOf(
      (await made.api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${o.order.order_id}`, await h())).body,
    ).certificates.map((c: { status: number }) => c.status)
  return { ...made, p, o, h, audit, stock, statuses }
}

describe('merchant confirmation (refund_need_merchant_confirm)', () => {
  it('waits for the merchant, who gets life_hermes_akte_after_sale_audit, and pays on approval', async () => {
    const s = await setup(true)
    const rx = await newReceiver()
    await s.api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    const r = errorOf(
      (await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id, reason: '计划有变' })).body,
    ).after_sale
    expect(r).toMatchObject({ status: 1, refund_amount: 1992 })
    expect(await s.statuses()).toEqual([3, 3])
    await s.sandbox.dispatcher.settle(s.sandbox.tenants.default())
    const asks = rx.received
      .filter((x) => x.json.event === 'life_hermes_akte_after_sale_audit')
      .map((x) => JSON.parse(x.json.content as string))
    expect(asks).toHaveLength(2)
    expect(asks[0]).toMatchObject({
      account_id: ACC,
      order_id: s.o.order.order_id,
      refund_amount: 996,
      apply_reason: { additional_msg: '计划有变' },
    })
    expect(await s.audit({ audit_status: true })).toMatchObject({ error_code: 0, status: 2 })
    expect(await s.statuses()).toEqual([4, 4])
    await s.sandbox.dispatcher.settle(s.sandbox.tenants.default())
    const refunded = rx.received
      .filter((x) => x.json.event === 'life_trade_certificate_notify')
      .map((x) => JSON.parse(x.json.content as string).action)
    expect(refunded).toEqual(['refund_success', 'refund_success'])
  })

  it('refuses a rejection without a reason, and a rejection with one puts the coupons back', async () => {
    const s = await setup(true)
    await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id })
    const bare = await s.audit({ audit_status: false })
    expect(bare).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('reject_reason is required when audit_status is false'),
    })
    expect(await s.audit({ audit_status: false, reject_reason: '已到店消费' })).toMatchObject({ status: 3 })
    expect(await s.statuses()).toEqual([1, 1])
    const detail = errorOf(
      (
        await s.api.get(
          `/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${ACC}&order_id=${s.o.order.order_id}`,
          await s.h(),
        )
      ).body,
    )
    expect(detail.after_sale_order_list[0]).toMatchObject({
      status: 3,
      audit_result: 'reject',
      reject_reason: '已到店消费',
      refund_info_list: [{ refund_status: 3 }, { refund_status: 3 }],
    })
    expect(await s.audit({ audit_status: true })).toMatchObject({ error_code: 4000002 })
  })

  it('waits 72 hours by default (订单查询: 如退款状态未响应超过 72 小时会自动退款), then refunds', async () => {
    const s = await setup(true)
    expect(errorOf((await s.api.get('/sandbox/settings')).body).settings).toMatchObject({
      refund_audit_timeout_seconds: 259200,
      tripartite_refund_audit_timeout_seconds: 86400,
    })
    await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id })
    await s.api.post('/sandbox/clock/advance', { seconds: 72 * 3600 - 1 })
    expect(await s.statuses()).toEqual([3, 3])
    await s.api.post('/sandbox/clock/advance', { seconds: 1 })
    expect(await s.statuses()).toEqual([4, 4])
  })

  it("approves on the platform's default when the merchant does not answer in time", async () => {
    const s = await setup(true)
    await s.api.request('PUT', '/sandbox/settings', { body: { refund_audit_timeout_seconds: 600 } })
    await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id })
    await s.api.post('/sandbox/clock/advance', { seconds: 599 })
    expect(await s.statuses()).toEqual([3, 3])
    const adv = await s.api.post('/sandbox/clock/advance', { seconds: 1 })
    expect(adv.body.data.ran.map((j: { kind: string }) => j.kind)).toContain('after_sale.audit_timeout')
    expect(await s.statuses()).toEqual([4, 4])
  })
})

describe('refund effects and queries', () => {
  it('gives sold_qty back but not sold_count', async () => {
    const s = await setup(false, 3)
    expect(await s.stock()).toMatchObject({ stock_qty: 500, avail_qty: 497, sold_qty: 3, sold_count: 3 })
    await s.api.post('/sandbox/refunds', {
      order_id: s.o.order.order_id,
      certificate_ids: [s.o.certificates[0].certificate_id],
    })
    expect(await s.stock()).toMatchObject({ stock_qty: 500, avail_qty: 498, sold_qty: 2, sold_count: 3 })
  })

  it('lists after-sales by cursor, status and time windows', async () => {
    const s = await setup(false, 3)
    for (const c of s.o.certificates) {
      await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id, certificate_ids: [c.certificate_id] })
      await s.api.post('/sandbox/clock/advance', { seconds: 10 })
    }
    const q = async (qs: string) =>
      errorOf((await s.api.get(`/goodlife/v1/akte/after_sale/order/query/?account_id=${ACC}&${qs}`, await s.h())).body)
    const p1 = await q('page_size=2&cursor=0')
    expect(p1).toMatchObject({ has_more: true, cursor: '2' })
    expect(p1.after_sale_order_list).toHaveLength(2)
    expect((await q('page_size=2&cursor=2')).after_sale_order_list).toHaveLength(1)
    const now = GOODS_NOW_MS / 1000
    expect(
      (await q(`page_size=10&refund_done_start_time=${now}&refund_done_end_time=${now + 5}`)).after_sale_order_list,
    ).toHaveLength(1)
    expect((await q('page_size=10&refund_status=1')).after_sale_order_list).toHaveLength(0)
    expect((await q('page_size=101')).description).toContain('page_size: must be 1–100')
    expect((await q(`page_size=10&create_order_start_time=${now}`)).description).toContain('go together')
    const byCert = errorOf(
      (
        await s.api.get(
          `/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${ACC}&order_id=${s.o.order.order_id}&certificate_id=${s.o.certificates[1].certificate_id}`,
          await s.h(),
        )
      ).body,
    )
    expect(byCert.after_sale_order_list).toHaveLength(1)
  })

  it('refuses a refund of an already refunded coupon and of an unknown order', async () => {
    const s = await setup(false)
    await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id })
    expect(errorText((await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id })).body)).toContain(
      'has no coupon left to refund',
    )
    expect(
      errorText(
        (
          await s.api.post('/sandbox/refunds', {
            order_id: s.o.order.order_id,
            certificate_ids: [s.o.certificates[0].certificate_id],
          })
        ).body,
      ),
    ).toContain('already refunded')
    expect(errorOf((await s.api.post('/sandbox/refunds', { order_id: '7000000000000000001' })).body).error_code).toBe(
      4000001,
    )
  })
})
