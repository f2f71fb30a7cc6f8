/**
 * Query pages at scale (issue 22): fills the default tenant, in process on a memory store, with `n` orders,
 * verify records, ledger records and after-sales and `n / 5` products (bought, verified and refunded through the
 * sandbox's own requests, as bench/storage-data.ts does), writes that state as a data file, starts the compiled
 * server on it (as users start it: a fresh process holding the data, not the heap that filled it) and times each
 * list and query API over HTTP, one request at a time, over pages at the start, middle and end of the data.
 * A script, never a test: `npx tsx bench/query-pages.ts [n]` (builds dist/ first).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLog } from '../src/log.js'
import { createSandbox } from '../src/sandbox.js'
import { liveState } from '../src/store/live-state.js'
import { writeSnapshot } from '../src/store/snapshot-writer.js'
import { openMemoryStore } from '../src/store/store.js'
import { ROOT, tsx } from './lib.js'
import { FROZEN_AT, stateOf } from './storage-data.js'
import { signalAndWait, startServer } from './storage-proc.js'

/** timed pages per query */
const PAGES = 21

export interface PageTiming {
  query: string
  median_ms: number
  worst_ms: number
  /** the slowest of the same requests as the server's journal timed them */
  server_worst_ms: number
  /** timed requests over the 5 ms target, as the client saw them */
  over_target: number
}

type Data = Record<string, any>

/** What the measuring process needs from the filling one. */
interface Filled {
  token: string
  acc: string
  poi: string
  orderIds: string[]
  seconds: number
}

/**
 * Fills a tenant in process with `n` records of each kind and writes that state as the data file `file` (and what
 * the measurement needs as `<file>.fill.json`). Run in a child process, so the measuring one has a fresh heap.
 */
async function fill(n: number, file: string): Promise<void> {
  const store = await openMemoryStore()
  const sandbox = createSandbox({ store, log: createLog('silent'), frozenAtMs: Date.parse(FROZEN_AT) })
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await sandbox.fetch(
      new Request(`http://127.0.0.1${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    )
    const data = ((await res.json()) as { data: Data }).data
    if (data.error_code !== undefined && data.error_code !== 0) throw new Error(`${path}: ${data.description}`)
    return data
  }
  const tenant = sandbox.tenants.default().record
  const poi = tenant.pois[0]!.poi_id
  const acc = tenant.account_id
  const h = { 'access-token': '' }
  const refresh = async () => {
    const body = { client_key: tenant.client_key, client_secret: tenant.client_secret, grant_type: 'client_credential' }
    h['access-token'] = (await send('POST', '/oauth/client_token/', body)).access_token as string
  }
  await refresh()
  const fixture = readFileSync(new URL('../test/fixtures/seed-003-product-save.json', import.meta.url), 'utf8')
  const save = async (i: number) => {
    const body = JSON.parse(fixture)
    body.product.out_id = `bench-${i}`
    body.sku.attr_key_value_map.limit_rule = JSON.stringify({ is_limit: false })
    body.sku.stock = { limit_type: 2, stock_qty: 0 }
    body.sku.attr_key_value_map.stock_info = JSON.stringify({ limit_type: 2 })
    body.product.attr_key_value_map.RefundPolicy = '1'
    body.product.attr_key_value_map.refund_need_merchant_confirm = 'false'
    return (await send('POST', '/goodlife/v1/goods/product/save/', body, h)).product_id as string
  }
  const t0 = performance.now()
  const product_id = await save(0)
  await send('POST', `/sandbox/products/${product_id}/audit`, { result: 'PASS' })
  for (let i = 1; i < n / 5; i++) await save(i)
  const orderIds: string[] = []
  for (let i = 0; i < n; i++) {
    const o = await send('POST', '/sandbox/orders', { product_id, count: 2 })
    orderIds.push(o.order.order_id)
    const prep = await send(
      'GET',
      `/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`,
      undefined,
      h,
    )
    const enc = [prep.certificates[0].encrypted_code]
    await send(
      'POST',
      '/goodlife/v1/fulfilment/certificate/verify/',
      { verify_token: prep.verify_token, poi_id: poi, encrypted_codes: enc },
      h,
    )
    await send('POST', '/sandbox/refunds', { order_id: o.order.order_id })
    if (i % 5000 === 4999) await send('POST', '/sandbox/clock/advance', { seconds: 3601 })
    if (i % 5000 === 4999) await refresh()
  }
  await send('POST', '/sandbox/clock/advance', { seconds: 7200 })
  await refresh()
  await writeSnapshot(file, liveState(stateOf(store)), 0)
  await sandbox.close()
  const filled: Filled = { token: h['access-token'], acc, poi, orderIds, seconds: (performance.now() - t0) / 1000 }
  writeFileSync(`${file}.fill.json`, JSON.stringify(filled))
}

/** Fills a data file (in a child process), starts the compiled server on it and times a page of each query API. */
export async function queryPages(n: number, say: (l: string) => void = () => {}): Promise<PageTiming[]> {
  // BENCH_QUERY_DATA=<folder>: fill there once and keep it (repeated runs, experiments)
  const kept = process.env.BENCH_QUERY_DATA
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'query-pages-'))
  const file = join(dir, 'sandbox.json')
  const [cmd, args] = tsx('bench/query-pages.ts', '--fill', file, String(n))
  if (!kept || !existsSync(`${file}.fill.json`)) execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit' })
  const { token, acc, poi, orderIds, seconds } = JSON.parse(readFileSync(`${file}.fill.json`, 'utf8')) as Filled
  const h = { 'access-token': token }
  say(`filled ${n} orders/verifications/refunds and ${Math.ceil(n / 5)} products in ${Math.round(seconds)} s`)
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
  })
  const server = await startServer(file, 120_000)
  say(
    `the compiled server started on that data (${Math.round(statSync(file).size / 2 ** 20)} MB) in ${server.startMs} ms`,
  )
  /** One GET over HTTP to the server; throws on an error code. */
  // node:http on one kept-alive socket, as a POS's client would hold one (fetch added its own outliers)
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const get = async (path: string): Promise<Data> => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}${path}`, { agent, headers: h }, (res) => {
        const parts: Buffer[] = []
        res.on('data', (b: Buffer) => parts.push(b))
        res.on('end', () => resolve(Buffer.concat(parts).toString('utf8')))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end()
    })
    const data = (JSON.parse(text) as { data: Data }).data
    if (data.error_code !== undefined && data.error_code !== 0) throw new Error(`${path}: ${data.description}`)
    return data
  }
  const time = async (query: string, paths: string[]): Promise<PageTiming> => {
    const ms: number[] = []
    for (const p of paths) await get(p) // warm-up: the same pages once, untimed (the first call of a path compiles it)
    for (const p of paths) {
      const a = performance.now()
      const d = await get(p)
      if (process.env.BENCH_DEBUG && ms.length === 0) say(JSON.stringify(d).slice(0, 300))
      ms.push(performance.now() - a)
      if (process.env.BENCH_DEBUG && ms.at(-1)! > 3)
        say(`slow: ${Math.round(performance.timeOrigin + a)} ${ms.at(-1)!.toFixed(1)} ms ${p}`)
    }
    ms.sort((a, b) => a - b)
    // the server's own time for the same requests (its journal: from the first middleware to the answer made)
    const journal = (await (await fetch(`${server.url}/sandbox/journal?limit=${paths.length}`)).json()) as Data
    const served = (journal.data.entries as { latency_ms: number }[]).map((e) => e.latency_ms)
    const r = {
      query,
      median_ms: round(ms[Math.floor(ms.length / 2)]!),
      worst_ms: round(ms.at(-1)!),
      server_worst_ms: round(Math.max(...served)),
      over_target: ms.filter((x) => x > 5).length,
    }
    say(`${query}: median ${r.median_ms} ms, worst ${r.worst_ms} ms (in the server: worst ${r.server_worst_ms} ms)`)
    return r
  }
  const spread = (f: (i: number) => string) => Array.from({ length: PAGES }, (_, i) => f(i))
  const at = (i: number) => Math.min(n - 1, Math.floor((i * (n - 1)) / (PAGES - 1)))
  const verifyIds: string[] = []
  for (let c = '0', i = 0; i < 3; i++) {
    const page = await get(
      `/goodlife/v1/fulfilment/certificate/verify_record/query/?account_id=${acc}&cursor=${c}&size=50`,
    )
    verifyIds.push(...page.records.map((r: Data) => r.verify_id))
    c = page.records.at(-1).cursor
  }
  const day = (
    await get(`/goodlife/v1/trade/order/query/?account_id=${acc}&order_id=${orderIds[0]}&page_num=1&page_size=1`)
  ).orders[0]
  const created = day.create_order_time as number
  const status = day.order_status as number
  const billDate = new Date((created + 8 * 3600) * 1000).toISOString().slice(0, 10)
  const vr = '/goodlife/v1/fulfilment/certificate/verify_record/query/?account_id=' + acc
  const pages = Math.floor(n / 50)
  const results = [
    await time(
      'verify_record/query (cursor)',
      spread((i) => `${vr}&size=50&cursor=${i === 0 ? '0' : verifyIds[i % verifyIds.length]}`),
    ),
    await time(
      'verify_record/query (poi, window)',
      spread(() => `${vr}&size=50&cursor=0&poi_ids=${poi}&start_time=${created}&end_time=${created + n * 3600}`),
    ),
    await time(
      'certificate/query (order_id)',
      spread((i) => `/goodlife/v1/fulfilment/certificate/query/?account_id=${acc}&order_id=${orderIds[at(i)]}`),
    ),
    await time(
      'trade/order/query (status, pages)',
      spread(
        (i) =>
          `/goodlife/v1/trade/order/query/?account_id=${acc}&order_status=${status}&page_size=50&page_num=${1 + Math.floor((i * (pages - 1)) / (PAGES - 1))}`,
      ),
    ),
    await time(
      'trade/order/query (create window)',
      spread(
        () =>
          `/goodlife/v1/trade/order/query/?account_id=${acc}&create_order_start_time=${created}&create_order_end_time=${created + 3600}&page_size=50&page_num=1`,
      ),
    ),
    await time(
      'hermes/trade/order/query (order_id)',
      spread(
        (i) =>
          `/goodlife/v1/hermes/trade/order/query/?account_id=${acc}&order_id=${orderIds[at(i)]}&page_num=1&page_size=10`,
      ),
    ),
    await time(
      'akte/after_sale/order/query (pages)',
      spread(
        (i) =>
          `/goodlife/v1/akte/after_sale/order/query/?account_id=${acc}&page_size=50&cursor=${Math.floor((i * (n - 50)) / (PAGES - 1))}`,
      ),
    ),
    await time(
      'akte/after_sale/order_detail/get',
      spread((i) => `/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${acc}&order_id=${orderIds[at(i)]}`),
    ),
    await time(
      'settle/ledger/query (day pages)',
      spread(
        (i) => `/goodlife/v1/settle/ledger/query/?account_id=${acc}&bill_date=${billDate}&size=50&cursor=${i * 50}`,
      ),
    ),
    await time(
      'settle/bill/catering_query (day)',
      spread(
        (i) =>
          `/goodlife/v1/settle/bill/catering_query/?account_id=${acc}&bill_date=${billDate}&size=50&cursor=${i * 50}`,
      ),
    ),
    await time(
      'settle/ledger/query_by_order',
      spread((i) => `/goodlife/v1/settle/ledger/query_by_order/?account_id=${acc}&order_ids=${orderIds[at(i)]}`),
    ),
    await time(
      'goods/product/draft/query (pages)',
      spread(
        (i) =>
          `/goodlife/v1/goods/product/draft/query/?account_id=${acc}&count=20&cursor=${Math.floor((i * (n / 5 - 20)) / (PAGES - 1))}`,
      ),
    ),
    await time(
      'goods/product/online/query',
      spread(() => `/goodlife/v1/goods/product/online/query/?account_id=${acc}&count=20`),
    ),
  ]
  agent.destroy()
  await signalAndWait(server.child, 'SIGTERM')
  if (process.env.BENCH_DEBUG) say(server.output())
  if (!kept) rmSync(dir, { recursive: true, force: true })
  return results
}

const round = (x: number) => Math.round(x * 100) / 100

/** The RESULTS.md section. */
export function queryPageLines(n: number, rows: PageTiming[]): string[] {
  return [
    `## Query pages at ${n} records (bench/query-pages.ts)`,
    '',
    `The compiled server over HTTP (one request at a time, each timed from send to the parsed answer), started on a data file holding ${n} orders, verify records, ledger records and after-sales, ${Math.ceil(n / 5)} products; ${PAGES} pages per query spread over the data, each requested once untimed first (a warm server). Target: every page ≤ 5 ms.`,
    '',
    '| query | median ms | worst ms | pages over 5 ms | worst ms in the server |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) => `| ${r.query} | ${r.median_ms} | ${r.worst_ms} | ${r.over_target} of ${PAGES} | ${r.server_worst_ms} |`,
    ),
    '',
  ]
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--fill') {
  await fill(Number(process.argv[4]), process.argv[3]!)
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? process.env.BENCH_QUERY_RECORDS ?? 100_000)
  const rows = await queryPages(n, (l) => process.stdout.write(`${l}\n`))
  process.stdout.write(`\n${queryPageLines(n, rows).join('\n')}\n`)
}
