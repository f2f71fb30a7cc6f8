import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { runMain } from './helpers/process.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-persist-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('restart with the file store', () => {
  it('keeps tenants, tokens, clocks and pending jobs that were acknowledged', async () => {
    const file = join(dir, 'sandbox.json')
    const first = await makeSandbox({ store: await openFileStore(file) })
    const b = (await first.api.post('/sandbox/tenants', { client_key: 'suite-b' })).body.data
    const tokenA = await first.api.token()
    const tokenB = await first.api.token(b)
    await first.api.post('/sandbox/clock/advance', { seconds: 100 }, { 'x-sandbox-client-key': 'suite-b' })
    await first.sandbox.close()

    const second = await makeSandbox({ store: await openFileStore(file) })
    const tenants = (await second.api.get('/sandbox/tenants')).body.data.tenants
    expect(tenants.map((t: { client_key: string }) => t.client_key).sort()).toEqual(
      [DEFAULT_TENANT.client_key, 'suite-b'].sort(),
    )
    expect(tenants.find((t: { client_key: string }) => t.client_key === 'suite-b').client_secret).toBe(b.client_secret)
    const category = '/goodlife/v1/goods/category/get/'
    expect((await second.api.get(category, { 'access-token': tokenA })).body.data.error_code).toBe(0)
    expect((await second.api.get(category, { 'access-token': tokenB })).body.data.error_code).toBe(0)
    const clockB = (await second.api.get('/sandbox/clock', { 'x-sandbox-client-key': 'suite-b' })).body.data.clock
    expect(clockB.pending_jobs).toBe(1)
    const adv = await second.api.post(
      '/sandbox/clock/advance',
      { seconds: 7100 },
      { 'x-sandbox-client-key': 'suite-b' },
    )
    expect(adv.body.data.ran).toEqual([
      expect.objectContaining({ kind: 'oauth.token_expire', payload: { access_token: tokenB } }),
    ])
    expect((await second.api.get(category, { 'access-token': tokenB })).body.data.error_code).toBe(2190008)
    await second.sandbox.close()
  })

  it('continues the random stream after a restart instead of repeating it', async () => {
    const file = join(dir, 'sandbox.json')
    const first = await makeSandbox({ store: await openFileStore(file) })
    const t1 = await first.api.token()
    await first.sandbox.close()
    const second = await makeSandbox({ store: await openFileStore(file) })
    const t2 = await second.api.token()
    expect(t2).not.toBe(t1)
    await second.sandbox.close()
  })
})

describe('start-up', () => {
  it('stops with the path and the reason when the data file is corrupt', async () => {
    const file = join(dir, 'sandbox.json')
    await writeFile(file, '{"version": 1, "seq": ')
    const r = await runMain(['--port', '0', '--data', file])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`cannot open data file ${file}`)
    expect(r.stderr).toContain('not valid JSON')
  })

  it('stops with a clear message on a bad configuration value', async () => {
    const r = await runMain(['--port', 'eighty'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--port / PORT')
    const env = await runMain([], { FROZEN_AT: 'yesterday', PORT: '0' })
    expect(env.code).toBe(2)
    expect(env.stderr).toContain(
      '--frozen-at / FROZEN_AT: must be Unix seconds or an ISO-8601 date (e.g. 2026-01-01T00:00:00+08:00) (got "yesterday")',
    )
    const flag = await runMain(['--prot', '1'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain("Unknown option '--prot'")
  })
})
