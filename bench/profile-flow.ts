/**
 * `npx tsx bench/profile-flow.ts [seconds]`: profiles the compiled server (`node dist/src/cli.js start`, as users
 * start it, default logging and journal; its file store without fsync) under the till flow — prepare a fresh
 * coupon, verify it — and prints the CPU self time by source file and the top functions. Needs `npm run build`
 * first. The profile (`.cpuprofile`, for Chrome DevTools) stays in the printed folder.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { ROOT, SERVER_FLAGS, start } from './lib.js'

const SECONDS = Number(process.argv[2] ?? 10)
const dir = mkdtempSync(join(tmpdir(), 'sandbox-profile-'))
// the coupons are bought by a first server, unprofiled; a second one on the same data file is profiled
const serverArgs = [
  join(ROOT, 'dist/src/cli.js'),
  'start',
  '--data',
  join(dir, 'data.json'),
  '--fsync',
  'off',
  '--port',
  '0',
]
const ready = /listening on (http:\/\/\S+)/
let server = await start(process.execPath, [...SERVER_FLAGS, ...serverArgs], ready)
let base = server.url
const json = { 'content-type': 'application/json' }
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  (await (
    await fetch(base + path, {
      method,
      headers: { ...json, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  ).json()) as {
    data: Record<string, unknown> & { error_code: number }
  }

const tenant = (await call('GET', '/sandbox/tenants')).data.tenants as Array<
  Record<string, string> & { poi_ids: string[] }
>
const t = tenant.find((x) => x.is_default as unknown as boolean)!
const token = (
  await call('POST', '/oauth/client_token/', {
    client_key: t.client_key,
    client_secret: t.client_secret,
    grant_type: 'client_credential',
  })
).data.access_token as string
const body = await (await fetch(`${base}/sandbox/examples/product_save?kind=groupon&bare=true`)).json()
const saved = await call('POST', '/goodlife/v1/goods/product/save/', body, { 'access-token': token })
await call('POST', `/sandbox/products/${saved.data.product_id as string}/audit`, { result: 'PASS' })
const stock = { account_id: t.account_id, product_id: saved.data.product_id, stock: { limit_type: 2, stock_qty: 0 } }
const synced = await call('POST', '/goodlife/v1/goods/stock/sync/', stock, { 'access-token': token })
if (synced.data.error_code !== 0) throw new Error(`stock/sync: ${JSON.stringify(synced.data)}`)
const codes: string[] = []
const need = Math.max(20_000, SECONDS * 4000)
for (let i = 0; i < need; i++) {
  const o = await call('POST', '/sandbox/orders', { product_id: saved.data.product_id })
  if (o.data.error_code !== 0) throw new Error(`buying coupon ${i + 1}: ${JSON.stringify(o.data)}`)
  codes.push((o.data.certificates as Array<{ code: string }>)[0]!.code)
}
await server.stop()
server = await start(process.execPath, [...SERVER_FLAGS, '--cpu-prof', `--cpu-prof-dir=${dir}`, ...serverArgs], ready)
base = server.url
let next = 0
const result = await autocannon({
  url: base,
  connections: 10,
  duration: SECONDS,
  headers: { ...json, 'access-token': token },
  requests: [
    {
      method: 'GET',
      setupRequest: (req) => ({
        ...req,
        path: `/goodlife/v1/fulfilment/certificate/prepare/?code=${codes[next++ % codes.length]}`,
      }),
      onResponse: (_s, b, ctx) => {
        const d = JSON.parse(b).data
        ctx.vt = d.verify_token
        ctx.enc = d.certificates?.[0]?.encrypted_code
      },
    },
    {
      method: 'POST',
      path: '/goodlife/v1/fulfilment/certificate/verify/',
      setupRequest: (req, ctx) => ({
        ...req,
        body: JSON.stringify({ verify_token: ctx.vt, poi_id: t.poi_ids[0], encrypted_codes: [ctx.enc] }),
      }),
    },
  ],
})
await server.stop()

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount: number
}
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[] }
const total = profile.nodes.reduce((s, n) => s + n.hitCount, 0)
const byFile = new Map<string, number>()
const byFn = new Map<string, number>()
for (const n of profile.nodes) {
  const url = n.callFrame.url.replace(/^file:\/\//, '').replace(ROOT, '') || `(${n.callFrame.functionName || 'native'})`
  const key = url.includes('node_modules/') ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1 (dep)') : url
  byFile.set(key, (byFile.get(key) ?? 0) + n.hitCount)
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`
  byFn.set(fn, (byFn.get(fn) ?? 0) + n.hitCount)
}
const pct = (x: number) => `${((100 * x) / total).toFixed(1)} %`
const pairs = Math.round(result.requests.average / 2)
process.stdout.write(
  `pairs/s ${pairs}, p99 ${result.latency.p99} ms, errors ${result.non2xx + result.errors}\n\nself time by file:\n`,
)
for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25))
  process.stdout.write(`  ${pct(v).padStart(7)}  ${k}\n`)
process.stdout.write('\ntop functions:\n')
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 30))
  process.stdout.write(`  ${pct(v).padStart(7)}  ${k}\n`)
process.stdout.write(`\nprofile: ${join(dir, file)}\n`)
