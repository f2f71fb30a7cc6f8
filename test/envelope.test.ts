import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { errorText } from './helpers/errors.js'

const CATEGORY = '/goodlife/v1/goods/category/get/'

describe('envelope', () => {
  it('wraps a success in data + extra with error_code 0 in both', async () => {
    const { api } = await makeSandbox()
    const token = await api.token()
    const r = await api.get(CATEGORY, { 'access-token': token })
    expect(r.status).toBe(200)
    expect(r.body.data.error_code).toBe(0)
    expect(r.body.data.description).toBe('success')
    expect(r.body.extra).toEqual({
      error_code: 0,
      description: 'success',
      sub_error_code: 0,
      sub_description: '',
      logid: expect.stringMatching(/^20260101000000[0-9A-F]{20}$/),
      now: 1767196800,
    })
    expect(r.body.data.category_infos.map((c: { name: string }) => c.name)).toEqual(['美食', '运动健身'])
  })

  it('answers a business error with HTTP 200 and the same numeric code in data and extra', async () => {
    const { api } = await makeSandbox()
    const r = await api.get(CATEGORY)
    expect(r.status).toBe(200)
    expect(typeof r.body.data.error_code).toBe('number')
    expect(r.body.data.error_code).toBe(2190002)
    expect(r.body.extra.error_code).toBe(2190002)
    expect(r.body.extra.description).toBe(r.body.data.description)
  })

  it("keeps description to the code's standard text and puts the detail in extra.sub_description", async () => {
    const { api } = await makeSandbox()
    const token = await api.token()
    const r = await api.post(
      '/goodlife/v1/goods/product/save/',
      { product: { product_type: 'x' } },
      { 'access-token': token },
    )
    // as the platform answers 参数不合法 with sub_description "ext_id should be string"
    expect(r.body.data).toEqual({ error_code: 2100005, description: '参数不合法' })
    expect(r.body.extra).toMatchObject({ error_code: 2100005, description: '参数不合法', sub_error_code: 0 })
    expect(r.body.extra.sub_description).toMatch(/product/)
    const noToken = await api.get(CATEGORY)
    expect(noToken.body.data.description).toBe('access_token无效')
    expect(noToken.body.extra.sub_description).toContain('header access-token is missing')
  })

  it('serves platform paths with and without the trailing slash', async () => {
    const { api } = await makeSandbox()
    const token = await api.token()
    const withSlash = await api.get(`${CATEGORY}?category_id=1000000`, { 'access-token': token })
    const without = await api.get('/goodlife/v1/goods/category/get?category_id=1000000', { 'access-token': token })
    expect(without.body.data).toEqual(withSlash.body.data)
    expect(without.body.data.category_infos.length).toBeGreaterThan(0)
    const health = await api.get('/sandbox/health/')
    expect(health.body.data.status).toBe('ok')
  })

  it('lists the direct children of a category, flat or as a tree', async () => {
    const { api } = await makeSandbox()
    const h = { 'access-token': await api.token() }
    const flat = await api.get(`${CATEGORY}?category_id=1099000`, h)
    expect(flat.body.data.category_infos).toEqual([
      { category_id: 1099001, parent_id: 1099000, name: '实物周边', level: 3, is_leaf: true, enable: true },
    ])
    const tree = await api.get(`${CATEGORY}?query_category_type=1`, h)
    const food = tree.body.data.category_tree_infos[0]
    expect(food.name).toBe('美食')
    expect(food.sub_tree_infos.some((c: { name: string }) => c.name === '其他')).toBe(true)
    const unknown = await api.get(`${CATEGORY}?category_id=42`, h)
    expect(unknown.body.data.error_code).toBe(2100005)
    expect(errorText(unknown.body)).toContain('category_id 42')
  })
})

describe('bad input never yields a 500', () => {
  const tokenBody = {
    client_key: DEFAULT_TENANT.client_key,
    client_secret: DEFAULT_TENANT.client_secret,
    grant_type: 'client_credential',
  }

  it('refuses malformed JSON with 2100005 naming the problem', async () => {
    const { api } = await makeSandbox()
    const r = await api.request('POST', '/sandbox/clock/advance', {
      raw: '{"seconds": 1',
      headers: { 'content-type': 'application/json' },
    })
    expect(r.status).toBe(200)
    expect(r.body.data.error_code).toBe(2100005)
    expect(errorText(r.body)).toContain('not valid JSON')
  })

  it('refuses a wrong type naming the field', async () => {
    const { api } = await makeSandbox()
    const r = await api.post('/sandbox/clock/advance', { seconds: 'ten' })
    expect(r.body.data.error_code).toBe(2100005)
    expect(errorText(r.body)).toBe('参数不合法: seconds: expected an integer (number or digit string), got "ten"')
    const missing = await api.post('/sandbox/clock/advance', {})
    expect(errorText(missing.body)).toBe('参数不合法: seconds is required')
    const extra = await api.post('/sandbox/clock/advance', { seconds: 1, second: 2 })
    expect(errorText(extra.body)).toContain('unknown field(s) second')
  })

  it('refuses a wrong content type', async () => {
    const { api } = await makeSandbox()
    const token = await api.token()
    const verify = '/goodlife/v1/fulfilment/certificate/verify/'
    const r = await api.request('POST', verify, {
      raw: 'x=1',
      headers: { 'content-type': 'text/plain', 'access-token': token },
    })
    expect(r.body.data.error_code).toBe(2100005)
    expect(errorText(r.body)).toContain('Content-Type must be application/json, got text/plain')
    const form = await api.request('POST', verify, {
      raw: 'x=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'access-token': token },
    })
    expect(form.body.data.error_code).toBe(2100005)
    expect(errorText(form.body)).toContain('is not accepted here')
    // the control plane wants JSON for every state change, so a web page's form cannot make one
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const c = await api.request('POST', '/sandbox/clock/advance', {
        raw: 'seconds=1',
        headers: { 'content-type': type },
      })
      expect(c.status).toBe(415)
      expect(errorText(c.body)).toContain(
        `needs the header content-type: application/json, even with an empty body (got "${type}")`,
      )
    }
  })

  it('refuses a body over the limit with 413 and the envelope', async () => {
    const { api } = await makeSandbox({ bodyLimit: 4096 })
    const r = await api.request('POST', '/oauth/client_token/', { body: { ...tokenBody, pad: 'x'.repeat(5000) } })
    expect(r.status).toBe(413)
    expect(r.body.data.error_code).toBe(2100005)
    expect(errorText(r.body)).toContain('larger than the limit of 4096 bytes')
  })

  it('refuses a body over the limit even without a content-length', async () => {
    const { sandbox } = await makeSandbox({ bodyLimit: 4096 })
    const chunk = new TextEncoder().encode('x'.repeat(3000))
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(chunk)
        c.enqueue(chunk)
        c.close()
      },
    })
    const res = await sandbox.fetch(
      new Request('http://localhost/sandbox/tenants', {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit),
    )
    expect(res.status).toBe(413)
    expect(((await res.json()) as { data: { error_code: number } }).data.error_code).toBe(2100005)
  })

  it('refuses deeply nested JSON', async () => {
    const { api } = await makeSandbox()
    const r = await api.request('POST', '/sandbox/tenants', {
      raw: '['.repeat(10_000) + ']'.repeat(10_000),
      headers: { 'content-type': 'application/json' },
    })
    expect(r.status).toBe(200)
    expect(errorText(r.body)).toContain('nests deeper than 64 levels')
  })

  it('answers an unknown path with a 404 envelope, never HTML', async () => {
    const { api } = await makeSandbox()
    const r = await api.get('/no/such/path')
    expect(r.status).toBe(404)
    expect(r.headers.get('content-type')).toContain('application/json')
    expect(errorText(r.body)).toContain('no such API GET /no/such/path')
    const token = await api.token()
    const goodlife = await api.get('/goodlife/v1/nothing/here/', { 'access-token': token })
    expect(goodlife.status).toBe(404)
    expect(goodlife.body.extra.error_code).toBe(2100005)
  })

  it('answers a JSON value that is not an object by naming the body', async () => {
    const { api } = await makeSandbox()
    for (const raw of ['[1,2]', '"text"', '12', 'null']) {
      const r = await api.request('POST', '/sandbox/clock/advance', {
        raw,
        headers: { 'content-type': 'application/json' },
      })
      expect(r.status).toBe(200)
      expect(r.body.data.error_code).toBe(2100005)
    }
  })
})

describe('bodies on a real port', () => {
  it('answers 413 with the envelope for a chunked body over the limit, and parses a good one', async () => {
    const { listen } = await import('./helpers/server.js')
    const { sandbox } = await makeSandbox({ bodyLimit: 4096 })
    const server = await listen(sandbox)
    try {
      const { request } = await import('node:http')
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          `${server.url}/sandbox/tenants`,
          { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
          (res) => {
            let body = ''
            res.on('data', (d) => (body += d))
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
          },
        )
        req.on('error', reject)
        req.write(`{"pad":"${'x'.repeat(3000)}`)
        req.write(`${'x'.repeat(3000)}"}`)
        req.end()
      })
      expect(answer.status).toBe(413)
      expect(JSON.parse(answer.body).extra.sub_description).toContain('larger than the limit of 4096 bytes')
      const ok = await fetch(`${server.url}/sandbox/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"seconds":5}',
      })
      expect(((await ok.json()) as { data: { error_code: number } }).data.error_code).toBe(0)
    } finally {
      await server.close()
    }
  })
})
