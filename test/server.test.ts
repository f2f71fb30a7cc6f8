/** The real entry point on a real port, as `npm start` runs it. */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiOver, DEFAULT_TENANT } from './helpers/harness.js'
import { listeningUrl, msUntilClosed, startMain } from './helpers/process.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-e2e-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const ROOT = fileURLToPath(new URL('..', import.meta.url))
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

  it('warns when bound beyond loopback, and --control-token / CONTROL_TOKEN then guards the control plane', async () => {
    /** stderr may arrive after the "listening on" line of stdout: wait for it (generous margin) */
    const printed = async (s: { output: () => string }, text: string) => {
      for (let i = 0; i < 100 && !s.output().includes(text); i++) await new Promise((r) => setTimeout(r, 50))
      return s.output()
    }
    const open = await startMain(['--port', '0', '--memory', '--host', '0.0.0.0'])
    try {
      expect(await printed(open, 'warning')).toContain('warning: listening on 0.0.0.0, beyond this machine')
      expect(open.output()).toContain('set --control-token (CONTROL_TOKEN)')
      // listening on every address: the banner's links name localhost, which a browser here can open
      expect(open.output()).toMatch(
        / {2}console: http:\/\/localhost:\d+\/sandbox\/ui {3}docs: http:\/\/localhost:\d+\/docs/,
      )
    } finally {
      expect(await open.stop()).toBe(0)
    }
    const token = 'control-token-for-the-test-0001'
    const guarded = await startMain(['--port', '0', '--memory', '--host', '0.0.0.0'], { CONTROL_TOKEN: token })
    try {
      expect(await printed(guarded, 'warning')).toContain('/sandbox/* needs the control token')
      // the banner says how to open the console with the token, without printing the token
      expect(guarded.output()).toMatch(/console: http:\/\/localhost:\d+\/sandbox\/ui#token=<the control token>/)
      expect(guarded.output()).not.toContain(token)
      const url = guarded.url.replace('0.0.0.0', '127.0.0.1')
      expect((await fetch(`${url}/sandbox/tenants`)).status).toBe(401)
      const ok = await fetch(`${url}/sandbox/tenants`, { headers: { authorization: `Bearer ${token}` } })
      expect(ok.status).toBe(200)
    } finally {
      expect(await guarded.stop()).toBe(0)
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
      expect((await api2.get('/goodlife/v1/goods/category/get/', { 'access-token': token })).body.data.error_code).toBe(
        0,
      )
    } finally {
      await second.stop()
    }
  })
})

describe('stopping by the PID a script holds', () => {
  it('npm start stops within 2 s of SIGTERM to npm, releasing the port and the data-file lock', async () => {
    const file = join(dir, 'sandbox.json')
    const child = spawn('npm', ['start', '--', '--port', '0', '--data', file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const url = await listeningUrl(child)
    expect((await fetch(`${url}/sandbox/health`)).status).toBe(200)
    const closed = msUntilClosed(url)
    child.kill('SIGTERM')
    const released = await closed
    expect(released, 'the port still answered 5 s after SIGTERM').toBeGreaterThanOrEqual(0)
    expect(released).toBeLessThan(2000)
    // the lock is gone with the process: a new sandbox opens the same data file at once
    const again = await startMain(['--port', '0', '--data', file])
    await again.stop('SIGTERM')
  })
})
