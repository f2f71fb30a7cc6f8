/**
 * Builds the data files of bench/storage.ts through the sandbox itself: the default tenant publishes one
 * product and a simulated consumer buys it `orders` times, `units` coupons per order (in process, memory store,
 * the same requests as over HTTP). The state is then written as a sandbox that has not compacted for a while:
 * either `compacted` (snapshot holding everything, empty log — as after a compaction) or `due` (snapshot holding
 * the published product only, the orders in the log, so the log is bigger than the snapshot and the first
 * write of the server starts a compaction of the whole state).
 */
import { readFileSync } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createLog } from '../src/log.js'
import { createSandbox } from '../src/sandbox.js'
import { writeSnapshot } from '../src/store/snapshot-writer.js'
import { EMPTY_STATE, type DbState, type Op } from '../src/store/state.js'
import { liveState } from '../src/store/live-state.js'
import { openMemoryStore, type Store } from '../src/store/store.js'
import { WriteAheadLog } from '../src/store/wal.js'

/** inside the seed product's sale window; the server runs with the same --frozen-at */
export const FROZEN_AT = '2022-06-01T00:00:00+08:00'
const OPS_PER_BATCH = 1000

export interface BuiltData {
  product_id: string
  token: string
  account_id: string
  order_ids: string[]
  snapshotBytes: number
  logBytes: number
  seconds: number
}

/** The whole state of a store as plain data (what a snapshot holds). */
export function stateOf(store: Store): DbState {
  const s = EMPTY_STATE()
  for (const n of store.namespaces()) s.namespaces[n] = store.exportNamespace(n)
  return s
}

/** Every record of `after` that is new or changed since `before`, and every one gone, as ops. */
function* changes(before: DbState, after: DbState): Generator<Op> {
  for (const [n, ns] of Object.entries(after.namespaces))
    for (const [c, coll] of Object.entries(ns)) {
      const old = before.namespaces[n]?.[c]
      for (const [k, v] of Object.entries(coll))
        if (!old || !Object.hasOwn(old, k) || JSON.stringify(old[k]) !== JSON.stringify(v))
          yield { o: 'put', n, c, k, v }
    }
  for (const [n, ns] of Object.entries(before.namespaces))
    for (const [c, coll] of Object.entries(ns))
      for (const k of Object.keys(coll))
        if (!after.namespaces[n]?.[c] || !Object.hasOwn(after.namespaces[n][c], k)) yield { o: 'del', n, c, k }
}

/** Builds `file` (and `file.wal`), replacing whatever was there. */
export async function buildData(
  file: string,
  orders: number,
  units: number,
  shape: 'compacted' | 'due',
): Promise<BuiltData> {
  const t0 = performance.now()
  const store = await openMemoryStore()
  const sandbox = createSandbox({ store, log: createLog('silent'), frozenAtMs: Date.parse(FROZEN_AT) })
  const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await sandbox.fetch(
      new Request(`http://127.0.0.1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    )
    const data = ((await res.json()) as { data: Record<string, any> }).data
    if (data.error_code !== 0) throw new Error(`${path}: ${data.description}`)
    return data
  }
  const tenant = sandbox.tenants.default().record
  const token = (
    await call('/oauth/client_token/', {
      client_key: tenant.client_key,
      client_secret: tenant.client_secret,
      grant_type: 'client_credential',
    })
  ).access_token as string
  const body = JSON.parse(readFileSync(new URL('../test/fixtures/seed-003-product-save.json', import.meta.url), 'utf8'))
  body.sku.attr_key_value_map.limit_rule = JSON.stringify({ is_limit: false })
  body.sku.stock = { limit_type: 2, stock_qty: 0 }
  body.sku.attr_key_value_map.stock_info = JSON.stringify({ limit_type: 2 })
  const saved = await call('/goodlife/v1/goods/product/save/', body, { 'access-token': token })
  const product_id = saved.product_id as string
  await call(`/sandbox/products/${product_id}/audit`, { result: 'PASS' })
  const base = stateOf(store)
  const order_ids: string[] = []
  for (let i = 0; i < orders; i++)
    order_ids.push((await call('/sandbox/orders', { product_id, count: units })).order.order_id as string)
  await sandbox.close()

  await mkdir(dirname(file), { recursive: true })
  for (const p of [file, `${file}.wal`, `${file}.wal.old`, `${file}.lock`]) await rm(p, { force: true })
  const final = stateOf(store)
  if (shape === 'compacted') {
    await writeSnapshot(file, liveState(final), 0)
  } else {
    await writeSnapshot(file, liveState(base), 0)
    const log = new WriteAheadLog(`${file}.wal`, false)
    await log.open({ snapshotSeq: 0 })
    let ops: Op[] = []
    let s = 0
    for (const op of changes(base, final)) {
      ops.push(op)
      if (ops.length === OPS_PER_BATCH) {
        await log.append({ s: ++s, ops })
        ops = []
      }
    }
    if (ops.length > 0) await log.append({ s: s + 1, ops })
    await log.close()
  }
  const logBytes = shape === 'due' ? (await stat(`${file}.wal`)).size : 0
  return {
    product_id,
    token,
    account_id: tenant.account_id,
    order_ids,
    snapshotBytes: (await stat(file)).size,
    logBytes,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file = '/tmp/storage-bench/sandbox.json', orders = '1000', units = '100', shape = 'due'] =
    process.argv.slice(2)
  const r = await buildData(file, Number(orders), Number(units), shape as 'compacted' | 'due')
  process.stdout.write(`${JSON.stringify({ ...r, order_ids: r.order_ids.length })}\n`)
}
