/** 跨订单验券 (certificate/batch_verify): several orders in one call, each as certificate/verify would do it. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const POI = DEFAULT_TENANT.poi_id
const ACC = DEFAULT_TENANT.account_id

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const p = await publish(made.api, productBody(`bv-${Math.random()}`))
  const h = async () => ({ 'access-token': await made.api.token() })
  const prepare = async (code: string) =>
    errorOf((await made.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${code}`, await h())).body)
  const batch = async (body: object) =>
    errorOf((await made.api.post('/goodlife/v1/fulfilment/certificate/batch_verify/', body, await h())).body)
  const orderOf = async (id: string) =>
    (
      await made.api.get(
        `/goodlife/v1/trade/order/query/?account_id=${ACC}&order_id=${id}&page_num=1&page_size=10`,
        await h(),
      )
    ).body.data.orders[0]
  return { ...made, p, h, prepare, batch, orderOf }
}

describe('certificate/batch_verify', () => {
  it('verifies coupons of several orders in one call, one answer per order, as single verifies would', async () => {
    const s = await setup()
    const a = await buy(s.api, { product_id: s.p.product_id, count: 2 })
    const b = await buy(s.api, { product_id: s.p.product_id })
    const pa = await s.prepare(a.certificates[0].code)
    const pb = await s.prepare(b.certificates[0].code)
    const res = await s.batch({
      poi_id: POI,
      certificate_batch_verify_list: [
        { verify_token: pa.verify_token, encrypted_codes: a.certificates.map((c: any) => c.encrypted_code) },
        { verify_token: pb.verify_token, encrypted_codes: [b.certificates[0].encrypted_code] },
      ],
    })
    expect(res.error_code).toBe(0)
    expect(res.certificate_verify_resp_list).toHaveLength(2)
    const [ra, rb] = res.certificate_verify_resp_list
    expect(ra.error_code).toBe(0)
    expect(ra.verify_results.map((r: any) => [r.result, r.order_id, r.certificate_id])).toEqual(
      a.certificates.map((c: any) => [0, a.order.order_id, c.certificate_id]),
    )
    expect(rb.verify_results[0]).toMatchObject({ result: 0, msg: '验券成功', origin_code: b.certificates[0].code })
    expect((await s.orderOf(a.order.order_id)).order_status).toBe(1)
    expect((await s.orderOf(b.order.order_id)).order_status).toBe(1)
    // the records are the same as single verifies leave: cancellable within the hour
    const cancel = await s.api.post(
      '/goodlife/v1/fulfilment/certificate/cancel/',
      { verify_id: rb.verify_results[0].verify_id, certificate_id: rb.verify_results[0].certificate_id },
      await s.h(),
    )
    expect(cancel.body.data.error_code).toBe(0)
    expect((await s.orderOf(b.order.order_id)).order_status).toBe(201)
  })

  it('answers a failing item in its own entry (bad verify_token, coupon of another order), a repeated verify_token with 1208, and goes on with the others', async () => {
    const s = await setup()
    const a = await buy(s.api, { product_id: s.p.product_id })
    const b = await buy(s.api, { product_id: s.p.product_id })
    const pa = await s.prepare(a.certificates[0].code)
    const pb = await s.prepare(b.certificates[0].code)
    const res = await s.batch({
      poi_id: POI,
      certificate_batch_verify_list: [
        { verify_token: 'no-such-token', encrypted_codes: [a.certificates[0].encrypted_code] },
        { verify_token: pb.verify_token, encrypted_codes: [b.certificates[0].encrypted_code] },
        { verify_token: pb.verify_token, encrypted_codes: [b.certificates[0].encrypted_code] },
        { verify_token: pa.verify_token, encrypted_codes: [b.certificates[0].encrypted_code] },
        { order_id: a.order.order_id },
      ],
    })
    const list = res.certificate_verify_resp_list
    expect(list[0]).toMatchObject({
      error_code: 3000001,
      description: 'verify_token 无效',
      sub_error_code: 4000108,
      sub_description: 'no prepare issued this verify_token',
      verify_results: [],
    })
    expect(list[1].verify_results[0].result).toBe(0)
    expect(list[2]).toMatchObject({ error_code: 0, verify_results: [{ result: 1208 }] })
    expect(list[3].verify_results[0]).toMatchObject({ result: 4000106, msg: '券不属于该订单' })
    expect(list[4]).toMatchObject({
      error_code: 2100005,
      description: '参数不合法',
      sub_description: expect.stringContaining('encrypted_codes'),
    })
  })

  it('refuses a call without poi_id, with an empty list or with more than 20 orders', async () => {
    const s = await setup()
    expect(await s.batch({ certificate_batch_verify_list: [{ order_id: '1', codes: ['x'] }] })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('poi_id'),
    })
    expect(await s.batch({ poi_id: POI, certificate_batch_verify_list: [] })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('certificate_batch_verify_list'),
    })
    const many = Array.from({ length: 21 }, () => ({ order_id: '1', codes: ['x'] }))
    expect(await s.batch({ poi_id: POI, certificate_batch_verify_list: many })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('certificate_batch_verify_list'),
    })
  })

  it('checks each coupon against the store (poi_id) like certificate/verify', async () => {
    const s = await setup()
    const a = await buy(s.api, { product_id: s.p.product_id })
    const pa = await s.prepare(a.certificates[0].code)
    const res = await s.batch({
      poi_id: '999',
      certificate_batch_verify_list: [
        { verify_token: pa.verify_token, encrypted_codes: [a.certificates[0].encrypted_code] },
      ],
    })
    expect(res.certificate_verify_resp_list[0].verify_results[0]).toMatchObject({ result: 4000107 })
  })
})
