/** 保存SPU and the product calendars (保存日历属性, 保存日历库存); day stock bounds bookings. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const NOW = GOODS_NOW_MS / 1000 // 2022-06-01 00:00 Beijing, a Wednesday

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const h = async () => ({ 'access-token': await made.api.token() })
  const post = async (path: string, body: object) =>
    errorOf((await made.api.post(`/goodlife/v1/goods/${path}/`, { account_id: ACC, ...body }, await h())).body)
  return { ...made, h, post }
}

describe('goods/spu/save (保存SPU)', () => {
  it('creates an SPU and updates it by out_spu_id or spu_id', async () => {
    const s = await setup()
    const spu = { out_spu_id: 'spu-1', spu_name: '双人下午茶', product_type: 1, category_id: 1001001 }
    const a = await s.post('spu/save', { spu: { ...spu, pois: [{ poi_id: DEFAULT_TENANT.poi_id }] } })
    expect(a).toMatchObject({ error_code: 0, spu_id: expect.stringMatching(/^7\d{18}$/) })
    expect((await s.post('spu/save', { spu: { ...spu, spu_name: '改名' } })).spu_id).toBe(a.spu_id)
    const spus = s.sandbox.tenants.default().repo.collection('spus')
    // an update replaces the SPU (its POIs too, when not sent again)
    expect(spus.get(a.spu_id)).toMatchObject({ spu_name: '改名', out_spu_id: 'spu-1', pois: [] })
    expect((await s.post('spu/save', { spu: { ...spu, out_spu_id: undefined, spu_id: a.spu_id } })).spu_id).toBe(
      a.spu_id,
    )
    expect((await s.post('spu/save', { spu: { ...spu, out_spu_id: 'spu-2' } })).spu_id).not.toBe(a.spu_id)
    expect(spus.count()).toBe(2)
  })

  it('checks its fields, the category and the POIs', async () => {
    const s = await setup()
    const spu = { out_spu_id: 'x', spu_name: 'x', product_type: 1, category_id: 1001001 }
    expect(await s.post('spu/save', { spu: { ...spu, product_type: 2 } })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('spu.product_type'),
    })
    expect(await s.post('spu/save', { spu: { ...spu, out_spu_id: undefined } })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('out_spu_id is required'),
    })
    expect((await s.post('spu/save', { spu: { ...spu, category_id: 42 } })).error_code).toBe(2100005)
    expect((await s.post('spu/save', { spu: { ...spu, pois: [{ poi_id: '1' }] } })).error_code).toBe(2137000328)
    const two = [{ poi_id: DEFAULT_TENANT.poi_id }, { poi_id: '7010000000000000001' }]
    expect((await s.post('spu/save', { spu: { ...spu, pois: two } })).description).toContain('one store')
    expect((await s.post('spu/save', { spu: { ...spu, spu_id: '7000000000000000001' } })).error_code).toBe(4000001)
  })
})

describe('goods calendars (保存日历库存, 保存日历属性)', () => {
  it('sets day stock that bounds bookings; a failed booking gives its unit back', async () => {
    const s = await setup()
    const p = await publish(s.api, productBody('cal-1'))
    // weekdays Monday–Friday of the next 90 days hold 1 coupon each, except 2022-06-03
    const set = await s.post('calendar_stock_group/save', {
      calendar_stock_group: {
        product_out_id: 'cal-1',
        calendar_stocks: [
          {
            type: 2,
            value: { values: ['1', '5'], exclude_dates: ['2022-06-03'] },
            stock_qty_limit_type: 1,
            stock_qty: 1,
          },
        ],
      },
    })
    expect(set).toMatchObject({ error_code: 0, days: 63 })
    const o1 = await buy(s.api, { product_id: p.product_id })
    const o2 = await buy(s.api, { product_id: p.product_id })
    const book = (orderId: string, at: number) =>
      s.api.post('/sandbox/bookings', { order_id: orderId, book_start_time: at }).then((r) => errorOf(r.body))
    const thu = NOW + 86400 + 12 * 3600 // 2022-06-02 12:00
    expect((await book(o1.order.order_id, thu)).error_code).toBe(0)
    expect(await book(o2.order.order_id, thu)).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining('fully booked on 2022-06-02 (1/1)'),
    })
    expect(await book(o2.order.order_id, thu + 86400)).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining('no calendar stock on 2022-06-03'),
    })
    expect(await book(o2.order.order_id, thu + 3 * 86400)).toMatchObject({ error_code: 4000002 }) // a Sunday
    // the first booking is not confirmed within a day: it fails and frees the day
    await s.api.post('/sandbox/clock/advance', { seconds: 86400 })
    expect((await book(o2.order.order_id, thu + 7 * 86400)).error_code).toBe(0)
    // lowering a day below what is booked is refused; deleting days removes their stock
    expect(
      await s.post('calendar_stock_group/save', {
        calendar_stock_group: {
          product_id: p.product_id,
          calendar_stocks: [{ type: 3, value: { values: ['2022-06-09'] }, stock_qty: 0 }],
        },
      }),
    ).toMatchObject({ error_code: 4000002, description: expect.stringContaining('2022-06-09 has 1 coupons booked') })
    expect(
      (
        await s.post('calendar_stock_group/save', {
          calendar_stock_group: {
            product_id: p.product_id,
            calendar_stocks: [{ type: 3, value: { values: ['2022-06-10'] }, status: -1 }],
          },
        })
      ).days,
    ).toBe(1)
  })

  it('merges day attributes and refuses bad items', async () => {
    const s = await setup()
    const p = await publish(s.api, productBody('cal-2'))
    const save = (items: object[]) =>
      s.post('calendar_static_attr_group/save', {
        calendar_static_attr_group: { product_id: p.product_id, calendar_static_attrs: items },
      })
    expect(
      await save([{ type: 1, value: { values: ['2022-06-01', '2022-06-07'] }, attr_key_value_map: { a: '1' } }]),
    ).toMatchObject({ error_code: 0, days: 7 })
    expect(await save([{ type: 4, value: { values: ['3'] }, attr_key_value_map: { b: '2' } }])).toMatchObject({
      days: 13,
    })
    const cal = s.sandbox.tenants.default().repo.collection('calendars').get(p.product_id)!
    expect(cal.attrs['2022-06-01']).toEqual({ a: '1', b: '2' })
    expect(cal.attrs['2022-06-02']).toEqual({ a: '1' })
    expect(await save([{ type: 1, value: { values: ['2022-06-01', '2022-09-30'] } }])).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('outside today (2022-06-01) and the next 90 days'),
    })
    expect((await save([{ type: 3, value: { values: ['2022-02-30'] } }])).description).toContain('is not a date')
    expect((await save([{ type: 4, value: { values: ['8'] } }])).description).toContain('is not a weekday')
    expect((await save([{ type: 5, value: { values: [] } }])).description).toContain('type must be one of 1, 2, 3, 4')
    expect(
      await s.post('calendar_static_attr_group/save', {
        calendar_static_attr_group: { calendar_static_attrs: [{ type: 3, value: { values: ['2022-06-01'] } }] },
      }),
    ).toMatchObject({ error_code: 2100005, description: '参数不合法: product_id or product_out_id is required' })
    expect(
      (
        await s.post('calendar_static_attr_group/save', {
          calendar_static_attr_group: {
            product_id: '7000000000000000001',
            calendar_static_attrs: [{ type: 3, value: { values: ['2022-06-01'] } }],
          },
        })
      ).error_code,
    ).toBe(4000001)
  })
})
