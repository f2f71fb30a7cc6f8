import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { errorOf, errorText } from './helpers/errors.js'

const CATEGORY = '/goodlife/v1/goods/category/get/'

describe('tenants', () => {
  it('lists the fixture tenant as the default one', async () => {
    const { api } = await makeSandbox()
    const r = await api.get('/sandbox/tenants')
    expect(r.body.data.tenants).toEqual([
      expect.objectContaining({
        ...{
          client_key: DEFAULT_TENANT.client_key,
          client_secret: DEFAULT_TENANT.client_secret,
          account_id: DEFAULT_TENANT.account_id,
        },
        is_default: true,
        poi_ids: ['123123123123', '7010000000000000001'],
      }),
    ])
  })

  it('creates an isolated tenant with its own credentials, account and POIs', async () => {
    const { api } = await makeSandbox()
    const r = await api.post('/sandbox/tenants', {})
    const t = r.body.data
    expect(t.client_key).toMatch(/^aw[a-z0-9]{14}$/)
    expect(t.client_secret).toMatch(/^[0-9a-f]{32}$/)
    expect(t.account_id).toMatch(/^7\d{18}$/)
    expect(t.poi_ids).toHaveLength(2)
    expect(t.is_default).toBe(false)
    const token = await api.token(t)
    const own = await api.get(`${CATEGORY}?account_id=${t.account_id}`, { 'access-token': token })
    expect(own.body.data.error_code).toBe(0)
    const other = await api.get(`${CATEGORY}?account_id=${DEFAULT_TENANT.account_id}`, { 'access-token': token })
    expect(other.body.data.error_code).toBe(2119005)
    expect((await api.get('/sandbox/tenants')).body.data.tenants).toHaveLength(2)
  })

  it('deletes a tenant with its data, webhook URL, snapshots and tokens, but never the default one', async () => {
    const { api } = await makeSandbox()
    const t = errorOf((await api.post('/sandbox/tenants', { client_key: 'gone-soon' })).body)
    const token = await api.token(t)
    const h = { 'x-sandbox-client-key': t.client_key }
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', {
      body: { url: 'http://127.0.0.1:9/hook' },
      headers: h,
    })
    await api.post('/sandbox/snapshots', { name: 'kept' }, h)
    const del = await api.request('DELETE', '/sandbox/tenants/gone-soon')
    expect(errorOf(del.body)).toMatchObject({ error_code: 0, client_key: 'gone-soon', deleted: true })
    expect((await api.get('/sandbox/tenants')).body.data.tenants).toHaveLength(1)
    const after = await api.get(`${CATEGORY}?account_id=${t.account_id}`, { 'access-token': token })
    expect(after.body.data.error_code).toBe(2190002)
    expect(errorOf((await api.request('DELETE', '/sandbox/tenants/gone-soon')).body)).toMatchObject({
      error_code: 4000001,
      description: expect.stringContaining('no tenant with client_key "gone-soon"'),
    })
    const again = errorOf((await api.post('/sandbox/tenants', { client_key: 'gone-soon' })).body)
    expect(again.error_code).toBe(0)
    const h2 = { 'x-sandbox-client-key': 'gone-soon' }
    expect((await api.get('/sandbox/webhooks', h2)).body.data.webhook).toBeNull()
    expect((await api.get('/sandbox/snapshots', h2)).body.data.snapshots).toEqual([])
    // the deleted tenant's token does not come back with the new tenant of the same client_key
    const revived = await api.get(`${CATEGORY}?account_id=${again.account_id}`, { 'access-token': token })
    expect(revived.body.data.error_code).toBe(2190002)
    expect(errorText(revived.body)).toContain('was issued to a tenant gone-soon that was deleted since')
    const fresh = await api.token(again)
    expect(
      errorOf((await api.get(`${CATEGORY}?account_id=${again.account_id}`, { 'access-token': fresh })).body),
    ).toMatchObject({
      error_code: 0,
    })
    const keep = await api.request('DELETE', `/sandbox/tenants/${DEFAULT_TENANT.client_key}`)
    expect(keep.body.data.error_code).toBe(4000002)
    expect(errorText(keep.body)).toContain('is the default tenant and cannot be deleted')
  })

  it('creates a tenant with a chosen client_key and refuses a taken one', async () => {
    const { api } = await makeSandbox()
    expect((await api.post('/sandbox/tenants', { client_key: 'suite-a' })).body.data.client_key).toBe('suite-a')
    const again = await api.post('/sandbox/tenants', { client_key: 'suite-a' })
    expect(again.body.data.error_code).toBe(2100005)
    expect(errorText(again.body)).toContain('client_key: "suite-a" is already a tenant')
    const bad = await api.post('/sandbox/tenants', { client_key: 'a b' })
    expect(errorText(bad.body)).toContain('client_key')
  })

  it('gives each tenant its own clock', async () => {
    const { api } = await makeSandbox()
    const b = errorOf((await api.post('/sandbox/tenants', { client_key: 'tenant-b' })).body)
    await api.post('/sandbox/clock/advance', { seconds: 3600 }, { 'x-sandbox-client-key': 'tenant-b' })
    const clockA = (await api.get('/sandbox/clock')).body.data.clock
    const clockB = (await api.get('/sandbox/clock', { 'x-sandbox-client-key': b.client_key })).body.data.clock
    expect(clockB.now - clockA.now).toBe(3600)
  })

  it('keeps tokens to their own tenant: advancing one tenant expires only its tokens', async () => {
    const { api } = await makeSandbox()
    const b = errorOf((await api.post('/sandbox/tenants', { client_key: 'tenant-b' })).body)
    const tokenA = await api.token()
    const tokenB = await api.token(b)
    await api.post('/sandbox/clock/advance', { seconds: 7200 }, { 'x-sandbox-client-key': 'tenant-b' })
    expect((await api.get(CATEGORY, { 'access-token': tokenA })).body.data.error_code).toBe(0)
    expect((await api.get(CATEGORY, { 'access-token': tokenB })).body.data.error_code).toBe(2190008)
  })

  it('gives a new tenant its own data namespace in the store', async () => {
    const { sandbox, api } = await makeSandbox()
    await api.post('/sandbox/tenants', { client_key: 'tenant-b' })
    const a = sandbox.tenants.require(DEFAULT_TENANT.client_key)
    const b = sandbox.tenants.require('tenant-b')
    a.repo.collection('products').put('p1', { product_id: 'p1' } as never)
    expect(b.repo.collection('products').get('p1')).toBeUndefined()
    expect(a.repo.collection('products').get('p1')).toEqual({ product_id: 'p1' })
  })

  it('names an unknown tenant header', async () => {
    const { api } = await makeSandbox()
    const r = await api.get('/sandbox/clock', { 'x-sandbox-client-key': 'ghost' })
    expect(r.body.data.error_code).toBe(4000001)
    expect(errorText(r.body)).toContain('no tenant with client_key "ghost"')
  })

  it('resets a tenant to its fixtures, clock included, and leaves others alone; tokens survive', async () => {
    const { sandbox, api } = await makeSandbox()
    await api.post('/sandbox/tenants', { client_key: 'tenant-b' })
    const token = await api.token()
    await api.post('/sandbox/clock/advance', { seconds: 600 })
    await api.post('/sandbox/clock/advance', { seconds: 600 }, { 'x-sandbox-client-key': 'tenant-b' })
    sandbox.tenants
      .default()
      .repo.collection('products')
      .put('p1', { product_id: 'p1' } as never)
    const r = await api.post('/sandbox/reset')
    expect(r.body.data.clock.now).toBe(1767196800)
    expect(r.body.data.clock.pending_jobs).toBe(0)
    expect(sandbox.tenants.default().repo.collection('products').get('p1')).toBeUndefined()
    expect((await api.get('/sandbox/clock', { 'x-sandbox-client-key': 'tenant-b' })).body.data.clock.now).toBe(
      1767196800 + 600,
    )
    expect((await api.get(CATEGORY, { 'access-token': token })).body.data.error_code).toBe(0)
  })
})
