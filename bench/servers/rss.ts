/** Memory at scale: a sandbox that takes `n` purchases through its API, then prints its RSS (MB). */
import { readFileSync } from 'node:fs'
import { createLog } from '../../src/log.js'
import { createSandbox } from '../../src/sandbox.js'
import { openMemoryStore } from '../../src/store/store.js'

const n = Number(process.argv[2] ?? 100000)
const sandbox = createSandbox({ store: await openMemoryStore(), frozenAtMs: Date.UTC(2022, 4, 31, 16), log: createLog('error') })
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await sandbox.fetch(new Request(`http://bench${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) }))
  return ((await res.json()) as { data: Record<string, any> }).data
}
const t = sandbox.tenants.default().record
const token = (await call('POST', '/oauth/client_token/', { client_key: t.client_key, client_secret: t.client_secret, grant_type: 'client_credential' })).access_token as string
const body = JSON.parse(readFileSync(new URL('../../test/fixtures/seed-003-product-save.json', import.meta.url), 'utf8'))
body.sku.attr_key_value_map.limit_rule = JSON.stringify({ is_limit: false })
body.sku.stock = { limit_type: 2, stock_qty: 0 }
body.sku.attr_key_value_map.stock_info = JSON.stringify({ limit_type: 2 })
const saved = await call('POST', '/goodlife/v1/goods/product/save/', body, { 'access-token': token })
await call('POST', `/sandbox/products/${saved.product_id}/audit`, { result: 'PASS' })
for (let i = 0; i < n; i++) {
  const o = await call('POST', '/sandbox/orders', { product_id: saved.product_id })
  if (o.error_code !== 0) throw new Error(o.description)
}
globalThis.gc?.()
const m = process.memoryUsage()
process.stdout.write(`RSS ${(m.rss / 1e6).toFixed(0)} heap ${(m.heapUsed / 1e6).toFixed(0)}\n`)
await sandbox.close()
