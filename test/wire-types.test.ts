/**
 * JSON types as the platform's examples have them: int64 ids written as exact JSON numbers in the goods views,
 * 19-digit ids sent as JSON numbers read exactly, certificate/get's times in milliseconds, an integer
 * platform_take_rate.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { userDocsText } from './helpers/readme.js'
import { errorOf } from './helpers/errors.js'

const BIG_POI = '7010000000000000001' // the default tenant's second POI: beyond 2^53
const ACC = DEFAULT_TENANT.account_id

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const token = await made.api.token()
  return { ...made, h: { 'access-token': token } }
}

describe('int64 numbers in the goods views', () => {
  it('writes pois[].poi_id, creator_account_id and owner_account_id as exact JSON numbers in all four views', async () => {
    const s = await setup()
    const body = productBody('int64-views')
    body.product.pois = [{ poi_id: BIG_POI }]
    const { product_id } = await publish(s.api, body)
    for (const path of [
      `/goodlife/v1/goods/product/draft/get/?account_id=${ACC}&product_ids=${product_id}`,
      `/goodlife/v1/goods/product/draft/query/?account_id=${ACC}`,
      `/goodlife/v1/goods/product/online/get/?account_id=${ACC}&product_ids=${product_id}`,
      `/goodlife/v1/goods/product/online/query/?account_id=${ACC}`,
    ]) {
      const r = await s.api.get(path, s.h)
      expect(r.body.data.error_code, path).toBe(0)
      expect(r.text, path).toContain(`"pois":[{"poi_id":${BIG_POI},`)
      expect(r.text, path).toContain(`"creator_account_id":${ACC},"owner_account_id":${ACC}`)
    }
  })
})

describe('19-digit ids sent as JSON numbers', () => {
  it('are read exactly (a PHP or Java client holding ids as integers): account_id and poi_id keep every digit', async () => {
    const s = await setup()
    const body = productBody('int64-request')
    body.product.pois = [{ poi_id: 0 }]
    const raw = JSON.stringify({ ...body, account_id: 0 })
      .replace('"account_id":0', `"account_id":${ACC}`)
      .replace('"poi_id":0', `"poi_id":${BIG_POI}`)
    const saved = await s.api.request('POST', '/goodlife/v1/goods/product/save/', {
      raw,
      headers: { ...s.h, 'content-type': 'application/json' },
    })
    expect(errorOf(saved.body)).toMatchObject({ error_code: 0, description: 'success' })
    const draft = await s.api.get(
      `/goodlife/v1/goods/product/draft/get/?account_id=${ACC}&product_ids=${saved.body.data.product_id}`,
      s.h,
    )
    expect(draft.text).toContain(`"pois":[{"poi_id":${BIG_POI},`)
  })
})

describe('certificate times and the commission rate', () => {
  it('certificate/get: start_time/expire_time in milliseconds, verify_time and sold_start_time in seconds (单位秒)', async () => {
    const s = await setup()
    const { product_id } = await publish(s.api, productBody('cert-times'))
    const o = await buy(s.api, { product_id })
    const prep = (await s.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, s.h))
      .body.data
    const verified = (
      await s.api.post(
        '/goodlife/v1/fulfilment/certificate/verify/',
        {
          verify_token: prep.verify_token,
          poi_id: DEFAULT_TENANT.poi_id,
          encrypted_codes: [prep.certificates[0].encrypted_code],
        },
        s.h,
      )
    ).body.data.verify_results[0]
    const q = (await s.api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${o.order.order_id}`, s.h)).body
      .data.certificates[0]
    const enc = encodeURIComponent(q.encrypted_code)
    const raw = (await s.api.get(`/goodlife/v1/fulfilment/certificate/get/?encrypted_code=${enc}`, s.h)).text
    const g = JSON.parse(raw).data.certificate
    expect(q.expire_time).toBeLessThan(1e10)
    expect(g).toMatchObject({
      start_time: q.start_time * 1000,
      expire_time: q.expire_time * 1000,
      // the page's field list: verify_time 单位秒 (example 1651152314), sku.sold_start_time 单位秒
      sku: { sold_start_time: q.sku.sold_start_time },
      verify: { verify_time: verified.verify_time },
    })
    expect(g.verify.verify_time).toBeLessThan(1e10)
    expect(g.sku.sold_start_time).toBeLessThan(1e10)
    expect(g.verify_records[0].verify_time).toBe(verified.verify_time)
  })

  it('commission_info.platform_take_rate is an integer (per ten thousand), as in the online/get example', async () => {
    const s = await setup()
    const { product_id } = await publish(s.api, productBody('take-rate'))
    const r = await s.api.get(`/goodlife/v1/goods/product/online/get/?account_id=${ACC}&product_ids=${product_id}`, s.h)
    expect(r.body.data.product_onlines[0].commission_info).toEqual({ platform_take_rate: 250 })
  })
})

describe('unknown fields', () => {
  it('platform routes ignore them (as the platform does for fields of newer SDKs); /sandbox/ routes refuse them', async () => {
    const s = await setup()
    const { product_id } = await publish(s.api, productBody('unknown-fields'))
    const o = await buy(s.api, { product_id })
    const h = { 'access-token': await s.api.token() }
    const prep = (await s.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, h))
      .body.data
    const body = {
      verify_token: prep.verify_token,
      poi_id: DEFAULT_TENANT.poi_id,
      encrypted_codes: [prep.certificates[0].encrypted_code],
      bogus: 1,
    }
    const v = await s.api.post('/goodlife/v1/fulfilment/certificate/verify/', body, h)
    expect(errorOf(v.body)).toMatchObject({ error_code: 0, verify_results: [{ result: 0 }] })
    const refund = await s.api.post('/sandbox/refunds', { order_id: o.order.order_id, bogus: 1 })
    expect(errorOf(refund.body)).toEqual({
      error_code: 2100005,
      description: '参数不合法: body has unknown field(s) bogus',
    })
    const readme = userDocsText()
    expect(readme).toContain('Unknown fields: platform routes ignore them, control-plane routes refuse them')
  })
})
