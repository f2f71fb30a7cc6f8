/**
 * Heap and JSON bytes per order by collection, after N purchases (node --expose-gc --import tsx
 * bench/heap-per-order.ts); with VERIFY=1, N orders of 2 coupons, then every coupon prepared and verified at the
 * till, and the heap and bytes per verification.
 */
import { readFileSync } from 'node:fs'
import { createLog } from '../src/log.js'
import { createSandbox } from '../src/sandbox.js'
import { openMemoryStore } from '../src/store/store.js'
const store = await openMemoryStore()
const sandbox = createSandbox({ store, frozenAtMs: Date.UTC(2022, 4, 31, 16), log: createLog('error') })
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await sandbox.fetch(
    new Request(`http://localhost${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  )
  return ((await res.json()) as { data: Record<string, any> }).data
}
const t = sandbox.tenants.default().record
const token = (
  await call('POST', '/oauth/client_token/', {
    client_key: t.client_key,
    client_secret: t.client_secret,
    grant_type: 'client_credential',
  })
).access_token as string
const body = JSON.parse(readFileSync('test/fixtures/seed-003-product-save.json', 'utf8'))
body.sku.attr_key_value_map.limit_rule = JSON.stringify({ is_limit: false })
body.sku.stock = { limit_type: 2, stock_qty: 0 }
body.sku.attr_key_value_map.stock_info = JSON.stringify({ limit_type: 2 })
const saved = await call('POST', '/goodlife/v1/goods/product/save/', body, { 'access-token': token })
await call('POST', `/sandbox/products/${saved.product_id}/audit`, { result: 'PASS' })
globalThis.gc!()
const N = Number(process.env.N ?? 10000)
const VERIFY = process.env.VERIFY === '1'
const jsonBytes = () =>
  new Map(
    Object.entries(store.exportNamespace(`t:${t.client_key}`)).map(([c, recs]) => [c, JSON.stringify(recs).length]),
  )
let h0 = process.memoryUsage().heapUsed
const codes: string[] = []
for (let i = 0; i < N; i++) {
  const d = await call('POST', '/sandbox/orders', { product_id: saved.product_id, count: VERIFY ? 2 : 1 })
  for (const c of d.certificates as { code: string }[]) codes.push(c.code)
}
let before = new Map<string, number>()
let per = N
if (VERIFY) {
  await new Promise((r) => setTimeout(r, 1000))
  globalThis.gc!()
  h0 = process.memoryUsage().heapUsed
  before = jsonBytes()
  const h = { 'access-token': token }
  for (const code of codes) {
    const p = await call('GET', `/goodlife/v1/fulfilment/certificate/prepare/?code=${code}`, undefined, h)
    const enc = (p.certificates as { encrypted_code: string }[]).map((c) => c.encrypted_code)
    const v = await call(
      'POST',
      '/goodlife/v1/fulfilment/certificate/verify/',
      { verify_token: p.verify_token, poi_id: t.pois[0]!.poi_id, encrypted_codes: enc.slice(0, 1) },
      h,
    )
    if (v.verify_results?.[0]?.result !== 0) throw new Error(JSON.stringify(v))
  }
  per = codes.length
}
await new Promise((r) => setTimeout(r, 1000)) // what the last requests left scheduled settles first
globalThis.gc!()
const h1 = process.memoryUsage().heapUsed
let total = 0
for (const [c, n] of jsonBytes()) {
  const added = n - (before.get(c) ?? 0)
  total += added
  console.log(c.padEnd(22), (added / per).toFixed(0))
}
const what = VERIFY ? 'verification' : 'order'
console.log(`heap per ${what}`, ((h1 - h0) / per).toFixed(0), `json per ${what}`, (total / per).toFixed(0))
if (process.env.HEAP_SNAPSHOT) (await import('node:v8')).writeHeapSnapshot(process.env.HEAP_SNAPSHOT)
