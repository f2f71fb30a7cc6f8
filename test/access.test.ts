/**
 * Who may talk to the sandbox, on a real port: a page from another local origin (in Chromium) cannot change
 * state, a foreign Host is refused, the control token guards /sandbox/*, and server-side clients pass unchanged.
 */
import { existsSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { listen } from './helpers/server.js'
import { errorText } from './helpers/errors.js'

const CHROMIUM = '/usr/bin/chromium'
const TOKEN_FORM = `client_key=${DEFAULT_TENANT.client_key}&client_secret=${DEFAULT_TENANT.client_secret}&grant_type=client_credential`

/** A raw request with any Host header (fetch forbids setting it). */
function raw(
  url: string,
  opts: { method?: string; host?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: { data: { error_code: number; description: string } } }> {
  return new Promise((resolve, reject) => {
    const headers = { ...(opts.host ? { host: opts.host } : {}), ...opts.headers }
    const req = request(url, { method: opts.method ?? 'GET', headers }, (res) => {
      let text = ''
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

describe('Host check', () => {
  it('refuses a Host that is not loopback or an IP address with 403 and the envelope, and accepts an allowed one', async () => {
    const { sandbox } = await makeSandbox()
    const server = await listen(sandbox)
    try {
      const foreign = await raw(`${server.url}/sandbox/tenants`, { host: 'evil.example.com' })
      expect(foreign.status).toBe(403)
      expect(foreign.body.data.error_code).toBe(2100005)
      expect(errorText(foreign.body)).toContain('Host "evil.example.com" is not a loopback name or an IP address')
      expect(errorText(foreign.body)).toContain('--allowed-hosts evil.example.com')
      expect(JSON.stringify(foreign.body)).not.toContain(DEFAULT_TENANT.client_secret)
      const token = await raw(`${server.url}/oauth/client_token/`, { method: 'POST', host: 'rebind.attacker.test:80' })
      expect(token.status).toBe(403)
      for (const host of [
        `localhost:${server.port}`,
        `127.0.0.1:${server.port}`,
        'app.localhost',
        '[::1]:1',
        '10.0.0.7',
      ])
        expect((await raw(`${server.url}/sandbox/tenants`, { host })).status, host).toBe(200)
    } finally {
      await server.close()
    }
    const allowed = await makeSandbox({ access: { allowedHosts: ['sandbox.internal'], allowedOrigins: [] } })
    const s2 = await listen(allowed.sandbox)
    try {
      expect((await raw(`${s2.url}/sandbox/tenants`, { host: 'sandbox.internal:8787' })).status).toBe(200)
      const other = await raw(`${s2.url}/sandbox/tenants`, { host: 'other.internal' })
      expect(other.status).toBe(403)
      // the setting it suggests keeps the names already allowed (setting only the new one would drop them)
      expect(errorText(other.body)).toContain('--allowed-hosts sandbox.internal,other.internal (ALLOWED_HOSTS)')
    } finally {
      await s2.close()
    }
  })
})

describe('the platform paths from another site', () => {
  const form = TOKEN_FORM
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' }

  it('refuse a cross-site client_token or goodlife post with 403, while a server-side form post still works', async () => {
    const { sandbox, api } = await makeSandbox()
    const server = await listen(sandbox)
    try {
      const post = (path: string, headers: Record<string, string>) =>
        raw(`${server.url}${path}`, { method: 'POST', headers: { ...formHeaders, ...headers }, body: form })
      const evil = await post('/oauth/client_token/', { origin: 'http://evil.test' })
      expect(evil.status).toBe(403)
      expect(errorText(evil.body)).toContain('a page from http://evil.test may not change')
      expect(errorText(evil.body)).toContain('--allowed-origins http://evil.test')
      expect((await post('/oauth/client_token', { 'sec-fetch-site': 'cross-site' })).status).toBe(403)
      expect((await post('/oauth/client_token/', { origin: 'null' })).status).toBe(403)
      const token = await api.token()
      const verify = await raw(`${server.url}/goodlife/v1/fulfilment/certificate/verify/`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'access-token': token, origin: 'http://evil.test' },
        body: '{}',
      })
      expect(verify.status).toBe(403)
      // a server-side client (no Origin, no Sec-Fetch-Site) and the sandbox's own pages pass
      const server1 = await post('/oauth/client_token/', {})
      expect([server1.status, server1.body.data.error_code]).toEqual([200, 0])
      const own = await post('/oauth/client_token/', { origin: server.url, 'sec-fetch-site': 'same-origin' })
      expect([own.status, own.body.data.error_code]).toEqual([200, 0])
    } finally {
      await server.close()
    }
    const allowed = await makeSandbox({ access: { allowedHosts: [], allowedOrigins: ['http://tool.test'] } })
    const s2 = await listen(allowed.sandbox)
    try {
      const r = await raw(`${s2.url}/oauth/client_token/`, {
        method: 'POST',
        headers: { ...formHeaders, origin: 'http://tool.test' },
        body: form,
      })
      expect([r.status, r.body.data.error_code]).toEqual([200, 0])
    } finally {
      await s2.close()
    }
  })
})

describe('control token', () => {
  it('guards every /sandbox/ call but health and the dashboard page, and leaves the platform API alone', async () => {
    const controlToken = 'a-long-control-token-0123456789'
    const { sandbox } = await makeSandbox({ access: { allowedHosts: [], allowedOrigins: [], controlToken } })
    const server = await listen(sandbox)
    try {
      const none = await raw(`${server.url}/sandbox/tenants`)
      expect(none.status).toBe(401)
      expect(errorText(none.body)).toContain('Authorization: Bearer <token>')
      const wrong = await raw(`${server.url}/sandbox/tenants`, { headers: { authorization: 'Bearer nope' } })
      expect(wrong.status).toBe(401)
      const right = await raw(`${server.url}/sandbox/tenants`, { headers: { authorization: `Bearer ${controlToken}` } })
      expect(right.status).toBe(200)
      expect((await fetch(`${server.url}/sandbox/health`)).status).toBe(200)
      expect((await fetch(`${server.url}/sandbox/ui`)).status).toBe(200)
      const token = await raw(`${server.url}/oauth/client_token/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_key: DEFAULT_TENANT.client_key,
          client_secret: DEFAULT_TENANT.client_secret,
          grant_type: 'client_credential',
        }),
      })
      expect(token.body.data.error_code).toBe(0)
    } finally {
      await server.close()
    }
  })
})

describe('a page from another origin', () => {
  let browser: Browser
  let page: Server
  let pageUrl: string
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(true)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    })
    page = createServer((_req, res) => res.end('<!doctype html><title>attacker</title><p>hello</p>'))
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()))
    const address = page.address() as { port: number }
    pageUrl = `http://localhost:${address.port}/`
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await new Promise((r) => page?.close(r))
  })

  /** Runs the attacks a page can make from its own origin; resolves once each has been tried. */
  async function attack(target: string): Promise<void> {
    const tab = await browser.newPage()
    try {
      await tab.goto(pageUrl)
      await tab.evaluate(
        async ({ base, tokenForm }) => {
          const tries = [
            fetch(`${base}/sandbox/reset`, { method: 'POST', mode: 'no-cors' }),
            fetch(`${base}/sandbox/clock/advance`, {
              method: 'POST',
              mode: 'no-cors',
              headers: { 'content-type': 'text/plain' },
              body: '{"seconds":86400}',
            }),
            fetch(`${base}/sandbox/clock/advance`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"seconds":86400}',
            }),
            fetch(`${base}/sandbox/tenants`).then((r) => r.text()),
            // the default tenant's secret is public: enough form posts would revoke the developer's token and, before
            // the platform paths refused cross-site posts, ran into the client_token rate limit
            ...Array.from({ length: 70 }, () =>
              fetch(`${base}/oauth/client_token/`, {
                method: 'POST',
                mode: 'no-cors',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: tokenForm,
              }),
            ),
          ]
          await Promise.allSettled(tries)
          // a plain form post, as a link in a mail would make
          const form = document.createElement('form')
          form.method = 'POST'
          form.action = `${base}/sandbox/clock/advance`
          form.enctype = 'text/plain'
          const input = document.createElement('input')
          input.name = '{"seconds":86400,"x":"'
          input.value = '"}'
          form.appendChild(input)
          document.body.appendChild(form)
          const frame = document.createElement('iframe')
          frame.name = 'sink'
          document.body.appendChild(frame)
          form.target = 'sink'
          await new Promise<void>((done) => {
            frame.onload = () => done()
            form.submit()
            setTimeout(done, 3000)
          })
        },
        { base: target, tokenForm: TOKEN_FORM },
      )
    } finally {
      await tab.close()
    }
  }

  it('cannot reset, advance the clock or read secrets, while the same calls from a server still work', async () => {
    const { sandbox, api } = await makeSandbox()
    const server = await listen(sandbox)
    try {
      const made = (await api.post('/sandbox/tenants', { client_key: 'keepme' })).body.data
      expect(made.error_code).toBe(0)
      await api.post('/sandbox/clock/advance', { seconds: 60 }) // a reset would put the clock back
      const before = (await api.get('/sandbox/clock')).body.data.clock.now_ms
      const developerToken = await api.token()
      const journal = await api.get('/sandbox/journal')
      const seen = (journal.body.data.entries as unknown[]).length
      await attack(server.url.replace('127.0.0.1', 'localhost'))
      await attack(server.url)
      expect((await api.get('/sandbox/tenants')).text).toContain('keepme')
      expect((await api.get('/sandbox/clock')).body.data.clock.now_ms).toBe(before)
      // the developer's token still works: the page's client_token posts were refused, none issued a token
      const call = await api.get('/goodlife/v1/goods/category/get/', { 'access-token': developerToken })
      expect(call.body.data.error_code).toBe(0)
      // the refused calls reached the sandbox and were answered 403/415 (the journal shows them)
      const entries = (await api.get('/sandbox/journal')).body.data.entries as Array<{ path: string; status?: number }>
      expect(entries.length).toBeGreaterThan(seen)
      // an origin the user allowed may drive it from a page (CORS preflight answered)
      const allowed = await makeSandbox({ access: { allowedHosts: [], allowedOrigins: [pageUrl.slice(0, -1)] } })
      const s2 = await listen(allowed.sandbox)
      try {
        const before2 = (await allowed.api.get('/sandbox/clock')).body.data.clock.now_ms as number
        await attack(s2.url)
        expect((await allowed.api.get('/sandbox/clock')).body.data.clock.now_ms).toBeGreaterThan(before2)
      } finally {
        await s2.close()
      }
    } finally {
      await server.close()
    }
  }, 60_000)
})
