/**
 * Documented platform limits: the test product limits of 创建/更新商品 (product_ext.test_extra) and the call-rate limit
 * of the 生活服务 client_token page (频控规则: 5 分钟内超过 500 次接口调用,接口报错,错误码 10020).
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { GOODS_NOW_MS, productBody, publish, save } from './helpers/goods.js'
import { errorOf, errorText } from './helpers/errors.js'

const creds = {
  client_key: DEFAULT_TENANT.client_key,
  client_secret: DEFAULT_TENANT.client_secret,
  grant_type: 'client_credential',
}

describe('product/save: test products (test_extra)', () => {
  const testProduct = (uids: string[], stock = 50) => {
    const b = productBody(`test-${uids.length}-${stock}`)
    b.product.product_ext = { test_extra: { test_flag: true, uids } }
    b.sku.stock.stock_qty = stock
    return b
  }

  it('needs 1–10 uids and at most 50 in stock; stock/sync and free_audit keep the cap', async () => {
    const { api } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const token = await api.token()
    const cases: Array<[ReturnType<typeof testProduct>, string]> = [
      [
        testProduct([]),
        '参数不合法: product.product_ext.test_extra.uids: a test product (test_flag true) needs at least one uid',
      ],
      [
        testProduct(Array.from({ length: 11 }, (_, i) => String(1000 + i))),
        '参数不合法: product.product_ext.test_extra.uids: at most 10 uids, got 11',
      ],
      [
        testProduct(['1001'], 51),
        '参数不合法: sku.stock.stock_qty: a test product (test_flag true) holds at most 50 in stock, got 51',
      ],
    ]
    for (const [body, description] of cases)
      expect(errorOf(await save(api, token, body))).toEqual({ error_code: 2100005, description })
    const ok = await publish(api, testProduct(['1001', '1002']))
    const sync = await api.post(
      '/goodlife/v1/goods/stock/sync/',
      { account_id: DEFAULT_TENANT.account_id, product_id: ok.product_id, stock: { limit_type: 1, stock_qty: 60 } },
      { 'access-token': token },
    )
    expect(errorOf(sync.body)).toEqual({
      error_code: 2100005,
      description: '参数不合法: stock_qty: a test product (test_flag true) holds at most 50 in stock, got 60',
    })
    const untagged = productBody('test-off')
    untagged.product.product_ext = { test_extra: { test_flag: false } }
    untagged.sku.stock.stock_qty = 500
    expect((await save(api, token, untagged)).data.error_code).toBe(0)
  })
})

describe('/oauth/client_token/: the call-rate limit', () => {
  it('answers 10020 to the 501st call within 5 minutes, issues nothing, and bans nothing', async () => {
    const { api } = await makeSandbox()
    let last = ''
    for (let i = 0; i < 500; i++) last = await api.token()
    const refused = await api.post('/oauth/client_token/', creds)
    expect(errorOf(refused.body)).toMatchObject({ error_code: 10020 })
    expect(errorText(refused.body)).toContain('频控规则: 5 分钟内超过 500 次接口调用,接口报错,错误码 10020')
    expect(refused.body.data.access_token).toBeUndefined()
    // the tokens already issued keep working: the excess call revoked nothing
    const call = await api.get('/goodlife/v1/goods/category/get/', { 'access-token': last })
    expect(call.body.data.error_code).toBe(0)
    // the window ends 5 minutes after its first call; then calls are accepted again, with no reset
    await api.post('/sandbox/clock/advance', { seconds: 299 })
    expect((await api.post('/oauth/client_token/', creds)).body.data.error_code).toBe(10020)
    await api.post('/sandbox/clock/advance', { seconds: 1 })
    expect((await api.post('/oauth/client_token/', creds)).body.data.error_code).toBe(0)
  })

  it('the limit is a tenant setting; 0 means none; refused calls are not counted', async () => {
    const { api } = await makeSandbox()
    await api.request('PUT', '/sandbox/settings', { body: { client_token_rate_limit: 3 } })
    for (let i = 0; i < 3; i++) await api.token()
    for (let i = 0; i < 5; i++) expect((await api.post('/oauth/client_token/', creds)).body.data.error_code).toBe(10020)
    await api.post('/sandbox/clock/advance', { seconds: 300 })
    for (let i = 0; i < 3; i++) expect((await api.post('/oauth/client_token/', creds)).body.data.error_code).toBe(0)
    await api.request('PUT', '/sandbox/settings', { body: { client_token_rate_limit: 0 } })
    for (let i = 0; i < 10; i++) expect((await api.post('/oauth/client_token/', creds)).body.data.error_code).toBe(0)
  })

  it('a ban stored by an earlier version lifts itself', async () => {
    const { sandbox, api } = await makeSandbox()
    const tenant = sandbox.tenants.get(DEFAULT_TENANT.client_key)!
    tenant.repo.collection('meta').put('client_token_calls', { calls_ms: [], banned_at_ms: 1 })
    expect((await api.post('/oauth/client_token/', creds)).body.data.error_code).toBe(0)
  })
})
