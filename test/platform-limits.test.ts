/**
 * Documented platform limits: the test product limits of 创建/更新商品 (product_ext.test_extra) and the call-rate ban
 * of 生成 client_token (每分钟超过 60 次接口调用, client_key 将被永久封禁).
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { GOODS_NOW_MS, productBody, publish, save } from './helpers/goods.js'

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
      expect((await save(api, token, body)).data).toEqual({ error_code: 2100005, description })
    const ok = await publish(api, testProduct(['1001', '1002']))
    const sync = await api.post(
      '/goodlife/v1/goods/stock/sync/',
      { account_id: DEFAULT_TENANT.account_id, product_id: ok.product_id, stock: { limit_type: 1, stock_qty: 60 } },
      { 'access-token': token },
    )
    expect(sync.body.data).toEqual({
      error_code: 2100005,
      description: '参数不合法: stock_qty: a test product (test_flag true) holds at most 50 in stock, got 60',
    })
    const untagged = productBody('test-off')
    untagged.product.product_ext = { test_extra: { test_flag: false } }
    untagged.sku.stock.stock_qty = 500
    expect((await save(api, token, untagged)).data.error_code).toBe(0)
  })
})

describe('/oauth/client_token/: the call-rate ban', () => {
  it('bans the client_key at the 61st call within a minute: client_token and its tokens answer 28001016 until a reset', async () => {
    const { api } = await makeSandbox()
    let last = ''
    for (let i = 0; i < 60; i++) last = await api.token()
    const banned = await api.post('/oauth/client_token/', creds)
    const description = expect.stringContaining(
      `当前应用已被封禁或下线: client_key ${DEFAULT_TENANT.client_key} called /oauth/client_token/ more than the allowed times in a minute`,
    )
    expect(banned.body.data).toEqual({ error_code: 28001016, description })
    expect((await api.post('/oauth/client_token/', creds)).body.data.error_code).toBe(28001016)
    const call = await api.get('/goodlife/v1/goods/category/get/', { 'access-token': last })
    expect(call.body.data).toEqual({ error_code: 28001016, description })
    await api.post('/sandbox/reset')
    expect((await api.post('/oauth/client_token/', creds)).body.data.error_code).toBe(0)
  })

  it('counts a sliding minute of virtual time: 60 calls a minute for two minutes are fine', async () => {
    const { api } = await makeSandbox()
    for (let minute = 0; minute < 2; minute++) {
      for (let i = 0; i < 60; i++) await api.token()
      await api.post('/sandbox/clock/advance', { seconds: 60 })
    }
    expect((await api.post('/oauth/client_token/', creds)).body.data.error_code).toBe(0)
  })
})
