/**
 * Part of `npm run bench`: memory of the real server process holding N orders. Starts `node dist/src/main.js
 * --memory` (or `npm start`'s tsx), publishes one product, has autocannon buy it N times over HTTP
 * (10 connections), waits for the server to go quiet and reads its RSS from /proc.
 */
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { tillRun } from './flow-run.js'
import { CONNECTIONS, procMb, SERVER_FLAGS, start } from './lib.js'

export interface RssResult {
  orders: number
  /** resident set after the load, MB */
  rss: number
  /** peak resident set during the load (VmHWM), MB */
  peak: number
  seconds: number
}

const FROZEN_AT = '2022-06-01T00:00:00+08:00' // inside the seed product's sale window
/** how long the server idles after the load before its RSS is read */
export const QUIET_MS = Number(process.env.BENCH_QUIET_MS ?? 3000)

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = ((await res.json()) as { data: Record<string, any> }).data
  if (data.error_code !== 0) throw new Error(`${path}: ${data.description}`)
  return data
}

/** `how`: the compiled server (dist/, built by the caller) or the TypeScript sources through tsx, as `npm start` runs. */
export async function serverRss(orders: number, how: 'compiled' | 'tsx', verify = false): Promise<RssResult> {
  const flags = [...SERVER_FLAGS, ...(process.env.NODE_FLAGS ?? '').split(' ').filter(Boolean)] // NODE_FLAGS: extra ones, for experiments
  const entry = [...flags, ...(how === 'compiled' ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'])]
  const s = await start(
    process.execPath,
    [...entry, '--port', '0', '--memory', '--log-level', 'error', '--frozen-at', FROZEN_AT],
    /listening on (http:\/\/\S+)/,
  )
  try {
    const tenant = JSON.parse(readFileSync(new URL('../fixtures/tenants.json', import.meta.url), 'utf8'))
      .default_tenant as { client_key: string; client_secret: string }
    const token = (
      await call(s.url, 'POST', '/oauth/client_token/', {
        client_key: tenant.client_key,
        client_secret: tenant.client_secret,
        grant_type: 'client_credential',
      })
    ).access_token as string
    const body = JSON.parse(
      readFileSync(new URL('../test/fixtures/seed-003-product-save.json', import.meta.url), 'utf8'),
    )
    body.sku.attr_key_value_map.limit_rule = JSON.stringify({ is_limit: false })
    body.sku.stock = { limit_type: 2, stock_qty: 0 }
    body.sku.attr_key_value_map.stock_info = JSON.stringify({ limit_type: 2 })
    const saved = await call(s.url, 'POST', '/goodlife/v1/goods/product/save/', body, { 'access-token': token })
    await call(s.url, 'POST', `/sandbox/products/${saved.product_id}/audit`, { result: 'PASS' })
    let refused = 0
    const t0 = performance.now()
    const coupons: { code: string; encrypted_code: string }[] = []
    const r = await autocannon({
      url: s.url,
      connections: CONNECTIONS,
      amount: verify ? orders / 2 : orders,
      requests: [
        {
          method: 'POST',
          path: '/sandbox/orders',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ product_id: saved.product_id, count: verify ? 2 : 1 }),
          onResponse: (_status, resBody) => {
            if (!resBody.includes('"error_code":0,')) refused++
            else if (verify) coupons.push(...(JSON.parse(resBody).data.certificates as typeof coupons))
          },
        },
      ],
    })
    if (refused + r.non2xx + r.errors + r.timeouts > 0)
      throw new Error(`${refused + r.non2xx} purchases refused, ${r.errors + r.timeouts} errors`)
    if (verify) {
      // every coupon prepared and verified at the till, as the flow bench does; any failed pair stops the bench
      const enc = new Map(coupons.map((c) => [c.code, c.encrypted_code]))
      let next = 0
      const codes = { next: () => coupons[next++]!.code, encrypted: (code: string) => enc.get(code) }
      const headers = { 'content-type': 'application/json', 'access-token': token }
      const run = await tillRun(s.url, codes, headers, { pairs: coupons.length })
      if (run.failed > 0 || run.total !== coupons.length)
        throw new Error(`${run.failed} of ${coupons.length} verifications failed (${run.total} done)`)
    }
    const seconds = (performance.now() - t0) / 1000
    await new Promise((res) => setTimeout(res, QUIET_MS))
    const pid = s.child.pid!
    return { orders, rss: procMb(pid, 'VmRSS'), peak: procMb(pid, 'VmHWM'), seconds: Math.round(seconds) }
  } finally {
    await s.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 100000)
  const verify = process.argv[4] === 'verify'
  for (const how of (process.argv[3] ?? 'compiled,tsx').split(',') as ('compiled' | 'tsx')[])
    process.stdout.write(`${how}: ${JSON.stringify(await serverRss(n, how, verify))}\n`)
}
