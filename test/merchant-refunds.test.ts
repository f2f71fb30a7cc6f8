/** The merchant's refund APIs: 商家取消订单 (apply_refund), 拒绝接单 (merchant_reject), 商家同意/拒绝退款 (audit/notify). */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const POI = DEFAULT_TENANT.poi_id
const ACC = DEFAULT_TENANT.account_id

async function setup(opts: { confirm?: boolean; policy?: string; count?: number } = {}) {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const b = productBody(`mr-${Math.random()}`)
  b.product.attr_key_value_map.refund_need_merchant_confirm = opts.confirm ? 'true' : 'false'
  b.product.attr_key_value_map.RefundPolicy = opts.policy ?? '1'
  const p = await publish(made.api, b)
  const o = await buy(made.api, { product_id: p.product_id, count: opts.count ?? 2 })
  const h = async () => ({ 'access-token': await made.api.token() })
  const post = async (path: string, body: object) =>
    errorOf((await made.api.post(`/goodlife/v1/after_sale/${path}/`, body, await h())).body)
  const verify = async (i: number) => {
    const prep = (
      await made.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[i].code}`, await h())
    ).body.data
    return (
      await made.api.post(
        '/goodlife/v1/fulfilment/certificate/verify/',
        { verify_token: prep.verify_token, poi_id: POI, encrypted_codes: [o.certificates[i].encrypted_code] },
        await h(),
      )
    ).body.data.verify_results[0]
  }
  const statuses = async () =>
    (
      await made.api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${o.order.order_id}`, await h())
    ).body.data.certificates.map((c: { status: number }) => c.status)
  const order = async () =>
    (
      await made.api.get(
        `/goodlife/v1/trade/order/query/?account_id=${ACC}&order_id=${o.order.order_id}&page_num=1&page_size=1`,
        await h(),
      )
    ).body.data.orders[0]
  const afterSales = async () =>
    (
      await made.api.get(
        `/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${ACC}&order_id=${o.order.order_id}`,
        await h(),
      )
    ).body.data.after_sale_order_list
  const online = async () =>
    (
      await made.api.get(
        `/goodlife/v1/goods/product/online/get/?account_id=${ACC}&product_ids=${p.product_id}`,
        await h(),
      )
    ).body.data.product_onlines[0]
  return { ...made, p, o, h, post, verify, statuses, order, afterSales, online }
}

describe('after_sale/order/apply_refund (商家取消订单)', () => {
  it('refunds the whole order at once, even of a non-refundable product; shows in the after-sale queries', async () => {
    const s = await setup({ policy: '2' })
    const stockBefore = (await s.online()).sku.stock.avail_qty as number
    const r = await s.post('order/apply_refund', {
      order_id: s.o.order.order_id,
      out_after_sale_id: 'M-1',
      refund_reason: { reason_code: [501], desc: '门店停业' },
    })
    expect(r).toMatchObject({ error_code: 0, status: 2 })
    expect(await s.statuses()).toEqual([4, 4])
    expect((await s.order()).order_status).toBe(101)
    const [as] = await s.afterSales()
    expect(as).toMatchObject({
      after_sale_id: r.after_sale_id,
      initiator: 'merchant',
      out_biz_after_sale_id: 'M-1',
      refund_type: 1,
      status: 2,
      refund_amount: s.o.order.pay_amount,
      reason: { reason_code: [501], desc: '门店停业' },
    })
    const listed = (
      await s.api.get(`/goodlife/v1/akte/after_sale/order/query/?account_id=${ACC}&page_size=10`, await s.h())
    ).body.data.after_sale_order_list
    expect(listed.map((x: { after_sale_id: string }) => x.after_sale_id)).toEqual([r.after_sale_id])
    expect((await s.online()).sku.stock.avail_qty).toBe(stockBefore + 2)
    // the same out_after_sale_id again: the same after-sale; another one finds nothing left
    const again = await s.post('order/apply_refund', { order_id: s.o.order.order_id, out_after_sale_id: 'M-1' })
    expect(again.after_sale_id).toBe(r.after_sale_id)
    expect(
      await s.post('order/apply_refund', { order_id: s.o.order.order_id, out_after_sale_id: 'M-2' }),
    ).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining('no coupon left to refund'),
    })
    expect(await s.afterSales()).toHaveLength(1)
  })

  it('refunds verified coupons too and reverses their bills', async () => {
    const s = await setup()
    await s.verify(0)
    await s.api.post('/sandbox/clock/advance', { seconds: 3601 })
    const r = await s.post('order/apply_refund', { order_id: s.o.order.order_id })
    expect(r).toMatchObject({ error_code: 0, status: 2 })
    expect(await s.statuses()).toEqual([4, 4])
    const [as] = await s.afterSales()
    expect(as.refund_info_list.map((i: { is_verified: boolean }) => i.is_verified)).toEqual([true, false])
    const records = (
      await s.api.get(
        `/goodlife/v1/settle/ledger/query_record_by_cert/?certificate_ids=${s.o.certificates[0].certificate_id}`,
        await s.h(),
      )
    ).body.data.records
    expect(records.map((x: { fund_amount_type: number }) => x.fund_amount_type)).toEqual([1, 2])
    expect(records[1].amount.pay).toBe(records[0].amount.pay)
  })

  it('names an unknown order and a missing order_id', async () => {
    const s = await setup()
    expect(await s.post('order/apply_refund', { order_id: '7000000000000000000' })).toMatchObject({
      error_code: 4000001,
      description: '资源不存在: no order 7000000000000000000',
    })
    expect(await s.post('order/apply_refund', {})).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('order_id'),
    })
  })
})

describe('after_sale/order/merchant_reject (拒绝接单)', () => {
  it('refunds an untouched order whole and closes it', async () => {
    const s = await setup()
    const r = await s.post('order/merchant_reject', {
      order_id: s.o.order.order_id,
      reject_reason: { reason_code: [501, 502], desc: '超出配送范围' },
    })
    expect(r).toMatchObject({ error_code: 0, status: 2 })
    expect(await s.statuses()).toEqual([4, 4])
    expect((await s.order()).order_status).toBe(101)
    expect((await s.afterSales())[0]).toMatchObject({ initiator: 'merchant', refund_type: 1 })
    expect(
      await s.post('order/merchant_reject', { order_id: s.o.order.order_id, reject_reason: { desc: 'x' } }),
    ).toMatchObject({
      error_code: 4000002,
    })
  })

  it('refuses an order with a used coupon, and a rejection without a reason', async () => {
    const s = await setup()
    expect(await s.post('order/merchant_reject', { order_id: s.o.order.order_id, reject_reason: {} })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('reject_reason is required'),
    })
    await s.verify(0)
    expect(
      await s.post('order/merchant_reject', { order_id: s.o.order.order_id, reject_reason: { reason_code: [1] } }),
    ).toMatchObject({ error_code: 4000002, description: expect.stringContaining('cannot be rejected (拒单)') })
    expect(await s.statuses()).toEqual([2, 1])
  })
})

describe('after_sale/audit/notify (商家同意/拒绝退款)', () => {
  it('approves a waiting refund by after_sale_id: paid, coupons refunded', async () => {
    const s = await setup({ confirm: true })
    const waiting = (await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id })).body.data.after_sale
    expect(waiting.status).toBe(1)
    expect(await s.statuses()).toEqual([3, 3])
    const r = await s.post('audit/notify', { after_sale_id: waiting.after_sale_id, is_approved: true })
    expect(r).toMatchObject({ error_code: 0, after_sale_id: waiting.after_sale_id, status: 2 })
    expect(await s.statuses()).toEqual([4, 4])
    expect((await s.afterSales())[0]).toMatchObject({ status: 2, audit_result: 'approve' })
    expect(await s.post('audit/notify', { after_sale_id: waiting.after_sale_id, is_approved: false })).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining('is not waiting'),
    })
  })

  it('rejects with a reason: the coupons come back; a rejection without one is refused', async () => {
    const s = await setup({ confirm: true })
    const waiting = (await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id })).body.data.after_sale
    expect(await s.post('audit/notify', { after_sale_id: waiting.after_sale_id, is_approved: false })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('reject_reason is required'),
    })
    const r = await s.post('audit/notify', {
      after_sale_id: waiting.after_sale_id,
      is_approved: false,
      reject_reason: { reason_code: [101], desc: '商家已出餐' },
    })
    expect(r).toMatchObject({ error_code: 0, status: 3 })
    expect(await s.statuses()).toEqual([1, 1])
    expect((await s.afterSales())[0]).toMatchObject({ status: 3, reject_reason: '商家已出餐' })
    expect(await s.post('audit/notify', { after_sale_id: '7000000000000000001', is_approved: true })).toMatchObject({
      error_code: 4000001,
      description: '资源不存在: no after-sale 7000000000000000001',
    })
  })
})
