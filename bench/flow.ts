/**
 * The till flow, side by side in one run: for each pair a POS's GET certificate/prepare/?code=<fresh code>, then
 * POST certificate/verify/ with its verify_token and encrypted_code (autocannon, 10 connections; each connection
 * runs pairs back to back). Every server runs alone, as its users start it, gets a warm-up that is not measured,
 * then ROUNDS measured runs; the table shows medians.
 *
 * - douyin-sandbox: the installed command (`node dist/src/cli.js start --memory --port <free>`, what
 *   `npx douyin-sandbox start --memory` runs), default logging and journal; coupons bought over HTTP
 *   (`POST /sandbox/orders`, 2 coupons an order), topped up between runs so every prepare gets an unused code.
 * - WireMock (npm `wiremock`, its standalone jar on the machine's java), two static stubs: first the documents'
 *   example bodies, then the sandbox's own answers byte for byte (captured from one real pair); skipped with a
 *   note when java is missing.
 * - Prism (community OpenAPI), json-server 0.17 (a record per coupon, verify appends a record), bare Hono
 *   answering a constant (the ceiling).
 *
 * BENCH_QUICK=1 shortens warm-up and rounds (a smoke run); BENCH_WARMUP, BENCH_ROUNDS and BENCH_FLOW_SECONDS
 * set them. `npx tsx bench/flow.ts` runs this section alone and prints it; BENCH_FLOW_ONLY=sandbox measures the
 * sandbox alone (for comparing two builds), NODE_FLAGS gives its process extra node flags (experiments).
 */
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { CONNECTIONS, freePort, procMb, ROOT } from './lib.js'
import {
  type Codes,
  type FlowRow,
  j,
  measure,
  type Measured,
  PIECE_S,
  PREPARE,
  QUICK,
  ROUND_S,
  ROUNDS,
  type Run,
  serve,
  tillRun,
  VERIFY,
  WARMUP_S,
} from './flow-run.js'
import { bareHono, exampleBodies, hasJava, JSON_SERVER_RECORDS, jsonServer, prism, wiremock } from './flow-peers.js'

/** Coupons per bought order: prepare lists every usable coupon of the order, so orders stay small. */
const PER_ORDER = 2
/** The sandbox's memory is read once it has verified at least this many coupons. */
const MEMORY_AFTER = QUICK ? 0 : 100_000
const NODE_FLAGS = (process.env.NODE_FLAGS ?? '').split(' ').filter(Boolean)
const SANDBOX_ONLY = process.env.BENCH_FLOW_ONLY === 'sandbox'

export type { FlowRow }

export interface FlowResult {
  rows: FlowRow[]
  /** the sandbox's row (also in rows) */
  sandbox: FlowRow
  /** WireMock as its users start it (request journal on, like the sandbox's) */
  wiremock: { examples: FlowRow | null; sandbox: FlowRow | null }
  /** WireMock with --no-request-journal */
  wiremockNoJournal: { examples: FlowRow | null; sandbox: FlowRow | null }
  prism: FlowRow | null
  query: { rps: number; p99: number; bad: number }
  /** the sandbox process after the flow: verifications done (each a bought coupon), RSS and peak RSS, MB */
  memory: { verifications: number; rss: number; peak: number } | null
  notes: string[]
}

/** The sandbox as users start it, its coupon pool bought over HTTP. */
async function sandboxFlow(): Promise<{
  row: Measured
  bodies: { prepare: string; verify: string }
  query: FlowResult['query']
  memory: FlowResult['memory']
}> {
  const port = await freePort()
  const sb = await serve(
    process.execPath,
    [...NODE_FLAGS, 'dist/src/cli.js', 'start', '--memory', '--port', String(port)],
    `http://127.0.0.1:${port}/sandbox/health`,
  )
  try {
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(sb.url + path, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : j(body),
      })
      return ((await res.json()) as { data: Record<string, any> }).data
    }
    const tenant = (await call('GET', '/sandbox/tenants')).tenants.find((t: { is_default: boolean }) => t.is_default)
    const token = (
      await call('POST', '/oauth/client_token/', {
        client_key: tenant.client_key,
        client_secret: tenant.client_secret,
        grant_type: 'client_credential',
      })
    ).access_token as string
    const headers = { 'content-type': 'application/json', 'access-token': token }
    const example = (await fetch(`${sb.url}/sandbox/examples/product_save?kind=groupon&bare=true`).then((r) =>
      r.json(),
    )) as any
    // unlimited stock (the example sells 500), no per-user limit
    example.sku.stock = { limit_type: 2, stock_qty: 0 }
    example.sku.attr_key_value_map.stock_info = j({ limit_type: 2 })
    example.sku.attr_key_value_map.limit_rule = j({ is_limit: false })
    const saved = await call('POST', '/goodlife/v1/goods/product/save/', example, headers)
    if (saved.error_code !== 0) throw new Error(`product/save: ${saved.description}`)
    const audit = await call('POST', `/sandbox/products/${saved.product_id}/audit`, { result: 'PASS' })
    if (audit.error_code !== 0) throw new Error(`audit: ${audit.description}`)

    const codes: string[] = []
    const enc = new Map<string, string>()
    const orderIds: string[] = []
    let next = 0
    /** Buys orders until `want` unused codes are left; an order's second coupon goes after every first one, so one pair never races another over the same order. */
    const topUp = async (want: number) => {
      const orders = Math.ceil((want - (codes.length - next)) / PER_ORDER)
      if (orders <= 0) return
      const firsts: string[] = []
      const rest: string[] = []
      let bad = 0
      await autocannon({
        url: sb.url,
        connections: CONNECTIONS,
        amount: orders,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            path: '/sandbox/orders',
            body: j({ product_id: saved.product_id, count: PER_ORDER }),
            onResponse: (status, body) => {
              const d = status === 200 ? JSON.parse(body).data : null
              if (!d || d.error_code !== 0) return void bad++
              orderIds.push(d.order.order_id)
              d.certificates.forEach((c: { code: string; encrypted_code: string }, i: number) => {
                enc.set(c.code, c.encrypted_code)
                ;(i === 0 ? firsts : rest).push(c.code)
              })
            },
          },
        ],
      })
      if (bad) throw new Error(`${bad} of ${orders} purchases failed`)
      codes.push(...firsts, ...rest)
    }
    const pool: Codes = {
      next: () => codes[next++] ?? '000000000000',
      encrypted: (code) => enc.get(code),
    }
    let rate = 6000 // pairs/s, a ceiling guess until the first run is measured
    const before = async (seconds: number, last: Run | null) => {
      if (last) rate = Math.max(last.pairs, 500)
      await topUp(Math.ceil(rate * seconds * 1.3) + 1000)
    }
    await topUp(1000)

    // one real pair, its answers kept byte for byte for WireMock
    const code = pool.next()
    const prepare = await fetch(`${sb.url}${PREPARE}?code=${code}`, { headers }).then((r) => r.text())
    const p = JSON.parse(prepare).data
    const want = enc.get(code)
    const verify = await fetch(sb.url + VERIFY, {
      method: 'POST',
      headers,
      body: j({ verify_token: p.verify_token, poi_id: tenant.poi_ids[0], encrypted_codes: [want] }),
    }).then((r) => r.text())
    if (JSON.parse(verify).data.verify_results?.[0]?.result !== 0) throw new Error(`the sample pair failed: ${verify}`)

    const row = await measure('douyin-sandbox', sb.url, pool, headers, sb.pid, before)
    let o = 0
    const q = await autocannon({
      url: sb.url,
      connections: CONNECTIONS,
      duration: ROUND_S,
      headers,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({
            ...req,
            path: `/goodlife/v1/trade/order/query/?account_id=${tenant.account_id}&order_id=${orderIds[o++ % orderIds.length]}&page_num=1&page_size=10`,
          }),
        },
      ],
    })
    // verifications up to MEMORY_AFTER (unmeasured pairs if the rounds did fewer), then the server's memory
    for (let left = MEMORY_AFTER - next; left > 0; left = MEMORY_AFTER - next) {
      const seconds = Math.min(PIECE_S, Math.ceil(left / rate) + 1)
      await before(seconds, null)
      await tillRun(sb.url, pool, headers, seconds)
    }
    await new Promise((r) => setTimeout(r, 3000))
    const memory = { verifications: next, rss: procMb(sb.pid, 'VmRSS'), peak: procMb(sb.pid, 'VmHWM') }
    return {
      row,
      memory,
      bodies: { prepare, verify },
      query: { rps: Math.round(q.requests.average), p99: q.latency.p99, bad: q.non2xx + q.errors + q.timeouts },
    }
  } finally {
    await sb.stop()
  }
}

/** Runs every server of the till flow in turn (the compiled sandbox is built first). */
export async function tillFlows(): Promise<FlowResult> {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
  })
  const notes: string[] = []
  /** A peer that fails to start or to answer leaves a note, not a failed bench. */
  const peer = async <T>(name: string, run: () => Promise<T>): Promise<T | null> => {
    try {
      return await run()
    } catch (e) {
      notes.push(`${name}: not measured, ${(e as Error).message.slice(0, 300)}`)
      return null
    }
  }
  const s = await sandboxFlow()
  const sandbox: FlowRow = {
    server: 'douyin-sandbox (`douyin-sandbox start --memory`, compiled)',
    keeps:
      'every rule; an order and its coupons per 2 pairs, ~10 record writes, a webhook event and a journal entry per verify',
    ...s.row,
  }
  const rows: FlowRow[] = [sandbox]
  if (SANDBOX_ONLY) {
    const none = { examples: null, sandbox: null }
    return {
      rows,
      sandbox,
      wiremock: none,
      wiremockNoJournal: none,
      prism: null,
      query: s.query,
      memory: s.memory,
      notes,
    }
  }
  const examples = exampleBodies()
  if (!examples)
    notes.push(
      'WireMock with the documents’ examples and Prism: skipped, `../shared/reference` is not beside the checkout.',
    )
  /** WireMock as users start it (its request journal on), then with `--no-request-journal`; both in this run. */
  const wiremockRows: { examples: FlowRow | null; sandbox: FlowRow | null }[] = []
  if (hasJava()) {
    const version = readdirSync(join(ROOT, 'node_modules/wiremock/build'))
      .find((f) => f.endsWith('.jar'))!
      .replace(/^wiremock-standalone-|\.jar$/g, '')
    for (const journal of [true, false]) {
      const wm = await peer(`WireMock${journal ? '' : ' --no-request-journal'}`, () =>
        wiremock(examples, s.bodies, journal),
      )
      const how = journal ? 'default: request journal on' : '--no-request-journal'
      const pair = {
        examples: wm?.examples
          ? {
              server: `WireMock ${version} (java -jar, warm JVM, ${how})`,
              keeps: `${journal ? 'every request in its journal' : 'nothing'}: two static stubs with the documents' example bodies (${Buffer.byteLength(examples!.prepare)} + ${Buffer.byteLength(examples!.verify)} B)`,
              ...wm.examples,
            }
          : null,
        sandbox: wm
          ? {
              server: `WireMock ${version} (same JVM, ${how})`,
              keeps: `${journal ? 'every request in its journal' : 'nothing'}: two static stubs with the sandbox's answers of one real pair, byte for byte (${Buffer.byteLength(s.bodies.prepare)} + ${Buffer.byteLength(s.bodies.verify)} B)`,
              ...wm.sandbox,
            }
          : null,
      }
      for (const r of [pair.examples, pair.sandbox]) if (r) rows.push(r)
      wiremockRows.push(pair)
    }
  } else notes.push('WireMock: skipped, no `java` on this machine (Debian: `apt-get install openjdk-17-jre-headless`).')
  const pr = await peer('Prism', prism)
  const prismRow: FlowRow | null = pr && {
    server: 'Prism 5 (community OpenAPI, warm)',
    keeps: 'nothing: the document’s examples (validates requests)',
    ...pr,
  }
  if (prismRow) rows.push(prismRow)
  const js = await peer('json-server', jsonServer)
  if (js)
    rows.push({
      server: 'json-server 0.17',
      keeps: `a record per coupon (${JSON_SERVER_RECORDS}, codes reused), verify appends a record; the data file rewritten per write; no rules`,
      ...js,
    })
  const hono = await peer('bare Hono', bareHono)
  if (hono)
    rows.push({
      server: 'bare Hono on @hono/node-server',
      keeps: 'nothing: a constant small JSON (the ceiling)',
      ...hono,
    })
  return {
    rows,
    sandbox,
    wiremock: wiremockRows[0] ?? { examples: null, sandbox: null },
    wiremockNoJournal: wiremockRows[1] ?? { examples: null, sandbox: null },
    prism: prismRow,
    query: s.query,
    memory: s.memory,
    notes,
  }
}

const ratio = (a: number, b: number) => (b ? `${(a / b).toFixed(2)}×` : '-')

/** The section of bench/RESULTS.md. */
export function flowLines(f: FlowResult): string[] {
  const out: string[] = []
  out.push(
    `A POS's till flow: GET \`certificate/prepare/?code=\` of a fresh coupon, then POST \`certificate/verify/\` with its verify_token and encrypted_code; autocannon, ${CONNECTIONS} connections, each server alone, ${WARMUP_S} s of warm-up (not measured), then the median of ${ROUNDS} run${ROUNDS > 1 ? 's' : ''} of ${ROUND_S} s. p99 is per request. The sandbox is the installed command with its default logging and journal, holding every coupon it sold during the run.`,
  )
  out.push('')
  out.push(
    '| server | what it keeps | bytes per pair | pairs/s | p99 ms | failed pairs | CPU ms per pair | sandbox ÷ this |',
  )
  out.push('|---|---|---:|---:|---:|---:|---:|---:|')
  for (const r of f.rows)
    out.push(
      `| ${r.server} | ${r.keeps} | ${r.bytes} | ${r.pairs} | ${r.p99} | ${r.failed} | ${r.cpu ?? '-'} | ${r === f.sandbox ? '1' : ratio(f.sandbox.pairs, r.pairs)} |`,
    )
  out.push('')
  const target = (label: string, peer: FlowRow | null, want: number) =>
    out.push(
      peer
        ? `- ${label}: ${ratio(f.sandbox.pairs, peer.pairs)} (target ≥ ${want}×: ${f.sandbox.pairs >= want * peer.pairs ? 'met' : 'not met'})`
        : `- ${label}: not measured`,
    )
  target("sandbox vs WireMock serving the documents' examples (as users start it)", f.wiremock.examples, 1.5)
  target("sandbox vs WireMock serving the sandbox's own answers (as users start it)", f.wiremock.sandbox, 3)
  target("sandbox vs WireMock serving the documents' examples, --no-request-journal", f.wiremockNoJournal.examples, 1.5)
  target("sandbox vs WireMock serving the sandbox's own answers, --no-request-journal", f.wiremockNoJournal.sandbox, 3)
  target('sandbox vs a warm Prism', f.prism, 10)
  out.push(`- sandbox p99: ${f.sandbox.p99} ms (target ≤ 5 ms: ${f.sandbox.p99 <= 5 ? 'met' : 'not met'})`)
  out.push(
    `- the same sandbox afterwards, \`trade/order/query\` by order_id: ${f.query.rps} req/s, p99 ${f.query.p99} ms, ${f.query.bad} errors`,
  )
  if (f.memory)
    out.push(
      `- the same sandbox's RSS after ${f.memory.verifications} verifications (every coupon bought over HTTP first, 2 an order), 3 s after the load: ${f.memory.rss} MB, peak ${f.memory.peak} MB (the installed command, V8's default young generation; the RSS target is measured at exactly 100k verifications in the next section)`,
    )
  for (const n of f.notes) out.push(`- ${n}`)
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = performance.now()
  const f = await tillFlows()
  process.stdout.write(`${flowLines(f).join('\n')}\n\n(${Math.round((performance.now() - t0) / 1000)} s)\n`)
}
