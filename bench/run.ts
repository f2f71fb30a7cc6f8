/**
 * `npm run bench`: the sandbox measured against its peers in one run (a script, never a test) — the till flow
 * on the installed command against WireMock, Prism, json-server and bare Hono (bench/flow.ts), mutating
 * throughput at 1k/10k/100k records (file vs memory), memory at 100k orders, cold start of the compiled server,
 * the scenario suite's wall time, and the file store at scale (compaction under load at 100k/300k certificates,
 * kill -9 during it, start-up and SIGTERM; bench/storage.ts). Prints a table and writes bench/RESULTS.md.
 * BENCH_QUICK=1 shortens the till flow's warm-up and rounds (a smoke run of that section).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { flowLines, tillFlows } from './flow.js'
import { CONNECTIONS, median, ROOT, SECONDS, start } from './lib.js'
import { QUIET_MS, serverRss } from './rss.js'
import { scale } from './store-bench.js'
import { storageAtScale, storageLines } from './storage.js'
import { queryPageLines, queryPages } from './query-pages.js'

const lines: string[] = []
const say = (l = '') => {
  lines.push(l)
  process.stdout.write(`${l}\n`)
}

async function coldStart(): Promise<number> {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' })
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    const s = await start(
      process.execPath,
      ['dist/bin/cli.js', 'start', '--port', '0', '--memory', '--log-level', 'error'],
      /listening on (http:\/\/\S+)/,
    )
    while ((await fetch(`${s.url}/sandbox/health`).catch(() => null))?.status !== 200)
      await new Promise((r) => setTimeout(r, 5))
    times.push(performance.now() - t0)
    await s.stop()
  }
  return Math.round(median(times))
}

/** startSandbox() of the compiled testing kit, in this process: the import once, then the median of 5 starts. */
async function inProcessStart(): Promise<{ importMs: number; startMs: number }> {
  const t0 = performance.now()
  const kit = (await import(join(ROOT, 'dist/src/testing/index.js'))) as typeof import('../src/testing/index.js')
  const importMs = Math.round(performance.now() - t0)
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const t1 = performance.now()
    const sb = await kit.startSandbox()
    await sb.client.health()
    times.push(performance.now() - t1)
    await sb.close()
  }
  return { importMs, startMs: Math.round(median(times)) }
}

async function scenarios(): Promise<number> {
  const t0 = performance.now()
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'scenario', '--all'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1e7,
  })
  return Math.round(performance.now() - t0)
}

const pct = (a: number, b: number) => `${Math.round((a / b) * 100)} %`
const f = await tillFlows()
const rows = await scale()
const cold = await coldStart()
const inProc = await inProcessStart()
const orders = Number(process.env.BENCH_RSS_ORDERS ?? 100000)
const rssCompiled = await serverRss(orders, 'compiled')
const rssTsx = await serverRss(orders, 'tsx')
const verifications = Number(process.env.BENCH_RSS_VERIFICATIONS ?? 100000)
const rssVerify = await serverRss(verifications, 'compiled', true)
const scen = await scenarios()
const storage = await storageAtScale(undefined, false) // dist/ was built by coldStart()
const mem100 = rows.find((r) => r.kind === 'memory' && r.records === 100_000)!.rps
const file100 = rows.find((r) => r.kind === 'file' && r.records === 100_000)!.rps
const nosync100 = rows.find((r) => r.kind === 'file-nosync')!.rps

say(`# Benchmarks`)
say()
say(
  `Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run. Ratios are from this one run.`,
)
say()
say('## The till flow: prepare + verify, the sandbox against its peers')
say()
for (const l of flowLines(f)) say(l)
say()
say('## Mutating requests/s by state size (POST /oauth/client_token/)')
say()
say('| store | certificate records | req/s | p50 ms | p99 ms | errors | on disk |')
say('|---|---:|---:|---:|---:|---:|---:|')
for (const r of rows)
  say(
    `| ${r.kind === 'file-nosync' ? 'file, --fsync off' : r.kind} | ${r.records} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.bad} | ${r.kind !== 'memory' ? `${(r.size / 1e6).toFixed(1)} MB` : '-'} |`,
  )
say()
say(
  `- file store at 100k records: ${pct(file100, mem100)} of memory with every answered write fdatasync'd (target ≥ 50 %); ${pct(nosync100, mem100)} with \`--fsync off\` (every answered write in the file, not forced to the device)`,
)
say()
say('## Start, memory, scenarios')
say()
say(
  `- cold start of the installed command (\`node dist/bin/cli.js start --memory\`, what \`npx douyin-sandbox start\` runs) to its first 200: ${cold} ms (median of 5; target ≤ 200 ms; \`npm run bench:startup\` measures it installed and through npx)`,
)
say(
  `- \`startSandbox()\` of the testing kit, in process, to its first answer: ${inProc.startMs} ms (median of 5, target < 100 ms), after importing the kit once (${inProc.importMs} ms)`,
)
say(
  `- RSS of the server process (\`node dist/src/main.js --memory\`) holding ${orders} orders bought over HTTP (autocannon, ${CONNECTIONS} connections, ${rssCompiled.seconds} s), ${QUIET_MS / 1000} s after the load: ${rssCompiled.rss} MB, peak ${rssCompiled.peak} MB (target < 300 MB at 100k orders); the same under \`npm start\` (tsx): ${rssTsx.rss} MB, peak ${rssTsx.peak} MB`,
)
say(
  `- RSS of the same server after ${verifications} verifications (${verifications / 2} orders of 2 coupons bought over HTTP, then every coupon prepared and verified at the till, ${CONNECTIONS} connections, ${rssVerify.seconds} s), ${QUIET_MS / 1000} s after the load: ${rssVerify.rss} MB, peak ${rssVerify.peak} MB (target ≤ 300 MB after 100k verifications: ${rssVerify.rss <= 300 ? 'met' : 'not met'})`,
)
say(`- the whole scenario suite (${'npm run scenario -- --all'}, in-process sandbox): ${scen} ms (target < 10 s)`)
say()
say('## Storage at scale')
say()
say(
  'The compiled server on a data file whose log has outgrown its snapshot (certificates from purchases of 100 coupons each), so its first write starts a compaction of the whole state; reads only first (steady RSS), then 3 order queries : 1 purchase over 10 connections until the compaction is done (peak RSS from VmHWM, reset before, and 10 ms samples); on a copy of the same files, kill -9 once a third of the new snapshot is written (with `.wal.old` there, checked after the kill), a restart, and every acknowledged purchase queried. `npx tsx bench/storage.ts` runs this section alone.',
)
say()
for (const l of storageLines(storage)) say(l)
// query pages at scale (issue 22), a section of its own: `npx tsx bench/query-pages.ts` runs it alone
const pageRecords = Number(process.env.BENCH_QUERY_RECORDS ?? 100_000)
for (const l of queryPageLines(pageRecords, await queryPages(pageRecords))) say(l)
const analysis = existsSync(join(ROOT, 'bench/analysis.md'))
  ? `\n${readFileSync(join(ROOT, 'bench/analysis.md'), 'utf8')}`
  : ''
writeFileSync(join(ROOT, 'bench/RESULTS.md'), `${lines.join('\n')}\n${analysis}`)
process.stdout.write('\nwrote bench/RESULTS.md\n')
