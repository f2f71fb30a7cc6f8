/**
 * Swagger UI on a random port sends "Try it out" to that port (the document's server is relative), driven in
 * Debian's chromium through playwright-core; its control-plane calls carry the docs' own tenant.
 */
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { expect, it } from 'vitest'
import { makeSandbox } from './helpers/harness.js'
import { TRY_IT_OUT_TENANT } from '../src/docs/docs.routes.js'
import { listen } from './helpers/server.js'

const CHROMIUM = '/usr/bin/chromium'

it('sends Try it out to the port that serves the docs', async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true)
  const { sandbox } = await makeSandbox()
  const server = await listen(sandbox)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  try {
    const page = await browser.newPage()
    await page.goto(`${server.url}/docs#/sandbox/sandboxHealth`)
    const op = page.locator('#operations-sandbox-sandboxHealth')
    await op.locator('.opblock-summary').first().waitFor({ timeout: 90_000 }) // Swagger UI renders 100+ operations: slow on a busy machine
    if (!(await op.locator('.try-out__btn').isVisible())) await op.locator('.opblock-summary').first().click()
    await op.locator('.try-out__btn').click()
    const sent = page.waitForRequest((r) => r.url().includes('/sandbox/health'), { timeout: 10_000 })
    await op.locator('.execute').click()
    const request = await sent
    expect(request.url()).toBe(`${server.url}/sandbox/health`)
    // Try it out runs in its own tenant, which the page created: the default tenant is not moved by a click
    expect(request.headers()['x-sandbox-client-key']).toBe(TRY_IT_OUT_TENANT.client_key)
    const keys = sandbox.tenants.list().map((t) => t.client_key)
    expect(keys).toContain(TRY_IT_OUT_TENANT.client_key)
    await op.locator('.live-responses-table .response-col_status', { hasText: '200' }).first().waitFor()
  } finally {
    await browser.close()
    await server.close()
    await sandbox.close()
  }
}, 180_000)
