/** Heap and JSON bytes per order by collection, after N purchases (node --expose-gc --import tsx bench/heap-per-order.ts). */
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
const h0 = process.memoryUsage().heapUsed
const N = Number(process.env.N ?? 10000)
for (let i = 0; i < N; i++) await call('POST', '/sandbox/orders', { product_id: saved.product_id })
globalThis.gc!()
const h1 = process.memoryUsage().heapUsed
const ns = store.exportNamespace('t:awsandboxdefault')
let total = 0
for (const [c, recs] of Object.entries(ns)) {
  const n = JSON.stringify(recs).length
  total += n
  console.log(c.padEnd(22), Object.keys(recs).length, (n / N).toFixed(0))
}
console.log('heap per order', ((h1 - h0) / N).toFixed(0), 'json per order', (total / N).toFixed(0))
