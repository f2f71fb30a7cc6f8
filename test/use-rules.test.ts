/**
 * Usage rules that bind at the till: limit_use_rule (LIMIT_USE_RULE, 每人单次消费最多使用代金券张数), use_time
 * (USE_TIME, 仅指定时间可用), and a pack's sub-items, which may be verified together (分次核销 is allowed, not required).
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { productBuilders } from '../src/domains/goods/product.examples.js'
import { buy, GOODS_NOW_MS, packBody, productBody, publish, type Body } from './helpers/goods.js'
import { userDocsText } from './helpers/readme.js'
import { errorOf } from './helpers/errors.js'

const POI = DEFAULT_TENANT.poi_id

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const h = async () => ({ 'access-token': await made.api.token() })
  const prepare = async (code: string) =>
    errorOf((await made.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${code}`, await h())).body)
  const verifyAll = async (code: string) => {
    const p = await prepare(code)
    const encrypted_codes = p.certificates.map((c: { encrypted_code: string }) => c.encrypted_code)
    const body = { verify_token: p.verify_token, poi_id: POI, encrypted_codes }
    return errorOf((await made.api.post('/goodlife/v1/fulfilment/certificate/verify/', body, await h())).body)
  }
  return { ...made, h, prepare, verifyAll }
}

describe('limit_use_rule (每人单次消费最多使用代金券张数)', () => {
  it('verifies at most use_num_per_consume coupons of the product in one verify call; the rest wait for the next visit', async () => {
    const s = await setup()
    const builders = productBuilders({
      account_id: DEFAULT_TENANT.account_id,
      poi_ids: [POI],
      now: GOODS_NOW_MS / 1000,
    })
    const body: Body = builders.voucher()
    body.product.attr_key_value_map.limit_use_rule = JSON.stringify({ is_limit_use: true, use_num_per_consume: 1 })
    const p = await publish(s.api, body)
    const o = await buy(s.api, { product_id: p.product_id, count: 2 })
    const first = await s.verifyAll(o.certificates[0].code)
    expect(first.verify_results.map((r: { result: number; msg: string }) => [r.result, r.msg])).toEqual([
      [0, '验券成功'],
      [4000116, '超过每人单次消费最多使用张数'],
    ])
    const second = await s.verifyAll(o.certificates[0].code)
    expect(second.verify_results).toEqual([expect.objectContaining({ result: 0 })])
  })
})

describe('use_time (使用时间: 仅指定时间可用)', () => {
  it('a 12:00–14:00 coupon cannot be prepared or verified at 00:00 Beijing time, and can at 12:30', async () => {
    const s = await setup()
    const body = productBody(`ut-${Math.random()}`)
    body.product.attr_key_value_map.use_time = JSON.stringify({
      use_time_type: 2,
      time_period_list: [{ use_start_time: '12:00:00', use_end_time: '14:00:00' }],
    })
    const p = await publish(s.api, body)
    const o = await buy(s.api, { product_id: p.product_id })
    // nothing usable now: success with no certificates (验券准备: 如未返回券码信息,则说明该订单此刻无可用券码)
    expect(await s.prepare(o.certificates[0].code)).toMatchObject({ error_code: 0, certificates: [] })
    const token = (await s.prepare(o.certificates[0].code)).verify_token
    const early = await s.api.post(
      '/goodlife/v1/fulfilment/certificate/verify/',
      { verify_token: token, poi_id: POI, encrypted_codes: [o.certificates[0].encrypted_code] },
      await s.h(),
    )
    expect(early.body.data.verify_results[0]).toMatchObject({ result: 4000115 })
    await s.api.post('/sandbox/clock/advance', { seconds: 12.5 * 3600 })
    const ok = await s.verifyAll(o.certificates[0].code)
    expect(ok.verify_results).toEqual([expect.objectContaining({ result: 0, msg: '验券成功' })])
  })
})

describe("a pack's sub-items", () => {
  it('may be verified together in one call, and the README says so (分次核销 is allowed, not required)', async () => {
    const s = await setup()
    const items = [
      { item_type: 1, name: '双人餐', actual_amount: 8800, origin_amount: 12800 },
      { item_type: 1, name: '饮品券', actual_amount: 1200, origin_amount: 1800 },
    ]
    const p = await publish(s.api, packBody(`visit-${Math.random()}`, items))
    const o = await buy(s.api, { product_id: p.product_id })
    const both = await s.verifyAll(o.certificates[0].code)
    expect(both.verify_results.map((r: { result: number }) => r.result)).toEqual([0, 0])
    const readme = userDocsText()
    expect(readme).not.toContain("A pack's sub-items are verified on separate visits")
    expect(readme).toContain("A pack's sub-items may be verified in one call or on separate visits")
  })
})

describe('can_no_use_date (不可使用日期) on the coupon: not_available_time_info', () => {
  it("projects the product's week days, dates and holiday ranges onto prepare, certificate/get and certificate/query", async () => {
    const s = await setup()
    const body = productBody(`nu-${Math.random()}`)
    body.product.attr_key_value_map.can_no_use_date = JSON.stringify({
      enable: true,
      days_of_week: [6, 7],
      holidays: [7],
      date_list: ['2022-06-03'],
      holiday_dates: { '7': '2022.10.01-2022.10.07' },
    })
    const p = await publish(s.api, body)
    const o = await buy(s.api, { product_id: p.product_id })
    // Beijing days: 2022-06-03 00:00:00+08:00 … 23:59:59+08:00; 2022-10-01 … 2022-10-07 23:59:59
    const expected = {
      can_no_use_week_day: ['6', '7'],
      can_no_use_date: [
        { start_time: 1654185600, end_time: 1654271999 },
        { start_time: 1664553600, end_time: 1665158399 },
      ],
      fulfil_enable: true,
    }
    const prepared = await s.prepare(o.certificates[0].code)
    expect(prepared.certificates[0].not_available_time_info).toEqual(expected)
    const got = errorOf(
      (
        await s.api.get(
          `/goodlife/v1/fulfilment/certificate/get/?encrypted_code=${encodeURIComponent(o.certificates[0].encrypted_code)}`,
          await s.h(),
        )
      ).body,
    )
    expect(got.certificate.not_available_time_info).toEqual(expected)
    const listed = errorOf(
      (await s.api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${o.order.order_id}`, await s.h())).body,
    )
    expect(listed.certificates[0].not_available_time_info).toEqual(expected)
    // 验券准备's reserve_info: the coupon is not booked, so no 预约人
    expect(prepared.certificates[0].reserve_info).toEqual({ order_reserve_user_info_list: [] })
  })

  it('answers empty lists while the rule is off', async () => {
    const s = await setup()
    const body = productBody(`nu-off-${Math.random()}`)
    body.product.attr_key_value_map.can_no_use_date = JSON.stringify({ enable: false, days_of_week: [7] })
    const p = await publish(s.api, body)
    const o = await buy(s.api, { product_id: p.product_id })
    const prepared = await s.prepare(o.certificates[0].code)
    expect(prepared.certificates[0].not_available_time_info).toEqual({
      can_no_use_week_day: [],
      can_no_use_date: [],
      fulfil_enable: true,
    })
  })
})
