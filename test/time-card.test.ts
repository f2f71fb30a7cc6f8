/** 次卡 (product_type 15): times_count uses on one coupon, each billed, cancellable within the hour, the rest refundable. */
import { describe, expect, it } from 'vitest'
import { productBuilders } from '../src/domains/goods/product.examples.js'
import { DEFAULT_TENANT, FROZEN_AT_MS, makeSandbox } from './helpers/harness.js'
import { buy, publish } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const POI = DEFAULT_TENANT.poi_id
const ACC = DEFAULT_TENANT.account_id
const NOW = FROZEN_AT_MS / 1000

async function setup(times = 3, price = 10000, attrs: Record<string, string> = {}) {
  const made = await makeSandbox()
  const products = productBuilders({ account_id: ACC, poi_ids: [POI], now: NOW })
  const p = await publish(made.api, products.timeCard({ times_count: times, price, attrs }))
  const o = await buy(made.api, { product_id: p.product_id })
  const h = async () => ({ 'access-token': await made.api.token() })
  const enc = o.certificates[0].encrypted_code as string
  const certId = o.certificates[0].certificate_id as string
  /** verifies `uses` uses of the card in one call (its encrypted code once per use) */
  const use = async (uses = 1) => {
    const prep = (
      await made.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, await h())
    ).body
    if (prep.data.error_code !== 0) return errorOf(prep)
    return (
      await made.api.post(
        '/goodlife/v1/fulfilment/certificate/verify/',
        { verify_token: prep.data.verify_token, poi_id: POI, encrypted_codes: Array.from({ length: uses }, () => enc) },
        await h(),
      )
    ).body.data
  }
  const cert = async () =>
    errorOf(
      (await made.api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${o.order.order_id}`, await h())).body,
    ).certificates[0]
  const cancel = async (body: object) =>
    errorOf(
      (
        await made.api.post(
          '/goodlife/v1/fulfilment/certificate/cancel/',
          { certificate_id: certId, ...body },
          await h(),
        )
      ).body,
    )
  const advance = (seconds: number) => made.api.post('/sandbox/clock/advance', { seconds })
  const ledger = async () =>
    (await made.api.get(`/goodlife/v1/settle/ledger/query_record_by_cert/?certificate_ids=${certId}`, await h())).body
      .data.records
  const order = async () =>
    (
      await made.api.get(
        `/goodlife/v1/trade/order/query/?account_id=${ACC}&order_id=${o.order.order_id}&page_num=1&page_size=10`,
        await h(),
      )
    ).body.data.orders[0]
  /** 售后单详情: the order's after-sale orders */
  const afterSales = async () =>
    (
      await made.api.get(
        `/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${ACC}&order_id=${o.order.order_id}`,
        await h(),
      )
    ).body.data.after_sale_order_list
  return { ...made, p, o, h, use, cert, cancel, advance, ledger, order, afterSales, certId }
}

describe('次卡 (time cards)', () => {
  it('issues one coupon with a time_card: times_count uses, none used, amounts split by serial', async () => {
    const s = await setup(3, 10000)
    expect(s.o.order.order_type).toBe(51)
    expect(s.o.certificates).toHaveLength(1)
    const c = await s.cert()
    expect(c.status).toBe(1)
    expect(c.sku.groupon_type).toBe(3)
    expect(c.time_card.times_count).toBe(3)
    expect(c.time_card.times_used).toBe(0)
    expect(c.time_card.serial_amount_list.map((x: any) => [x.serial_numb, x.amount.pay_amount])).toEqual([
      [1, 3334],
      [2, 3333],
      [3, 3333],
    ])
  })

  it('stays unused until the last use; each use is a verify record with its serial; the last makes it used', async () => {
    const s = await setup(3)
    const first = await s.use()
    expect(first.verify_results[0]).toMatchObject({ result: 0, certificate_id: s.certId })
    let c = await s.cert()
    expect(c.status).toBe(1)
    expect(c.time_card.times_used).toBe(1)
    expect(c.verify.times_card_serial_num).toBe(1)
    expect((await s.order()).order_status).toBe(201)
    // two uses in one call: the encrypted code twice
    const more = await s.use(2)
    expect(more.verify_results.map((r: any) => r.result)).toEqual([0, 0])
    c = await s.cert()
    expect(c.status).toBe(2)
    expect(c.time_card.times_used).toBe(3)
    expect(c.verify_records.map((r: any) => r.times_card_serial_num)).toEqual([1, 2, 3])
    expect((await s.order()).order_status).toBe(1)
    // a fourth use: the card is used up
    expect((await s.use()).verify_results[0]).toMatchObject({ result: 4000102 })
    const records = (
      await s.api.get(
        `/goodlife/v1/fulfilment/certificate/verify_record/query/?account_id=${ACC}&cursor=0&size=10`,
        await s.h(),
      )
    ).body.data.records
    expect(records.map((r: any) => r.verify_amount_info.times_card_serial_amount.serial_numb)).toEqual([3, 2, 1])
    // the verify answer gives each use the amounts verify_record/query reports for it
    const answered = [first.verify_results[0], ...more.verify_results]
    const byId = new Map(records.map((r: any) => [r.verify_id, r.verify_amount_info]))
    for (const v of answered) expect(v.verify_amount_info).toEqual(byId.get(v.verify_id))
    // the serials split the card's pay: 10000 over 3 uses; each use pays down its own share
    expect(answered.map((v: any) => v.verify_amount_info.time_card_amount.amount)).toEqual([3334, 3333, 3333])
    expect(answered.map((v: any) => v.verify_amount_info.times_card_serial_amount.amount.pay_amount)).toEqual([
      3334, 3333, 3333,
    ])
  })

  it('bills each use with its serial share once its hour is over', async () => {
    const s = await setup(2, 10001)
    await s.use()
    await s.advance(600)
    await s.use()
    await s.advance(3601)
    const records = await s.ledger()
    expect(records.map((r: any) => [r.fund_amount_type, r.amount.pay])).toEqual([
      [1, 5001],
      [1, 5000],
    ])
  })

  it('cancels one use within the hour (by verify_id): one use given back, not billed; after the hour refused', async () => {
    const s = await setup(3)
    const a = (await s.use()).verify_results[0]
    const b = (await s.use()).verify_results[0]
    expect(await s.cancel({ verify_id: b.verify_id })).toMatchObject({ error_code: 0 })
    let c = await s.cert()
    expect(c.time_card.times_used).toBe(1)
    expect(c.status).toBe(1)
    expect(c.verify.verify_id).toBe(a.verify_id)
    // the next use takes the freed serial 2
    await s.use()
    c = await s.cert()
    expect(c.verify.times_card_serial_num).toBe(2)
    await s.advance(3601)
    expect(await s.cancel({ verify_id: a.verify_id })).toMatchObject({
      error_code: 3000001,
      sub_error_code: 2034000910,
    })
    expect(await s.cancel({ verify_id: b.verify_id })).toMatchObject({ error_code: 3000001, sub_error_code: 4000113 })
    expect((await s.ledger()).length).toBe(2)
  })

  it('cancels the latest uses by times_card_cancel_count (verify_id "0"), once per cancel_token', async () => {
    const s = await setup(3)
    await s.use(3)
    expect((await s.cert()).status).toBe(2)
    expect(await s.cancel({ verify_id: '0', times_card_cancel_count: 4 })).toMatchObject({
      error_code: 3000001,
      sub_error_code: 4000114,
      description: expect.stringContaining('cannot cancel 4'),
    })
    expect(await s.cancel({ verify_id: '0' })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('times_card_cancel_count'),
    })
    const uses = (await s.cert()).verify_records.map((r: any) => r.verify_id)
    const first = await s.cancel({ verify_id: '0', times_card_cancel_count: 2, cancel_token: 'tok-1' })
    // one result per cancelled use, the latest two
    const cancelled = [uses[2], uses[1]].map((verify_id: string) => ({
      verify_id,
      order_id: s.o.order.order_id,
      result_code: 0,
      result_msg: 'success',
    }))
    expect(first).toEqual({ error_code: 0, description: 'success', cancel_results: cancelled, transaction_id: '' })
    // the repeat with the token cancels nothing more and answers the same uses
    const repeat = await s.cancel({ verify_id: '0', times_card_cancel_count: 2, cancel_token: 'tok-1' })
    expect(repeat.cancel_results).toEqual(cancelled)
    const c = await s.cert()
    expect(c.status).toBe(1)
    expect(c.time_card.times_used).toBe(1)
    expect(c.verify_records.map((r: any) => r.times_card_serial_num)).toEqual([1, 2, 3])
  })

  it('refunds the remaining uses (their pay), keeps the used ones billed; the order stays 交易成功', async () => {
    const s = await setup(3, 9000)
    await s.use()
    await s.advance(3601)
    const r = await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id, by: 'user' })
    expect(errorOf(r.body)).toMatchObject({ error_code: 0 })
    const [afterSale] = await s.afterSales()
    expect(afterSale).toMatchObject({ refund_amount: 6000, status: 2 })
    expect(afterSale.refund_info_list[0]).toMatchObject({ is_verified: false })
    // the breakdown by use: serials 2 and 3 given back, their pay summing to the refund
    const uses = afterSale.refund_info_list[0].times_card_refund_info_list
    expect(uses.map((u: any) => [u.serial_number, u.refund_amount, u.user_amount, u.origin_amount])).toEqual([
      [2, 3000, 3000, 3000],
      [3, 3000, 3000, 3000],
    ])
    expect(uses.reduce((sum: number, u: any) => sum + u.refund_amount, 0)).toBe(6000)
    const c = await s.cert()
    expect(c.status).toBe(4)
    expect(c.time_card.times_used).toBe(1)
    expect((await s.ledger()).map((l: any) => l.fund_amount_type)).toEqual([1])
    expect((await s.order()).order_status).toBe(1)
    expect((await s.use()).verify_results[0]).toMatchObject({ result: 4000104 })
  })

  it("gives back in a refund the serials no standing use holds: a cancelled use's serial comes back, by its share", async () => {
    const s = await setup(3, 10000)
    const a = (await s.use()).verify_results[0]
    await s.use()
    expect(await s.cancel({ verify_id: a.verify_id })).toMatchObject({ error_code: 0 })
    await s.advance(3601)
    const r = await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id, by: 'user' })
    expect(errorOf(r.body)).toMatchObject({ error_code: 0 })
    const item = (await s.afterSales())[0].refund_info_list[0]
    // serial 2 stands (billed); serials 1 (3334, the cancelled use's) and 3 (3333) are refunded
    expect(item.times_card_refund_info_list.map((u: any) => [u.serial_number, u.refund_amount])).toEqual([
      [1, 3334],
      [3, 3333],
    ])
    expect(item.total_refund_amount).toBe(3334 + 3333)
  })

  it('refunds an unused card whole', async () => {
    const s = await setup(2, 5000)
    const r = await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id, by: 'user' })
    expect(errorOf(r.body)).toMatchObject({ error_code: 0 })
    expect((await s.order()).order_status).toBe(101)
  })

  it('at expiry refunds the remaining uses of a card in use (the system refund)', async () => {
    const s = await setup(4, 8000, { use_date: JSON.stringify({ use_date_type: 2, day_duration: 1 }) })
    await s.use()
    await s.advance(3 * 86400)
    const c = await s.cert()
    expect(c.status).toBe(4)
    const detail = await s.afterSales()
    expect(detail[0]).toMatchObject({ initiator: 'system', refund_amount: 6000 })
    expect((await s.ledger()).map((l: any) => [l.fund_amount_type, l.amount.pay])).toEqual([[1, 2000]])
  })

  it('at expiry auto-verifies every remaining use of a non-refundable card in use, each with its serial and share', async () => {
    const s = await setup(4, 8000, {
      use_date: JSON.stringify({ use_date_type: 2, day_duration: 1 }),
      RefundPolicy: '2',
    })
    await s.use()
    await s.advance(3 * 86400)
    const c = await s.cert()
    expect(c.status).toBe(2)
    expect(c.time_card.times_used).toBe(4)
    expect(c.verify_records.map((r: any) => r.times_card_serial_num)).toEqual([1, 2, 3, 4])
    expect((await s.order()).order_status).toBe(1)
    expect((await s.ledger()).map((l: any) => [l.fund_amount_type, l.amount.pay])).toEqual([
      [1, 2000],
      [1, 2000],
      [1, 2000],
      [1, 2000],
    ])
  })

  it('reverses every billed use when customer service refunds a used-up card', async () => {
    const s = await setup(2, 6000)
    await s.use(2)
    await s.advance(3601)
    const r = await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id, by: 'customer_service' })
    expect(r.body.data.after_sale).toMatchObject({ refund_amount: 6000 })
    expect((await s.ledger()).map((l: any) => [l.fund_amount_type, l.amount.pay])).toEqual([
      [1, 3000],
      [1, 3000],
      [2, 3000],
      [2, 3000],
    ])
  })
})
