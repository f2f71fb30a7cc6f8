/**
 * Clock advance while the merchant's webhook receiver is down: N product/save with a one-day audit delay, the
 * webhook URL on a closed port, then one 10-year `POST /sandbox/clock/advance` (in process, memory store, frozen
 * clock). Prints the jobs run and the advance's wall time per N; the cost should grow with the jobs, not their
 * square. `npx tsx bench/advance-outage.ts [N …]` (default 1000 2000 4000); BENCH_SPREAD=1 spreads the saves.
 */
import { freePort } from './lib.js'
import { createSandbox } from '../src/sandbox.js'
import { openMemoryStore } from '../src/store/store.js'
import { createLog } from '../src/log.js'
import { apiOver } from '../test/helpers/harness.js'
import { GOODS_NOW_MS, productBody } from '../test/helpers/goods.js'

/** BENCH_SPREAD=1: one virtual second between saves, so every audit and retry falls due at its own instant */
const SPREAD = process.env.BENCH_SPREAD === '1'

async function run(n: number): Promise<{ jobs: number; ms: number }> {
  const store = await openMemoryStore()
  const sandbox = createSandbox({ seed: 'bench', frozenAtMs: GOODS_NOW_MS, log: createLog('silent'), store })
  const api = apiOver(sandbox.fetch)
  await api.request('PUT', '/sandbox/settings', { body: { audit_delay_seconds: 86400, client_token_rate_limit: 0 } })
  const port = await freePort() // nothing listens there: the receiver is down
  await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: `http://127.0.0.1:${port}/hook` } })
  const token = await api.token()
  for (let i = 0; i < n; i++) {
    const r = await api.request('POST', '/goodlife/v1/goods/product/save/', {
      body: productBody(`bench-${i}`),
      headers: { 'access-token': token },
      contract: false,
    })
    if ((r.body.data as { error_code: number }).error_code !== 0) throw new Error(r.text)
    if (SPREAD) await api.request('POST', '/sandbox/clock/advance', { body: { seconds: 1 }, contract: false })
  }
  const t0 = performance.now()
  const adv = await api.request('POST', '/sandbox/clock/advance', {
    body: { seconds: 10 * 365 * 86400 },
    contract: false,
  })
  const ms = performance.now() - t0
  const data = adv.body.data as { error_code: number; ran: unknown[] }
  if (data.error_code !== 0) throw new Error(adv.text.slice(0, 500))
  const jobs = data.ran.length
  await sandbox.close()
  return { jobs, ms }
}

const sizes = process.argv.slice(2).map(Number)
for (const n of sizes.length > 0 ? sizes : [1000, 2000, 4000]) {
  const r = await run(n)
  console.log(`${n} saves: ${r.jobs} jobs, advance ${(r.ms / 1000).toFixed(2)} s`)
}
