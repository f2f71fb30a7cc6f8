/**
 * The till flow's measuring parts (bench/flow.ts): starting a server as a child, one autocannon run of
 * prepare + verify pairs, warm-up and rounds with their medians and the server's CPU per pair.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { CONNECTIONS, median, ROOT } from './lib.js'

export const QUICK = process.env.BENCH_QUICK === '1'
export const WARMUP_S = Number(process.env.BENCH_WARMUP ?? (QUICK ? 3 : 30))
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3))
export const ROUND_S = Number(process.env.BENCH_FLOW_SECONDS ?? (QUICK ? 3 : 10))
/** The warm-up runs in pieces of at most this many seconds, so the sandbox's coupons are topped up between them. */
export const PIECE_S = 10

export const PREPARE = '/goodlife/v1/fulfilment/certificate/prepare/'
export const VERIFY = '/goodlife/v1/fulfilment/certificate/verify/'

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
export type Measured = Omit<FlowRow, 'server' | 'keeps'>

export interface Server {
  url: string
  pid: number
  log: string
  stop(): Promise<void>
}

/** Starts a server with its output in a file (nothing for this process to read per request) and waits until `probe` answers. */
export async function serve(command: string, args: string[], probe: string, timeoutMs = 120_000): Promise<Server> {
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
export interface Codes {
  next(): string
  /** the encrypted_code of this code's certificate, when known (the sandbox's pool) */
  encrypted?(code: string): string | undefined
}

export interface Run {
  pairs: number
  /** pairs completed in the run */
  total: number
  p99: number
  failed: number
  bytes: number
}

/** CPU time (user + system) a process has used so far, ms; null where /proc is not there. */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null
  }
}

/** One autocannon run of the till flow against `url`, for a time or a number of pairs. */
export async function tillRun(
  url: string,
  codes: Codes,
  headers: Record<string, string>,
  /** seconds, or `{ pairs }`: exactly that many prepare + verify pairs */
  length: number | { pairs: number },
): Promise<Run> {
  let failed = 0
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    ...(typeof length === 'number' ? { duration: length } : { amount: length.pairs * 2 }),
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
export async function measure(
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

export const j = (body: unknown) => JSON.stringify(body)
