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
 * set them. `npx tsx bench/flow.ts` runs this section alone and prints it.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { CONNECTIONS, freePort, median, ROOT, tsx } from './lib.js'

const QUICK = process.env.BENCH_QUICK === '1'
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? (QUICK ? 3 : 30))
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3))
const ROUND_S = Number(process.env.BENCH_FLOW_SECONDS ?? (QUICK ? 3 : 10))
/** Coupons per bought order: prepare lists every usable coupon of the order, so orders stay small. */
const PER_ORDER = 2
/** The warm-up runs in pieces of at most this many seconds, so the sandbox's coupons are topped up between them. */
const PIECE_S = 10
/** json-server: coupon records in its data file (codes are reused: json-server keeps no rule against it). */
const JSON_SERVER_RECORDS = QUICK ? 1000 : 10000

const PREPARE = '/goodlife/v1/fulfilment/certificate/prepare/'
const VERIFY = '/goodlife/v1/fulfilment/certificate/verify/'
const SHARED = join(ROOT, '../shared/reference')

export interface FlowRow {
  server: string
  keeps: string
  pairs: number
  p99: number
  /** pairs that did not complete: a non-2xx answer, an error code in the body, a socket error */
  failed: number
  /** response bytes per pair, headers included */
  bytes: number
  /** CPU time of the server process per pair (user + system, from /proc), ms; less sensitive to a busy machine than pairs/s */
  cpu: number | null
}

/** A row's figures. */
type Measured = Omit<FlowRow, 'server' | 'keeps'>

export interface FlowResult {
  rows: FlowRow[]
  /** the sandbox's row (also in rows) */
  sandbox: FlowRow
  wiremockExamples: FlowRow | null
  wiremockSandbox: FlowRow | null
  prism: FlowRow | null
  query: { rps: number; p99: number; bad: number }
  notes: string[]
}

interface Server {
  url: string
  pid: number
  log: string
  stop(): Promise<void>
}

/** Starts a server with its output in a file (nothing for this process to read per request) and waits until `probe` answers. */
async function serve(command: string, args: string[], probe: string, timeoutMs = 120_000): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'flow-log-'))
  const log = join(dir, 'out.log')
  const fd = openSync(log, 'w')
  const child: ChildProcess = spawn(command, args, { cwd: ROOT, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  const tail = () => (existsSync(log) ? readFileSync(log, 'utf8').slice(-800) : '')
  const stop = () =>
    new Promise<void>((res) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true })
        res()
      }
      if (child.exitCode !== null || child.signalCode !== null) return done()
      child.once('exit', done)
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
    })
  const t0 = Date.now()
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode}: ${tail()}`)
    const ok = await fetch(probe, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status < 500,
      () => false,
    )
    if (ok) return { url: new URL(probe).origin, pid: child.pid!, log, stop }
    if (Date.now() - t0 > timeoutMs) {
      await stop()
      throw new Error(`${command} ${args.join(' ')} did not answer ${probe}: ${tail()}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Where the next prepare's code comes from, and what a verify of it should carry. */
interface Codes {
  next(): string
  /** the encrypted_code of this code's certificate, when known (the sandbox's pool) */
  encrypted?(code: string): string | undefined
}

interface Run {
  pairs: number
  /** pairs completed in the run */
  total: number
  p99: number
  failed: number
  bytes: number
}

/** CPU time (user + system) a process has used so far, ms; null where /proc is not there. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null
  }
}

/** One autocannon run of the till flow against `url` for `seconds`. */
async function tillRun(url: string, codes: Codes, headers: Record<string, string>, seconds: number): Promise<Run> {
  let failed = 0
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req, ctx) => {
          const code = codes.next()
          ctx.code = code
          return { ...req, path: `${PREPARE}?code=${code}` }
        },
        onResponse: (status, body, ctx) => {
          ctx.vt = 'x'
          ctx.enc = 'x'
          let j: any
          try {
            j = JSON.parse(body)
          } catch {
            j = null
          }
          // json-server answers a list of records; Prism the document's example (a string)
          const d = Array.isArray(j) ? j[0] : (j?.data ?? j)
          if (status >= 300 || (d && typeof d === 'object' && 'error_code' in d && d.error_code !== 0)) {
            failed++
            return
          }
          if (!d || typeof d !== 'object') return
          const want = codes.encrypted?.(ctx.code as string)
          const certs = (d.certificates ?? []) as Array<{ encrypted_code?: string }>
          ctx.vt = d.verify_token ?? 'x'
          ctx.enc =
            (want && certs.find((c) => c.encrypted_code === want)?.encrypted_code) ??
            certs[0]?.encrypted_code ??
            d.encrypted_code ??
            'x'
        },
      },
      {
        method: 'POST',
        path: VERIFY,
        setupRequest: (req, ctx) => ({
          ...req,
          body: JSON.stringify({ verify_token: ctx.vt, poi_id: '123123123123', encrypted_codes: [ctx.enc] }),
        }),
        onResponse: (status, body) => {
          if (status >= 300) return void failed++
          let d: any
          try {
            d = JSON.parse(body)?.data
          } catch {
            return
          }
          if (!d || typeof d !== 'object') return
          if (
            ('error_code' in d && d.error_code !== 0) ||
            d.verify_results?.some((v: { result: number }) => v.result !== 0)
          )
            failed++
        },
      },
    ],
  })
  const pairs = r.requests.total / 2
  return {
    pairs: Math.round(r.requests.average / 2),
    total: pairs,
    p99: r.latency.p99,
    failed: failed + r.errors + r.timeouts,
    bytes: pairs ? Math.round(r.throughput.total / pairs) : 0,
  }
}

/**
 * Warm-up (not measured, in pieces of PIECE_S), then ROUNDS measured runs; `before(seconds)` runs before each
 * piece and round (the sandbox tops up its coupons there). Medians of the rounds.
 */
async function measure(
  name: string,
  url: string,
  codes: Codes,
  headers: Record<string, string>,
  pid: number | undefined,
  before: (seconds: number, last: Run | null) => Promise<void> = async () => {},
  warmup = WARMUP_S,
): Promise<Measured> {
  let last: Run | null = null
  for (let left = warmup; left > 0; left -= PIECE_S) {
    const s = Math.min(PIECE_S, left)
    await before(s, last)
    last = await tillRun(url, codes, headers, s)
  }
  const runs: Run[] = []
  let cpu = 0
  for (let i = 0; i < ROUNDS; i++) {
    await before(ROUND_S, last)
    const c0 = cpuMs(pid)
    last = await tillRun(url, codes, headers, ROUND_S)
    const c1 = cpuMs(pid)
    cpu = c0 === null || c1 === null ? NaN : cpu + c1 - c0
    runs.push(last)
  }
  const total = runs.reduce((a, r) => a + r.total, 0)
  const m = {
    cpu: Number.isFinite(cpu) && total ? Math.round((cpu / total) * 1000) / 1000 : null,
    pairs: median(runs.map((r) => r.pairs)),
    p99: median(runs.map((r) => r.p99)),
    failed: runs.reduce((a, r) => a + r.failed, 0),
    bytes: median(runs.map((r) => r.bytes)),
  }
  process.stderr.write(
    `flow: ${name}: ${m.pairs} pairs/s, p99 ${m.p99} ms, ${m.failed} failed (rounds ${runs.map((r) => r.pairs).join(', ')})\n`,
  )
  return m
}

const j = (body: unknown) => JSON.stringify(body)

/** The sandbox as users start it, its coupon pool bought over HTTP. */
async function sandboxFlow(): Promise<{
  row: Measured
  bodies: { prepare: string; verify: string }
  query: FlowResult['query']
}> {
  const port = await freePort()
  const sb = await serve(
    process.execPath,
    ['dist/src/cli.js', 'start', '--memory', '--port', String(port)],
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
    return {
      row,
      bodies: { prepare, verify },
      query: { rps: Math.round(q.requests.average), p99: q.latency.p99, bad: q.non2xx + q.errors + q.timeouts },
    }
  } finally {
    await sb.stop()
  }
}

/** Codes for the stateless peers: fresh-looking 12-digit codes (they keep no coupons). */
const anyCodes = (): Codes => {
  let i = 0
  return { next: () => String(100000000000 + (i++ % 1_000_000)) }
}
const PEER_HEADERS = { 'content-type': 'application/json', 'access-token': 'clt.bench' }

/** The documents' example answers: prepare from the community OpenAPI's "succeed" example, verify from the transcribed sample. */
function exampleBodies(): { prepare: string; verify: string } | null {
  const spec = join(SHARED, 'douyin-local-life.openapi.json')
  const sample = join(
    SHARED,
    'samples/ModelSamples-Fulfilment-Certificate-GoodLifeFulfilmentCertificateVerifyV1Response.json',
  )
  if (!existsSync(spec) || !existsSync(sample)) return null
  const doc = JSON.parse(readFileSync(spec, 'utf8'))
  let prepare: unknown = doc.paths[PREPARE].get.responses.default.content['application/json'].examples.succeed.value
  // the community file keeps this example as the text of a one-element list
  if (typeof prepare === 'string') prepare = (JSON.parse(prepare) as unknown[])[0]
  return { prepare: JSON.stringify(prepare, null, 2), verify: readFileSync(sample, 'utf8') }
}

const hasJava = () => spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0

/** WireMock's standalone jar from the npm package, with two static stubs; the documents' examples first, then the sandbox's answers. */
async function wiremock(
  examples: { prepare: string; verify: string } | null,
  sandbox: { prepare: string; verify: string },
): Promise<{ examples: Measured | null; sandbox: Measured }> {
  const dir = join(ROOT, 'node_modules/wiremock/build')
  const jar = readdirSync(dir).find((f) => f.endsWith('.jar'))!
  const root = mkdtempSync(join(tmpdir(), 'wiremock-'))
  const port = await freePort()
  // the request journal is off (WireMock's advice for load: it would keep every request)
  const wm = await serve(
    'java',
    [
      '-jar',
      join(dir, jar),
      '--port',
      String(port),
      '--bind-address',
      '127.0.0.1',
      '--root-dir',
      root,
      '--no-request-journal',
      '--disable-banner',
    ],
    `http://127.0.0.1:${port}/__admin/mappings`,
  )
  const stubs = async (bodies: { prepare: string; verify: string }) => {
    await fetch(`${wm.url}/__admin/mappings`, { method: 'DELETE' })
    for (const [method, key, body] of [
      ['GET', 'urlPath', bodies.prepare],
      ['POST', 'url', bodies.verify],
    ] as const) {
      const res = await fetch(`${wm.url}/__admin/mappings`, {
        method: 'POST',
        body: j({
          request: { method, [key]: method === 'GET' ? PREPARE : VERIFY },
          response: { status: 200, headers: { 'Content-Type': 'application/json' }, body },
        }),
      })
      if (res.status !== 201) throw new Error(`WireMock stub: ${res.status} ${await res.text()}`)
    }
  }
  try {
    let ex: Measured | null = null
    if (examples) {
      await stubs(examples)
      ex = await measure('WireMock (examples)', wm.url, anyCodes(), PEER_HEADERS, wm.pid)
    }
    await stubs(sandbox)
    // the JVM is warm by now: a shorter warm-up for the new bodies
    const sb = await measure(
      'WireMock (sandbox bodies)',
      wm.url,
      anyCodes(),
      PEER_HEADERS,
      wm.pid,
      undefined,
      ex ? Math.min(WARMUP_S, PIECE_S) : WARMUP_S,
    )
    return { examples: ex, sandbox: sb }
  } finally {
    await wm.stop()
    rmSync(root, { recursive: true, force: true })
  }
}

async function prism(): Promise<Measured | null> {
  const spec = join(SHARED, 'douyin-local-life.openapi.json')
  if (!existsSync(spec)) return null
  const port = await freePort()
  const p = await serve(
    process.execPath,
    [
      join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js'),
      'mock',
      spec,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
    ],
    `http://127.0.0.1:${port}/goodlife/v1/fulfilment/certificate/prepare/?code=1`,
  )
  try {
    return await measure('Prism', p.url, anyCodes(), PEER_HEADERS, p.pid)
  } finally {
    await p.stop()
  }
}

/** json-server 0.17 on a data file holding a record per coupon; prepare finds the coupon by code, verify appends a record. */
async function jsonServer(): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'json-server-'))
  const certificates = Array.from({ length: JSON_SERVER_RECORDS }, (_, i) => ({
    id: i + 1,
    code: String(100000000000 + i),
    verify_token: `token-${i}`,
    encrypted_code: `CgwIARDhJxjLLyABKAESLgos${String(i).padStart(12, '0')}`,
    status: 1,
  }))
  writeFileSync(join(dir, 'db.json'), j({ certificates, verify_records: [] }))
  writeFileSync(
    join(dir, 'routes.json'),
    j({ [`${PREPARE}\\?code=:code`]: '/certificates?code=:code', [VERIFY]: '/verify_records' }),
  )
  const port = await freePort()
  const js = await serve(
    process.execPath,
    [
      join(ROOT, 'node_modules/json-server/lib/cli/bin.js'),
      join(dir, 'db.json'),
      '--routes',
      join(dir, 'routes.json'),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    `http://127.0.0.1:${port}/verify_records`,
  )
  try {
    let i = 0
    return await measure(
      'json-server',
      js.url,
      { next: () => String(100000000000 + (i++ % JSON_SERVER_RECORDS)) },
      PEER_HEADERS,
      js.pid,
    )
  } finally {
    await js.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function bareHono(): Promise<Measured> {
  const [cmd, args] = tsx('bench/servers/bare-hono.ts')
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((res, rej) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /READY (\S+)/.exec(out)
      if (m) res(m[1]!)
    })
    child.on('exit', (c) => rej(new Error(`bare-hono exited with ${c}`)))
  })
  try {
    return await measure('bare Hono', url, anyCodes(), PEER_HEADERS, child.pid)
  } finally {
    child.kill('SIGTERM')
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
  const examples = exampleBodies()
  if (!examples)
    notes.push(
      'WireMock with the documents’ examples and Prism: skipped, `../shared/reference` is not beside the checkout.',
    )
  let wiremockExamples: FlowRow | null = null
  let wiremockSandbox: FlowRow | null = null
  if (hasJava()) {
    const wm = await peer('WireMock', () => wiremock(examples, s.bodies))
    const version = readdirSync(join(ROOT, 'node_modules/wiremock/build'))
      .find((f) => f.endsWith('.jar'))!
      .replace(/^wiremock-standalone-|\.jar$/g, '')
    if (wm?.examples)
      rows.push(
        (wiremockExamples = {
          server: `WireMock ${version} (java -jar, warm JVM, no request journal)`,
          keeps: `nothing: two static stubs with the documents' example bodies (${Buffer.byteLength(examples!.prepare)} + ${Buffer.byteLength(examples!.verify)} B)`,
          ...wm.examples,
        }),
      )
    if (wm)
      rows.push(
        (wiremockSandbox = {
          server: `WireMock ${version} (same JVM)`,
          keeps: `nothing: two static stubs with the sandbox's answers of one real pair, byte for byte (${Buffer.byteLength(s.bodies.prepare)} + ${Buffer.byteLength(s.bodies.verify)} B)`,
          ...wm.sandbox,
        }),
      )
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
  return { rows, sandbox, wiremockExamples, wiremockSandbox, prism: prismRow, query: s.query, notes }
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
  target("sandbox vs WireMock serving the documents' examples", f.wiremockExamples, 1.5)
  target("sandbox vs WireMock serving the sandbox's own answers", f.wiremockSandbox, 3)
  target('sandbox vs a warm Prism', f.prism, 10)
  out.push(`- sandbox p99: ${f.sandbox.p99} ms (target ≤ 5 ms: ${f.sandbox.p99 <= 5 ? 'met' : 'not met'})`)
  out.push(
    `- the same sandbox afterwards, \`trade/order/query\` by order_id: ${f.query.rps} req/s, p99 ${f.query.p99} ms, ${f.query.bad} errors`,
  )
  for (const n of f.notes) out.push(`- ${n}`)
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = performance.now()
  const f = await tillFlows()
  process.stdout.write(`${flowLines(f).join('\n')}\n\n(${Math.round((performance.now() - t0) / 1000)} s)\n`)
}
