/** Bookings (预约): the consumer books, the merchant confirms the order (确认订单) within a day or the booking fails; 查询预约单 reads them. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const NOW = GOODS_NOW_MS / 1000

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const p = await publish(made.api, productBody(`book-${Math.random()}`))
  const o = await buy(made.api, { product_id: p.product_id, count: 2 })
  const h = async () => ({ 'access-token': await made.api.token() })
  const book = async (body: object) =>
    errorOf(
      (await made.api.post('/sandbox/bookings', { order_id: o.order.order_id, book_start_time: NOW + 86400, ...body }))
        .body,
    )
  const get = async (qs: string) =>
    errorOf((await made.api.get(`/goodlife/v1/trade/book/get/?account_id=${ACC}&${qs}`, await h())).body)
  const confirm = async (orderId = o.order.order_id) =>
    errorOf(
      (await made.api.post('/goodlife/v1/trade/buy/merchant_confirm_order/', { order_id: orderId }, await h())).body,
    )
  const advance = (seconds: number) => made.api.post('/sandbox/clock/advance', { seconds })
  return { ...made, p, o, h, book, get, confirm, advance }
}

describe('bookings (预约单)', () => {
  it('books coupons, answers them by book_id or order_id, and the merchant confirms the order', async () => {
    const s = await setup()
    const b = await s.book({ certificate_ids: [s.o.certificates[0].certificate_id], out_book_no: 'B-1' })
    expect(b.error_code).toBe(0)
    expect(b.booking).toMatchObject({ status: 'BOOKING', order_id: s.o.order.order_id, out_book_no: 'B-1' })
    expect(b.booking.book_child_info_list).toHaveLength(1)
    expect(b.booking.book_child_info_list[0]).toMatchObject({
      book_start_time: (NOW + 86400) * 1000,
      book_end_time: (NOW + 86400 + 3600) * 1000,
      certificate_id: s.o.certificates[0].certificate_id,
      poi_id: DEFAULT_TENANT.poi_id,
    })
    expect((await s.get(`book_id=${b.booking.book_id}`)).book_info_list).toEqual([b.booking])
    expect(await s.confirm()).toMatchObject({ error_code: 0, confirmed_bookings: 1 })
    const after = (await s.get(`order_id=${s.o.order.order_id}`)).book_info_list
    expect(after[0]).toMatchObject({ status: 'SUCCESS', confirm_time: NOW })
    // the timeout no longer applies; confirming again changes nothing
    await s.advance(2 * 86400)
    expect((await s.get(`order_id=${s.o.order.order_id}`)).book_info_list[0].status).toBe('SUCCESS')
    expect(await s.confirm()).toMatchObject({ error_code: 0, confirmed_bookings: 0 })
    // an accepted order cannot be rejected any more
    const reject = await s.api.post(
      '/goodlife/v1/after_sale/order/merchant_reject/',
      { order_id: s.o.order.order_id, reject_reason: { desc: '满座' } },
      await s.h(),
    )
    expect(errorOf(reject.body)).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining('确认订单'),
    })
  })

  it('fails a booking the merchant did not confirm within 24 virtual hours', async () => {
    const s = await setup()
    const b = await s.book({})
    expect(b.booking.book_child_info_list).toHaveLength(2)
    await s.advance(86399)
    expect((await s.get(`book_id=${b.booking.book_id}`)).book_info_list[0].status).toBe('BOOKING')
    await s.advance(1)
    expect((await s.get(`book_id=${b.booking.book_id}`)).book_info_list[0].status).toBe('FAIL')
    expect(await s.confirm()).toMatchObject({ confirmed_bookings: 0 })
  })

  it('keeps the 预约人 a booking names, answers them in 查询预约单 and in 验券准备 while the booking holds', async () => {
    const s = await setup()
    const [first, second] = s.o.certificates
    const users = [
      { name: '张三', phone: '13800138000', id_card_no: '110101199003071234' },
      { name: '李四', phone: '13900139000' },
    ]
    const b = await s.book({ certificate_ids: [first.certificate_id], user_info_list: users })
    const kept = [users[0], { ...users[1], id_card_no: '' }]
    expect(b.booking.book_child_info_list[0].user_info_list).toEqual(kept)
    expect(
      (await s.get(`order_id=${s.o.order.order_id}`)).book_info_list[0].book_child_info_list[0].user_info_list,
    ).toEqual(kept)
    const prepare = async () =>
      errorOf(
        (await s.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${first.code}`, await s.h())).body,
      ) as { certificates: Array<{ certificate_id: string; reserve_info: unknown }> }
    const reserveOf = (p: Awaited<ReturnType<typeof prepare>>, id: string) =>
      p.certificates.find((c) => c.certificate_id === id)!.reserve_info
    const prepared = await prepare()
    // the booked coupon carries its 预约人 (身份证 = credential_type 1); the unbooked one none
    expect(reserveOf(prepared, first.certificate_id)).toEqual({
      order_reserve_user_info_list: [
        { name: '张三', phone: '13800138000', credential_type: 1, credential_numb: '110101199003071234' },
        { name: '李四', phone: '13900139000', credential_type: 0, credential_numb: '' },
      ],
    })
    expect(reserveOf(prepared, second.certificate_id)).toEqual({ order_reserve_user_info_list: [] })
    // a booking that failed (not confirmed within the day) no longer holds the coupon
    await s.advance(86400)
    expect(reserveOf(await prepare(), first.certificate_id)).toEqual({ order_reserve_user_info_list: [] })
  })

  it('makes up one 预约人 from the seed when the booking names none', async () => {
    const booked = async () => {
      const s = await setup()
      return (await s.book({})).booking.book_child_info_list[0].user_info_list as Array<Record<string, string>>
    }
    const users = await booked()
    expect(users).toHaveLength(1)
    expect(users[0]!.name).toMatch(/^\p{Script=Han}{2,4}$/u)
    expect(users[0]!.phone).toMatch(/^1[3-9]\d{9}$/)
    expect(users[0]!.id_card_no).toBe('')
    // the same seed and the same calls make up the same consumer
    expect(await booked()).toEqual(users)
  })

  it('checks the booking, the query and the confirmation', async () => {
    const s = await setup()
    expect(await s.book({ book_start_time: NOW - 1 })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('book_start_time must be after now'),
    })
    expect(await s.book({ certificate_ids: ['1'] })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('is not part of order'),
    })
    expect(await s.book({ poi_id: '999' })).toMatchObject({ error_code: 2100005 })
    expect(await s.book({ user_info_list: [{ name: '张三', phone: 'call me' }] })).toMatchObject({
      error_code: 2100005,
      description: '参数不合法: user_info_list[0].phone: must be a phone number (digits)',
    })
    expect(await s.book({ user_info_list: [] })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('user_info_list'),
    })
    expect(await s.get('')).toMatchObject({
      error_code: 2100005,
      description: '参数不合法: book_id or order_id is required',
    })
    expect((await s.get('book_id=7000000000000000001')).book_info_list).toEqual([])
    expect(await s.confirm('7000000000000000001')).toMatchObject({
      error_code: 4000001,
      description: '资源不存在: no order 7000000000000000001',
    })
    await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id, by: 'customer_service' })
    expect(await s.confirm()).toMatchObject({ error_code: 4000002, description: expect.stringContaining('closed') })
    expect(await s.book({})).toMatchObject({ error_code: 4000002, description: expect.stringContaining('not unused') })
  })
})
