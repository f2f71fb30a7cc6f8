/** Snapshots, fault injection and the request journal, used the way a test suite would. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { useReceivers } from './helpers/receiver.js'
import { listen } from './helpers/server.js'
import { errorOf, errorText } from './helpers/errors.js'

const POI = DEFAULT_TENANT.poi_id
const newReceiver = useReceivers()

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const p = await publish(made.api, productBody('dev'))
  const h = async () => ({ 'access-token': await made.api.token() })
  return { ...made, p, h }
}

describe('snapshots', () => {
  it('round-trips the whole tenant mid-flow: data, clock and pending jobs', async () => {
    const s = await setup()
    const o = await buy(s.api, { product_id: s.p.product_id })
    const saved = await s.api.post('/sandbox/snapshots', { name: 'after-purchase' })
    expect(saved.body.data.snapshot).toMatchObject({ name: 'after-purchase', created_at: GOODS_NOW_MS / 1000 })
    const before = (await s.api.get('/sandbox/clock')).body.data.clock
    const prep = (
      await s.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, await s.h())
    ).body.data
    await s.api.post(
      '/goodlife/v1/fulfilment/certificate/verify/',
      { verify_token: prep.verify_token, poi_id: POI, encrypted_codes: [o.certificates[0].encrypted_code] },
      await s.h(),
    )
    await s.api.post('/sandbox/clock/advance', { seconds: 86400 })
    const restored = await s.api.post('/sandbox/snapshots/after-purchase/restore')
    expect(restored.body.data.clock).toMatchObject({ now: before.now, pending_jobs: before.pending_jobs })
    const cert = (
      await s.api.get(
        `/goodlife/v1/fulfilment/certificate/get/?encrypted_code=${encodeURIComponent(o.certificates[0].encrypted_code)}`,
        await s.h(),
      )
    ).body.data.certificate
    expect(cert.status).toBe(1)
    const again = (
      await s.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, await s.h())
    ).body.data
    expect(again.error_code).toBe(0)
    expect((await s.api.get('/sandbox/snapshots')).body.data.snapshots.map((x: { name: string }) => x.name)).toEqual([
      'after-purchase',
    ])
    expect((await s.api.request('DELETE', '/sandbox/snapshots/after-purchase')).body.data.deleted).toBe(true)
    expect((await s.api.post('/sandbox/snapshots/after-purchase/restore')).body.data.error_code).toBe(4000001)
    expect(errorText((await s.api.post('/sandbox/snapshots', { name: 'bad name!' })).body)).toContain('name')
  })

  it('keeps snapshots to their tenant', async () => {
    const s = await setup()
    await s.api.post('/sandbox/snapshots', { name: 'mine' })
    await s.api.post('/sandbox/tenants', { client_key: 'other' })
    const other = await s.api.get('/sandbox/snapshots', { 'x-sandbox-client-key': 'other' })
    expect(other.body.data.snapshots).toEqual([])
    expect(
      (await s.api.request('POST', '/sandbox/snapshots/mine/restore', { headers: { 'x-sandbox-client-key': 'other' } }))
        .body.data.error_code,
    ).toBe(4000001)
  })
})

describe('fault injection', () => {
  it('answers a platform error code for the next N matching calls, by operation and by path', async () => {
    const s = await setup()
    await s.api.request('PUT', '/sandbox/faults', {
      body: { faults: [{ operation: 'goodsCategoryGet', error_code: 2119002, times: 2 }] },
    })
    const call = async () => errorOf((await s.api.get('/goodlife/v1/goods/category/get/', await s.h())).body)
    expect(await call()).toMatchObject({ error_code: 2119002, description: expect.stringContaining('系统繁忙') })
    expect((await call()).error_code).toBe(2119002)
    expect((await call()).error_code).toBe(0)
    expect((await s.api.get('/sandbox/faults')).body.data.faults).toEqual([])
    await s.api.request('PUT', '/sandbox/faults', {
      body: { faults: [{ path: '/goodlife/v1/goods/category/get', error_code: 2119003 }] },
    })
    expect((await call()).error_code).toBe(2119003)
    expect((await call()).error_code).toBe(2119003)
    expect((await s.api.request('DELETE', '/sandbox/faults')).body.data.cleared).toBe(1)
    expect((await call()).error_code).toBe(0)
  })

  it('matches a specific field value, such as one coupon code', async () => {
    const s = await setup()
    const o = await buy(s.api, { product_id: s.p.product_id, count: 2 })
    await s.api.request('PUT', '/sandbox/faults', {
      body: {
        faults: [
          {
            operation: 'certificatePrepare',
            match: { code: o.certificates[1].code },
            error_code: 3000001,
            description: '券码不存在 (injected)',
          },
        ],
      },
    })
    expect(
      (await s.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, await s.h())).body
        .data.error_code,
    ).toBe(0)
    expect(
      (await s.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[1].code}`, await s.h())).body
        .data,
    ).toMatchObject({ error_code: 3000001, description: '券码不存在 (injected)' })
  })

  it('adds latency, applies a probability from the seeded stream, and never leaks to another tenant', async () => {
    const s = await setup()
    await s.api.request('PUT', '/sandbox/faults', {
      body: { faults: [{ path: '/sandbox/health', latency_ms: { min: 150, max: 200 } }] },
    })
    const t0 = Date.now()
    await s.api.get('/sandbox/health')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
    await s.api.post('/sandbox/tenants', { client_key: 'calm' })
    const t1 = Date.now()
    await s.api.get('/sandbox/health', { 'x-sandbox-client-key': 'calm' })
    expect(Date.now() - t1).toBeLessThan(120)
    const run = async () => {
      const fresh = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
      await fresh.api.request('PUT', '/sandbox/faults', {
        body: { faults: [{ operation: 'goodsCategoryGet', error_code: 2100004, probability: 0.5 }] },
      })
      const token = await fresh.api.token()
      const codes: number[] = []
      for (let i = 0; i < 40; i++)
        codes.push(
          (await fresh.api.get('/goodlife/v1/goods/category/get/', { 'access-token': token })).body.data.error_code,
        )
      return codes
    }
    const codes = await run()
    const hits = codes.filter((c) => c === 2100004).length
    expect(hits).toBeGreaterThan(5)
    expect(hits).toBeLessThan(35)
    expect(await run()).toEqual(codes)
  })

  it('drops the connection on a real port', async () => {
    const s = await setup()
    const server = await listen(s.sandbox)
    try {
      await s.api.request('PUT', '/sandbox/faults', {
        body: { faults: [{ path: '/sandbox/health', drop_connection: true, times: 1 }] },
      })
      await expect(fetch(`${server.url}/sandbox/health`)).rejects.toThrow()
      expect((await fetch(`${server.url}/sandbox/health`)).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  it('refuses a rule that names no operation or does nothing', async () => {
    const s = await setup()
    expect(
      errorText((await s.api.request('PUT', '/sandbox/faults', { body: { faults: [{ error_code: 1 }] } })).body),
    ).toContain('needs operation or path')
    expect(
      errorText((await s.api.request('PUT', '/sandbox/faults', { body: { faults: [{ path: '/x' }] } })).body),
    ).toContain('needs error_code, latency_ms or drop_connection')
  })

  it('drops, delays and duplicates webhook deliveries', async () => {
    const s = await setup()
    const rx = await newReceiver()
    await s.api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    await s.sandbox.dispatcher.settle(s.sandbox.tenants.default())
    rx.received.length = 0
    const emit = (id: string) =>
      s.api.post('/sandbox/webhooks/events', {
        event: 'life_product_status_change',
        content: { product_id: id, status: 'GOODS_ONLINE' },
      })
    const settle = () => s.sandbox.dispatcher.settle(s.sandbox.tenants.default())
    await s.api.request('PUT', '/sandbox/faults', {
      body: { faults: [{ target: 'webhook', action: 'drop', times: 1 }] },
    })
    await emit('7000000000000000801')
    await settle()
    expect(rx.received).toHaveLength(0)
    expect(
      (await s.api.get('/sandbox/webhooks/deliveries?entity_id=7000000000000000801')).body.data.deliveries[0],
    ).toMatchObject({ outcome: 'failed', error: 'dropped by fault injection' })
    await s.api.post('/sandbox/clock/advance', { seconds: 60 })
    expect(rx.received).toHaveLength(1)
    await s.api.request('PUT', '/sandbox/faults', {
      body: { faults: [{ target: 'webhook', action: 'duplicate', times: 1 }] },
    })
    await emit('7000000000000000802')
    await settle()
    expect(
      rx.received.filter((r) => JSON.parse(r.json.content as string).product_id === '7000000000000000802'),
    ).toHaveLength(2)
    await s.api.request('PUT', '/sandbox/faults', {
      body: { faults: [{ target: 'webhook', action: 'delay', delay_ms: 150, times: 1 }] },
    })
    const t0 = Date.now()
    await emit('7000000000000000803')
    await settle()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
  })
})

describe('request journal', () => {
  it('records every request of the tenant with its outcome, filterable and clearable', async () => {
    const s = await setup()
    await s.api.request('DELETE', '/sandbox/journal')
    await s.api.get('/goodlife/v1/goods/category/get/?category_id=42', await s.h())
    await s.api.post('/sandbox/clock/advance', { seconds: 5 })
    const all = errorOf((await s.api.get('/sandbox/journal')).body)
    expect(all.count).toBeGreaterThanOrEqual(3)
    const bad = errorOf((await s.api.get('/sandbox/journal?error_code=2100005')).body)
    expect(bad.entries).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/goodlife/v1/goods/category/get/',
        query: 'category_id=42',
        status: 200,
        error_code: 2100005,
        virtual_time: GOODS_NOW_MS / 1000,
      }),
    ])
    const byPath = (await s.api.get('/sandbox/journal?path=/sandbox/clock/advance')).body.data.entries
    expect(byPath[0]).toMatchObject({ body: '{"seconds":5}', error_code: 0 })
    // the answer as it was sent, up to 2 KiB; the token shortened in the request headers
    const answered = bad.entries[0]
    expect(JSON.parse(answered.response_body).data).toMatchObject({ error_code: 2100005 })
    expect(answered.request_headers['access-token']).toMatch(/^.{10}…$/)
    const advance = (await s.api.get('/sandbox/journal?path=/sandbox/clock/advance')).body.data.entries[0]
    expect(JSON.parse(advance.response_body).data.clock.now).toBe(GOODS_NOW_MS / 1000 + 5)
    expect((await s.api.get(`/sandbox/journal?since=${GOODS_NOW_MS / 1000 + 6}`)).body.data.count).toBe(0)
    const other = await s.api.post('/sandbox/tenants', { client_key: 'quiet' })
    expect(other.body.data.error_code).toBe(0)
    expect((await s.api.get('/sandbox/journal', { 'x-sandbox-client-key': 'quiet' })).body.data.count).toBe(0)
    expect((await s.api.request('DELETE', '/sandbox/journal')).body.data.cleared).toBeGreaterThan(0)
  })
})
