/**
 * Draws docs/console.png, the picture of the demo console the README shows: a sandbox in memory with a combo
 * pack published, bought and one coupon verified, rendered by Debian's chromium at 1440 × 900.
 * `npx tsx scripts/console-screenshot.ts` (needs `apt-get install chromium fonts-noto-cjk`).
 */
import { chromium } from 'playwright-core'
import { scenarioRunner } from '../src/cli/scenario-runner.js'
import { createSandbox } from '../src/sandbox.js'
import { listen } from '../src/server.js'
import { openMemoryStore } from '../src/store/store.js'
import { createLog } from '../src/log.js'
import { apiOver, DEFAULT_TENANT } from '../test/helpers/harness.js'
import { buy, coffeePack, GOODS_NOW_MS, packBody, publish } from '../test/helpers/goods.js'

const sandbox = createSandbox({
  seed: 'screenshot',
  frozenAtMs: GOODS_NOW_MS,
  log: createLog('silent'),
  store: await openMemoryStore(),
  scenarios: scenarioRunner,
})
const server = await listen(sandbox, { port: 0, host: '127.0.0.1', requestTimeout: 30 })
const api = apiOver((req) => fetch(req), server.url)
const p = await publish(api, packBody('coffee-month', coffeePack()))
const o = await buy(api, { product_id: p.product_id, open_id: 'demo-user' })
const h = { 'access-token': await api.token() }
const prep = (await api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, h)).body.data
await api.post(
  '/goodlife/v1/fulfilment/certificate/verify/',
  {
    verify_token: prep.verify_token,
    poi_id: DEFAULT_TENANT.poi_id,
    encrypted_codes: [prep.certificates[0].encrypted_code],
  },
  h,
)
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
await page.goto(`${server.url}/sandbox/ui`)
await page.locator('.order .coupon').first().waitFor()
await page.locator('.order').first().scrollIntoViewIfNeeded()
await page.screenshot({ path: 'docs/console.png' })
await browser.close()
await server.close()
await sandbox.close()
console.log('wrote docs/console.png')
