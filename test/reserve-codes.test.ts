/** 预导码 (code_source_type 3): imported codes become the coupons' codes on purchase, verify without order_id, and name their order. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const POI = DEFAULT_TENANT.poi_id
const LATER = GOODS_NOW_MS / 1000 + 30 * 86400

async function setup(source = '3') {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const b = productBody(`rc-${source}-${Math.random()}`)
  b.sku.attr_key_value_map.code_source_type = source
  const p = await publish(made.api, b)
  const h = async () => ({ 'access-token': await made.api.token() })
  const skuId = errorOf((await made.api.get(`/goodlife/v1/goods/sku/get/?product_id=${p.product_id}`, await h())).body)
    .skus[0].sku_id as string
  const importCodes = async (body: object) =>
    errorOf(
      (
        await made.api.post(
          '/goodlife/v1/fulfilment/reserve_code/batch_import/',
          { account_id: ACC, sku_id: skuId, expired_time: LATER, ...body },
          await h(),
        )
      ).body,
    )
  const bound = async (code: string, sku = skuId) =>
    errorOf(
      (
        await made.api.get(
          `/goodlife/v1/fulfilment/reserve_code/bind_order_info/?account_id=${ACC}&code=${code}&sku_id=${sku}`,
          await h(),
        )
      ).body,
    )
  const verify = async (body: object) =>
    errorOf(
      (await made.api.post('/goodlife/v1/fulfilment/certificate/verify/', { poi_id: POI, ...body }, await h())).body,
    )
  return { ...made, p, h, skuId, importCodes, bound, verify }
}

describe('fulfilment/reserve_code (预导码)', () => {
  it('gives a purchase the oldest imported codes, verifies them without order_id, and finds their order', async () => {
    const s = await setup()
    expect(await s.importCodes({ codes: ['RC-1', 'RC-2', 'RC-3'], third_sku_id: 'ab123' })).toMatchObject({
      error_code: 0,
      imported: 3,
    })
    const o = await buy(s.api, { product_id: s.p.product_id, count: 2 })
    expect(o.certificates.map((c: { code: string }) => c.code)).toEqual(['RC-1', 'RC-2'])
    const info = await s.bound('RC-2')
    expect(info.order).toMatchObject({
      order_id: o.order.order_id,
      sku_id: s.skuId,
      third_sku_id: 'ab123',
      codes: ['RC-1', 'RC-2'],
      amount_info: { original_amount: o.order.original_amount, pay_amount: o.order.pay_amount },
    })
    const v = await s.verify({ codes: ['RC-1'] })
    expect(v.verify_results[0]).toMatchObject({ result: 0, order_id: o.order.order_id, origin_code: 'RC-1' })
    // through prepare (抖音码 flow) it is refused, like any 三方码
    const refused = (await s.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=RC-2`, await s.h())).body
    expect([refused.data.error_code, refused.extra.sub_error_code]).toEqual([3000001, 4000111])
    // one code left: a purchase of two is refused, one of one takes it
    await expect(buy(s.api, { product_id: s.p.product_id, count: 2 })).rejects.toThrow('1 unused 预导码 left, 2 needed')
    expect((await buy(s.api, { product_id: s.p.product_id })).certificates[0].code).toBe('RC-3')
  })

  it('skips expired codes and names unsold or unknown ones', async () => {
    const s = await setup()
    await s.importCodes({ codes: ['OLD-1'], expired_time: GOODS_NOW_MS / 1000 + 60 })
    await s.importCodes({ codes: ['NEW-1'] })
    await s.api.post('/sandbox/clock/advance', { seconds: 120 })
    expect((await buy(s.api, { product_id: s.p.product_id })).certificates[0].code).toBe('NEW-1')
    expect(await s.bound('OLD-1')).toMatchObject({
      error_code: 4000001,
      description: '资源不存在: 预导码 OLD-1 is not sold yet (no order)',
    })
    expect(await s.bound('NOPE')).toMatchObject({ error_code: 4000001, description: expect.stringContaining('NOPE') })
    expect(await s.bound('NEW-1', '1')).toMatchObject({ error_code: 4000001 })
  })

  it('refuses duplicates, a sku that is not 预导码, a past expiry and a missing field', async () => {
    const s = await setup()
    await s.importCodes({ codes: ['D-1'] })
    expect(await s.importCodes({ codes: ['D-2', 'D-1', 'D-2'] })).toMatchObject({
      error_code: 4000002,
      description: '状态不允许此操作: codes already imported or in use: D-1, D-2',
    })
    expect(await s.importCodes({ codes: ['P-1'], expired_time: GOODS_NOW_MS / 1000 })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('expired_time'),
    })
    expect(await s.importCodes({ codes: [] })).toMatchObject({ error_code: 2100005 })
    expect(await s.importCodes({ codes: ['X'], sku_id: '7000000000000000001' })).toMatchObject({ error_code: 4000001 })
    const plain = await setup('1')
    expect(await plain.importCodes({ codes: ['X'] })).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining('not a 预导码 sku'),
    })
    // ordinary 三方码 still need their order_id
    expect(await s.verify({ codes: ['UNKNOWN'] })).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('order_id'),
    })
  })
})
