/**
 * Part of `npm run bench` (bench/run.ts): mutating requests/second (POST /oauth/client_token/, which writes a token, a job and
 * tenant counters) against a sandbox preloaded with 1k and 100k records, file store and memory store.
 * The sandbox runs in a child process; autocannon drives it from this one. Prints a table.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { SERVER_FLAGS } from './lib.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6)
const CONNECTIONS = 10
const BODY = JSON.stringify({
  client_key: 'awsandboxdefault',
  client_secret: 'sandbox-default-secret-0000000000',
  grant_type: 'client_credential',
})

type Kind = 'memory' | 'file' | 'file-nosync'

async function startServer(kind: Kind, records: number, file: string) {
  const child = spawn(
    process.execPath,
    [...SERVER_FLAGS, '--import', 'tsx', 'bench/bench-server.ts', kind, String(records), file],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /READY (\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)))
  })
  return {
    url,
    stop: () =>
      new Promise<void>((res) => {
        child.on('exit', () => res())
        child.kill('SIGTERM')
      }),
  }
}

async function measure(kind: Kind, records: number) {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-bench-'))
  const file = join(dir, 'sandbox.json')
  const server = await startServer(kind, records, file)
  try {
    // the load is far above 生成 client_token's 60 calls a minute, which would ban the client_key: lift the limit
    await fetch(`${server.url}/sandbox/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_token_rate_limit: 0 }),
    })
    const result = await autocannon({
      url: `${server.url}/oauth/client_token/`,
      method: 'POST',
      body: BODY,
      headers: { 'content-type': 'application/json' },
      connections: CONNECTIONS,
      duration: DURATION_S,
    })
    const bad = result.non2xx + result.errors + result.timeouts
    const size = kind === 'memory' ? 0 : (await stat(file)).size + (await stat(`${file}.wal`)).size
    return {
      kind,
      records,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      bad,
      size,
    }
  } finally {
    await server.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

export interface ScaleRow {
  kind: Kind
  records: number
  rps: number
  p50: number
  p99: number
  bad: number
  size: number
}

/** Mutating requests/s with 1k, 10k and 100k certificate records, memory and file store. */
export async function scale(): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = []
  for (const records of [1_000, 10_000, 100_000]) {
    for (const kind of ['memory', 'file'] as const) rows.push(await measure(kind, records))
    if (records === 100_000) rows.push(await measure('file-nosync', records))
  }
  return rows
}

/**
 * `node --import tsx bench/store-bench.ts [records] [rounds] [kinds…]`: only the chosen rows, interleaved
 * `rounds` times (default 100000, 1 round, memory and file), each round's file/memory ratio printed.
 */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [recordsArg = '100000', roundsArg = '1', ...kindArgs] = process.argv.slice(2)
  const kinds = (kindArgs.length ? kindArgs : ['memory', 'file']) as Kind[]
  for (let round = 1; round <= Number(roundsArg); round++) {
    const rows: ScaleRow[] = []
    for (const kind of kinds) rows.push(await measure(kind, Number(recordsArg)))
    const mem = rows.find((r) => r.kind === 'memory')?.rps
    console.table(rows.map((r) => ({ ...r, ratio: mem ? `${Math.round((r.rps / mem) * 100)} %` : '-' })))
  }
}
