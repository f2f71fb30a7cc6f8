/** The real entry point on a real port, as `npm start` runs it. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiOver, DEFAULT_TENANT } from './helpers/harness.js'
import { startMain } from './helpers/process.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-e2e-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const over = (url: string) => apiOver((req) => fetch(req), url)

describe('npm start', () => {
  it('picks a free port with --port 0, prints the URL and the default tenant, and serves', async () => {
    const s = await startMain(['--port', '0', '--memory'])
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(s.output()).toContain(`client_key=${DEFAULT_TENANT.client_key}`)
      expect(s.output()).toContain(`account_id=${DEFAULT_TENANT.account_id}`)
      const api = over(s.url)
      const token = await api.token()
      const r = await api.get('/goodlife/v1/goods/category/get/', { 'access-token': token })
      expect(r.body.data.error_code).toBe(0)
    } finally {
      expect(await s.stop()).toBe(0)
    }
  })

  it('keeps acknowledged state in the data file across a kill -9', async () => {
    const data = join(dir, 'sandbox.json')
    const first = await startMain(['--port', '0', '--data', data])
    const api = over(first.url)
    const created = await api.post('/sandbox/tenants', { client_key: 'survivor' })
    const token = await api.token()
    expect(created.body.data.client_key).toBe('survivor')
    await first.stop('SIGKILL')
    const second = await startMain(['--port', '0', '--data', data])
    try {
      const api2 = over(second.url)
      const tenants = (await api2.get('/sandbox/tenants')).body.data.tenants as Array<{ client_key: string }>
      expect(tenants.map((t) => t.client_key)).toContain('survivor')
      expect((await api2.get('/goodlife/v1/goods/category/get/', { 'access-token': token })).body.data.error_code).toBe(0)
    } finally {
      await second.stop()
    }
  })
})
