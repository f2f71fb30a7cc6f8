import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { errorText } from './helpers/errors.js'

const CATEGORY = '/goodlife/v1/goods/category/get/'
const tokenBody = {
  client_key: DEFAULT_TENANT.client_key,
  client_secret: DEFAULT_TENANT.client_secret,
  grant_type: 'client_credential',
}

describe('POST /oauth/client_token/', () => {
  it('issues a clt. token valid 7200 s in the oauth shape', async () => {
    const { api } = await makeSandbox()
    const r = await api.post('/oauth/client_token/', tokenBody)
    expect(r.body).toEqual({
      data: {
        access_token: expect.stringMatching(/^clt\.[0-9a-f]{32}[A-Za-z0-9]{22}$/),
        expires_in: 7200,
        error_code: 0,
        description: '',
      },
      message: 'success',
    })
  })

  it('accepts a form-encoded body', async () => {
    const { api } = await makeSandbox()
    const raw = new URLSearchParams(tokenBody).toString()
    const r = await api.request('POST', '/oauth/client_token', {
      raw,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(r.body.data.error_code).toBe(0)
    expect(r.body.data.access_token).toMatch(/^clt\./)
  })

  it('refuses an unknown client_key with 10003', async () => {
    const { api } = await makeSandbox()
    const r = await api.post('/oauth/client_token/', { ...tokenBody, client_key: 'nobody' })
    // the current client_token example: {"data":{"captcha":"","desc_url":"","description":…,"error_code":10003},"message":…}
    expect(Object.keys(r.body)).toEqual(['data', 'message'])
    expect(Object.keys(r.body.data)).toEqual(['captcha', 'desc_url', 'description', 'error_code'])
    expect(r.body).toEqual({
      data: {
        captcha: '',
        desc_url: '',
        description: expect.stringContaining('client_key "nobody"'),
        error_code: 10003,
      },
      message: 'error',
    })
    expect(r.headers.get('x-tt-logid')).toMatch(/^\d{14}[0-9A-F]{20}$/)
  })

  it('refuses a wrong secret with 10013', async () => {
    const { api } = await makeSandbox()
    const r = await api.post('/oauth/client_token/', { ...tokenBody, client_secret: 'wrong' })
    expect(r.body.data.error_code).toBe(10013)
    expect(errorText(r.body)).toContain('client_secret does not match')
  })

  it('refuses missing fields and a wrong grant_type with 10002 naming them', async () => {
    const { api } = await makeSandbox()
    const r = await api.post('/oauth/client_token/', { client_key: 'k' })
    expect(r.body.data.error_code).toBe(10002)
    expect(errorText(r.body)).toContain('client_secret is required')
    const g = await api.post('/oauth/client_token/', { ...tokenBody, grant_type: 'authorization_code' })
    expect(g.body.data.error_code).toBe(10002)
    expect(errorText(g.body)).toContain('grant_type')
    const none = await api.request('POST', '/oauth/client_token/', {})
    expect(none.body.data.error_code).toBe(10002)
  })
})

describe('access-token check on /goodlife/', () => {
  it('answers a missing token with 2190002', async () => {
    const { api } = await makeSandbox()
    const r = await api.get(CATEGORY)
    expect(r.body.data.error_code).toBe(2190002)
    expect(errorText(r.body)).toContain('header access-token is missing')
  })

  it('answers an unknown token with 2190002', async () => {
    const { api } = await makeSandbox()
    const r = await api.get(CATEGORY, { 'access-token': 'clt.forged' })
    expect(r.body.data.error_code).toBe(2190002)
    expect(errorText(r.body)).toContain('not a token this sandbox issued')
  })

  it('expires a token after 7200 s of virtual time with 2190008', async () => {
    const { api } = await makeSandbox()
    const token = await api.token()
    await api.post('/sandbox/clock/advance', { seconds: 7199 })
    expect((await api.get(CATEGORY, { 'access-token': token })).body.data.error_code).toBe(0)
    const adv = await api.post('/sandbox/clock/advance', { seconds: 1 })
    expect(adv.body.data.ran).toEqual([
      expect.objectContaining({ kind: 'oauth.token_expire', payload: { access_token: token } }),
    ])
    const r = await api.get(CATEGORY, { 'access-token': token })
    expect(r.body.data.error_code).toBe(2190008)
    expect(r.body.extra.error_code).toBe(2190008)
    expect(errorText(r.body)).toContain('expired at 2025-12-31T18:00:00.000Z')
  })

  it('keeps only the latest two tokens valid, the previous one for a 5-minute grace', async () => {
    const { api } = await makeSandbox()
    const t1 = await api.token()
    const t2 = await api.token()
    const t3 = await api.token()
    const code = async (t: string) => (await api.get(CATEGORY, { 'access-token': t })).body.data.error_code
    expect(await code(t1)).toBe(2190008)
    expect(await code(t2)).toBe(0)
    expect(await code(t3)).toBe(0)
    await api.post('/sandbox/clock/advance', { seconds: 299 })
    expect(await code(t2)).toBe(0)
    await api.post('/sandbox/clock/advance', { seconds: 1 })
    expect(await code(t2)).toBe(2190008)
    expect(await code(t3)).toBe(0)
  })

  it('answers an account_id the tenant does not own with 2119005, in query or body', async () => {
    const { api } = await makeSandbox()
    const token = await api.token()
    const own = await api.get(`${CATEGORY}?account_id=${DEFAULT_TENANT.account_id}`, { 'access-token': token })
    expect(own.body.data.error_code).toBe(0)
    const foreign = await api.get(`${CATEGORY}?account_id=7000000000000000001`, { 'access-token': token })
    expect(foreign.body.data.error_code).toBe(2119005)
    expect(errorText(foreign.body)).toContain('account_id 7000000000000000001')
    const body = await api.request('POST', '/goodlife/v1/goods/product/save/', {
      body: { account_id: '7000000000000000001' },
      headers: { 'access-token': token },
    })
    expect(body.body.data.error_code).toBe(2119005)
  })

  it('checks the token before the path, as the gateway does', async () => {
    const { api } = await makeSandbox()
    const r = await api.get('/goodlife/v1/not/yet/')
    expect(r.status).toBe(200)
    expect(r.body.data.error_code).toBe(2190002)
  })
})
