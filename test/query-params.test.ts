/**
 * Parameters as the documents state them and as clients send them: draft/get and online/get need product_ids or
 * out_ids, PHP-style array parameters are read, query_all_poi takes 1, and an enum error names the allowed values.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const [POI_A, POI_B] = ['123123123123', '7010000000000000001']

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  return { ...made, h: { 'access-token': await made.api.token() } }
}

describe('goods query parameters', () => {
  it('draft/get and online/get need product_ids or out_ids (documented as required)', async () => {
    const s = await setup()
    for (const path of ['draft/get', 'online/get']) {
      const r = await s.api.get(`/goodlife/v1/goods/product/${path}/?account_id=${ACC}`, s.h)
      expect(errorOf(r.body), path).toEqual({
        error_code: 2100005,
        description:
          '参数不合法: product_ids or out_ids is required (comma-separated, at most 10; list whole pages with …/query/)',
      })
    }
  })

  it('reads PHP-style arrays (poi_ids[0]=…) and [a,b] lists as the comma-separated list', async () => {
    const s = await setup()
    const a = productBody('poi-a')
    a.product.pois = [{ poi_id: POI_A }]
    const b = productBody('poi-b')
    b.product.pois = [{ poi_id: POI_B }]
    const ids = [(await publish(s.api, a)).product_id, (await publish(s.api, b)).product_id]
    const h = { 'access-token': await s.api.token() } // publish replaced the first token
    const listed = async (qs: string) => {
      const r = await s.api.get(`/goodlife/v1/goods/product/online/query/?account_id=${ACC}&${qs}`, h)
      if (!r.body.data.products) throw new Error(r.text)
      return r.body.data.products.map((p: { product: { product_id: string } }) => p.product.product_id)
    }
    expect(await listed(`poi_ids%5B0%5D=${POI_B}`)).toEqual([ids[1]])
    expect(await listed(`poi_ids[0]=${POI_A}&poi_ids[1]=${POI_B}`)).toEqual(ids)
    expect(await listed(`poi_ids=[${POI_A}]`)).toEqual([ids[0]])
    const got = await s.api.get(`/goodlife/v1/goods/product/online/get/?account_id=${ACC}&product_ids[]=${ids[1]}`, h)
    expect(got.body.data.product_onlines.map((p: { product: { product_id: string } }) => p.product.product_id)).toEqual(
      [ids[1]],
    )
  })

  it('takes query_all_poi=1 (and 0) as well as true/false', async () => {
    const s = await setup()
    for (const v of ['1', '0', 'true'])
      expect(
        (await s.api.get(`/goodlife/v1/goods/product/online/query/?account_id=${ACC}&query_all_poi=${v}`, s.h)).body
          .data.error_code,
      ).toBe(0)
  })

  it('names the allowed values of an enum (op_type, limit_type, query_all_poi)', async () => {
    const s = await setup()
    const { product_id } = await publish(s.api, productBody('enum'))
    s.h['access-token'] = await s.api.token()
    const op = await s.api.post('/goodlife/v1/goods/product/operate/', { account_id: ACC, product_id, op_type: 3 }, s.h)
    expect(errorOf(op.body)).toEqual({ error_code: 2100005, description: '参数不合法: op_type must be one of 1, 2' })
    const stock = await s.api.post(
      '/goodlife/v1/goods/stock/sync/',
      { account_id: ACC, product_id, stock: { limit_type: '3', stock_qty: 5 } },
      s.h,
    )
    expect(errorOf(stock.body)).toEqual({
      error_code: 2100005,
      description: '参数不合法: stock.limit_type must be one of 1, 2',
    })
    const q = await s.api.get(`/goodlife/v1/goods/product/online/query/?account_id=${ACC}&query_all_poi=yes`, s.h)
    expect(errorOf(q.body)).toEqual({
      error_code: 2100005,
      description: '参数不合法: query_all_poi must be one of "0", "1", "true", "false"',
    })
  })
})
