/**
 * The official Node SDK (@open-dy/open_api_sdk) against the sandbox on a real port
 * (../shared/reference/official-sdk.md: the SDK has no base-URL option, so tea.doAction is redirected).
 */
import { describe, expect, it } from 'vitest'
import { sdk, sdkSandbox, sdkClient as client, sdkToken } from './helpers/sdk.js'

const ctx = sdkSandbox({})

describe('official SDK', () => {
  it('obtains a client token', async () => {
    const token = await sdkToken()
    expect(token).toMatch(/^clt\./)
    expect(
      (await ctx.api.get('/goodlife/v1/goods/category/get/', { 'access-token': token })).body.data.error_code,
    ).toBe(0)
  })

  it('gets 2190002 as a thrown error for an unknown token', async () => {
    const err = await client()
      .goodsTemplateGet(
        new sdk.GoodsTemplateGetRequest({ accessToken: 'clt.unknown', categoryId: 1001001, productType: 1 }),
      )
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: '2190002' })
    expect(String((err as Error).message)).toContain('access_token无效')
  })

  it('gets 2190008 as a thrown error once the token expired on the virtual clock', async () => {
    const token = await sdkToken()
    await ctx.api.post('/sandbox/clock/advance', { seconds: 7200 })
    const err = await client()
      .goodsTemplateGet(new sdk.GoodsTemplateGetRequest({ accessToken: token, categoryId: 1001001, productType: 1 }))
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: '2190008' })
  })

  it('reads the category tree through the generic call', async () => {
    const token = await sdkToken()
    const res = await client().commonOpenAPI(
      new sdk.CommonRequest({
        host: 'open.douyin.com',
        path: '/goodlife/v1/goods/category/get/',
        method: 'GET',
        header: { 'content-type': 'application/json', 'access-token': token },
        query: { query_category_type: '1' },
      }),
    )
    const body = typeof res === 'string' ? JSON.parse(res) : res
    expect(JSON.stringify(body)).toContain('实物周边')
  })
})
