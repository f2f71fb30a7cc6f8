import { describe, expect, it } from 'vitest'
import { makeSandbox, type Api } from './helpers/harness.js'

/** A fixed script of requests; returns every response body as text. */
async function script(api: Api): Promise<string[]> {
  const out: string[] = []
  const push = (r: { text: string }) => out.push(r.text)
  const t = await api.post('/oauth/client_token/', {
    client_key: 'awsandboxdefault',
    client_secret: 'sandbox-default-secret-0000000000',
    grant_type: 'client_credential',
  })
  push(t)
  const token = t.body.data.access_token as string
  push(await api.get('/goodlife/v1/goods/category/get/?query_category_type=1', { 'access-token': token }))
  push(await api.get('/goodlife/v1/goods/category/get/', { 'access-token': 'clt.bad' }))
  const tenant = await api.post('/sandbox/tenants', {})
  push(tenant)
  push(
    await api.post('/oauth/client_token/', {
      client_key: tenant.body.data.client_key,
      client_secret: tenant.body.data.client_secret,
      grant_type: 'client_credential',
    }),
  )
  push(await api.post('/sandbox/clock/advance', { seconds: 7200 }))
  push(await api.get('/goodlife/v1/goods/category/get/', { 'access-token': token }))
  push(await api.get('/sandbox/tenants'))
  push(await api.get('/no/such/path'))
  return out
}

describe('determinism', () => {
  it('gives byte-identical responses for the same seed and the same requests', async () => {
    const a = await script((await makeSandbox({ seed: 'same' })).api)
    const b = await script((await makeSandbox({ seed: 'same' })).api)
    expect(a).toEqual(b)
  })

  it('gives different ids for a different seed', async () => {
    const a = await script((await makeSandbox({ seed: 'one' })).api)
    const b = await script((await makeSandbox({ seed: 'two' })).api)
    expect(a[0]).not.toEqual(b[0])
  })

  it("keeps a tenant's stream independent of other tenants' traffic", async () => {
    const quiet = await makeSandbox({ seed: 'same' })
    const busy = await makeSandbox({ seed: 'same' })
    await busy.api.post('/sandbox/tenants', { client_key: 'noisy' })
    for (let i = 0; i < 5; i++)
      await busy.api.token({
        client_key: 'noisy',
        client_secret: busy.sandbox.tenants.require('noisy').record.client_secret,
      })
    expect(await busy.api.token()).toBe(await quiet.api.token())
  })
})
