/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core. A missing browser fails this
 * test (it is installed by .ci/run), never skips it.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../src/sandbox.js'
import { makeSandbox, type Api } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { useReceivers } from './helpers/receiver.js'
import { listen } from './helpers/server.js'

const CHROMIUM = '/usr/bin/chromium'
let browser: Browser
let server: Awaited<ReturnType<typeof listen>>
let api: Api
let sandbox: Sandbox
const newReceiver = useReceivers()

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(true)
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  api = made.api
  sandbox = made.sandbox
  server = await listen(made.sandbox)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('dashboard', () => {
  it('shows an order bought through the API, and a button advances the clock', async () => {
    const p = await publish(api, productBody('ui-demo', '界面演示套餐'))
    const o = await buy(api, { product_id: p.product_id, count: 2 })
    const page = await browser.newPage()
    await page.goto(`${server.url}/sandbox/ui`)
    await page.locator('#orders').getByText(o.order.order_id).waitFor({ timeout: 10_000 })
    expect(await page.locator('#products').innerText()).toContain('界面演示套餐')
    expect(await page.locator('#orders').innerText()).toContain(o.certificates[1].certificate_id)
    expect(await page.locator('#clock').innerText()).toContain('2022-06-01 00:00:00')
    await page.getByRole('button', { name: '+1 day' }).click()
    await page.locator('#clock', { hasText: '2022-06-02 00:00:00' }).waitFor({ timeout: 10_000 })
    expect((await api.get('/sandbox/clock')).body.data.clock.now).toBe(GOODS_NOW_MS / 1000 + 86400)
    await page.screenshot({ path: '/tmp/dashboard.png', fullPage: true })
    await page.close()
  })

  it('shows a given-up webhook event with why, the event held behind it, and redelivers it with a click', async () => {
    const t = (await api.post('/sandbox/tenants', { client_key: 'ui-outage' })).body.data
    const h = { 'x-sandbox-client-key': t.client_key }
    const rx = await newReceiver()
    rx.reply = () => ({ status: 503, body: 'down for maintenance' })
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url }, headers: h })
    const certificate = {
      certificate_id: '7000000000000000777',
      order_id: '7000000000000000778',
      account_id: t.account_id,
    }
    for (const action of ['verify', 'verify_cancel']) {
      const content = { action, msg_time: GOODS_NOW_MS / 1000, certificate }
      await api.post('/sandbox/webhooks/events', { event: 'life_trade_certificate_notify', content }, h)
    }
    await sandbox.dispatcher.settle(sandbox.tenants.require(t.client_key)) // the first attempt has failed
    await api.post('/sandbox/clock/advance', { seconds: 3600 }, h)
    const page = await browser.newPage()
    await page.goto(`${server.url}/sandbox/ui?client_key=${t.client_key}`)
    await page.locator('#outbox', { hasText: 'failed' }).waitFor({ timeout: 10_000 })
    const outbox = await page.locator('#outbox').innerText()
    expect(outbox).toContain('no 2xx in 4 attempts')
    expect(outbox).toContain('last: HTTP 503')
    expect(outbox).toMatch(/blocked\s+0\s+waits for evt_\d+/)
    expect(await page.locator('#deliveries').innerText()).toContain('given up')
    rx.reply = () => ({ status: 200, body: '{}' })
    await page.getByRole('button', { name: 'redeliver' }).click()
    await page.locator('#outbox', { hasText: 'none' }).waitFor({ timeout: 10_000 })
    const actions = rx.received.map((r) => JSON.parse(r.json.content as string).action)
    expect(actions.slice(-2)).toEqual(['verify', 'verify_cancel'])
    await page.close()
  })
})
