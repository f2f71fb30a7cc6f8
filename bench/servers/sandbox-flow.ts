/**
 * The sandbox for the flow benchmark: memory store, one online product, and a pool of unused coupons bought
 * through the API; writes {token, poi_id, codes, order_ids} to argv[2] and serves on a free port.
 */
import { writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createLog } from '../../src/log.js'
import { createSandbox } from '../../src/sandbox.js'
import { openMemoryStore } from '../../src/store/store.js'

const [outFile, poolArg] = process.argv.slice(2)
const POOL = Number(poolArg ?? 20000)
const sandbox = createSandbox({
  store: await openMemoryStore(),
  frozenAtMs: Date.UTC(2022, 4, 31, 16),
  log: createLog('error'),
})
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
const tenant = sandbox.tenants.default().record
const token = (
  await call('POST', '/oauth/client_token/', {
    client_key: tenant.client_key,
    client_secret: tenant.client_secret,
    grant_type: 'client_credential',
  })
).access_token as string
const h = { 'access-token': token }
const body = JSON.parse(
  (await import('node:fs')).readFileSync(
    new URL('../../test/fixtures/seed-003-product-save.json', import.meta.url),
    'utf8',
  ),
)
body.sku.attr_key_value_map.limit_rule = JSON.stringify({ is_limit: false })
body.sku.stock = { limit_type: 2, stock_qty: 0 }
body.sku.attr_key_value_map.stock_info = JSON.stringify({ limit_type: 2 })
const saved = await call('POST', '/goodlife/v1/goods/product/save/', body, h)
await call('POST', `/sandbox/products/${saved.product_id}/audit`, { result: 'PASS' })
const codes: string[] = []
const orderIds: string[] = []
while (codes.length < POOL) {
  const o = await call('POST', '/sandbox/orders', { product_id: saved.product_id, count: 2 })
  if (o.error_code !== 0) throw new Error(o.description)
  orderIds.push(o.order.order_id)
  for (const c of o.certificates) codes.push(c.code)
}
writeFileSync(
  outFile!,
  JSON.stringify({ token, poi_id: tenant.pois[0]!.poi_id, account_id: tenant.account_id, codes, order_ids: orderIds }),
)
serve({ fetch: sandbox.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
  process.stdout.write(`READY http://127.0.0.1:${info.port}\n`),
)
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(0)) // exit normally, so --cpu-prof writes its profile
