/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core. A missing browser fails this
 * test (it is installed by .ci/run), never skips it.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSandbox, type Api } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { listen } from './helpers/server.js'

const CHROMIUM = '/usr/bin/chromium'
let browser: Browser
let server: Awaited<ReturnType<typeof listen>>
let api: Api

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(true)
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  api = made.api
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
    await page.getByText(o.order.order_id).waitFor({ timeout: 10_000 })
    expect(await page.locator('#products').innerText()).toContain('界面演示套餐')
    expect(await page.locator('#orders').innerText()).toContain(o.certificates[1].certificate_id)
    expect(await page.locator('#clock').innerText()).toContain('2022-06-01 00:00:00')
    await page.getByRole('button', { name: '+1 day' }).click()
    await page.locator('#clock', { hasText: '2022-06-02 00:00:00' }).waitFor({ timeout: 10_000 })
    expect((await api.get('/sandbox/clock')).body.data.clock.now).toBe(GOODS_NOW_MS / 1000 + 86400)
    await page.screenshot({ path: '/tmp/dashboard.png', fullPage: true })
    await page.close()
  })
})
