/**
 * Part of `npm run bench`, runnable alone (`npx tsx bench/storage.ts [levels…]`, default 100000 300000):
 * the file store at scale, on the compiled server process over HTTP (127.0.0.1 only).
 *
 * For each level of certificates (purchases of 100 coupons each, built in process by bench/storage-data.ts) the
 * data file is shaped as a sandbox whose log has outgrown its snapshot, so the server's first write starts a
 * compaction of the whole state. Then: reads only (steady RSS), then mixed reads and writes while the
 * compaction runs (worst latency, errors, peak RSS, SIGTERM); then, on a fresh copy of the same files,
 * kill -9 while `.wal.old` is there, a restart, and every acknowledged purchase looked up. Last, start-up and
 * SIGTERM of the server on a 100k-order data file (one coupon per order, compacted).
 */
import { execFileSync } from 'node:child_process'
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { median, ROOT } from './lib.js'
import { buildData } from './storage-data.js'
import { compactionRun, killRun } from './storage-runs.js'
import { memoryMb, signalAndWait, startServer } from './storage-proc.js'

export interface CompactionRow {
  certificates: number
  snapshotMB: number
  logMB: number
  replayStartMs: number
  compactionS: number
  requests: number
  writes: number
  maxMs: number
  p99Ms: number
  baseMaxMs: number
  baseP99Ms: number
  errors: number
  steadyMB: number
  peakMB: number
  sigtermMs: number
  acked: number
  lost: number
  killedDuringCompaction: boolean
  restartMs: number
}

export interface StartRow {
  orders: number
  snapshotMB: number
  startMs: number
  sigtermMs: number
  rssMB: number
}

const MB = (b: number) => Math.round(b / 1e5) / 10

async function level(dir: string, certificates: number): Promise<CompactionRow> {
  const file = join(dir, `c${certificates}.json`)
  const data = await buildData(file, certificates / 100, 100, 'due')
  for (const ext of ['', '.wal']) await copyFile(`${file}${ext}`, `${file}.copy${ext}`)
  const c = await compactionRun(file, data)
  const k = await killRun(`${file}.copy`, data)
  return { certificates, snapshotMB: MB(data.snapshotBytes), logMB: MB(data.logBytes), ...c, ...k }
}

async function startup(dir: string, orders: number): Promise<StartRow> {
  const file = join(dir, `o${orders}.json`)
  const data = await buildData(file, orders, 1, 'compacted')
  const starts: number[] = []
  const stops: number[] = []
  let rssMB = 0
  for (let i = 0; i < 3; i++) {
    const s = await startServer(file)
    starts.push(s.startMs)
    rssMB = Math.max(rssMB, memoryMb(s.child.pid!, 'VmRSS'))
    stops.push(await signalAndWait(s.child, 'SIGTERM'))
  }
  return {
    orders,
    snapshotMB: MB(data.snapshotBytes),
    startMs: median(starts),
    sigtermMs: Math.max(...stops),
    rssMB,
  }
}

/** Runs every level and the start-up row; `build` compiles dist/ first (run.ts has done it already). */
export async function storageAtScale(
  levels = [100_000, 300_000],
  build = true,
): Promise<{ rows: CompactionRow[]; start: StartRow }> {
  if (build)
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
    })
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-storage-bench-'))
  try {
    const rows: CompactionRow[] = []
    for (const n of levels) rows.push(await level(dir, n))
    return { rows, start: await startup(dir, Number(process.env.BENCH_START_ORDERS ?? 100_000)) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The markdown rows of the "Storage at scale" section. */
export function storageLines(r: { rows: CompactionRow[]; start: StartRow }): string[] {
  const ok = (b: boolean) => (b ? 'met' : '**not met**')
  const lines = [
    '| certificates | snapshot + log at start | start (replaying the log) | compaction | requests (writes) during it | worst ms | p99 ms | same load, no compaction: worst / p99 ms | errors / resets | steady RSS | peak RSS | peak / steady | SIGTERM | kill -9 during compaction: acknowledged purchases lost | restart after the kill |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const x of r.rows)
    lines.push(
      `| ${x.certificates} | ${x.snapshotMB} + ${x.logMB} MB | ${x.replayStartMs} ms | ${x.compactionS} s | ${x.requests} (${x.writes}) | ${x.maxMs} | ${x.p99Ms} | ${x.baseMaxMs} / ${x.baseP99Ms} | ${x.errors} | ${x.steadyMB} MB | ${x.peakMB} MB | ${(x.peakMB / x.steadyMB).toFixed(2)}× | ${x.sigtermMs} ms | ${x.lost} of ${x.acked}${x.killedDuringCompaction ? '' : ' (kill missed the compaction!)'} | ${x.restartMs} ms |`,
    )
  const s = r.start
  lines.push(
    '',
    `- start-up of the server process on a ${s.orders}-order data file (${s.snapshotMB} MB snapshot, empty log) to its first 200: ${s.startMs} ms (median of 3; target ≤ 2 s: ${ok(s.startMs <= 2000)}), RSS then ${s.rssMB} MB; SIGTERM to exit: ${s.sigtermMs} ms at most (target ≤ 2 s: ${ok(s.sigtermMs <= 2000)})`,
  )
  for (const x of r.rows)
    lines.push(
      `- ${x.certificates} certificates: worst latency ${x.maxMs} ms (≤ 100 ms: ${ok(x.maxMs <= 100)}), ${x.errors} errors or resets (${ok(x.errors === 0)}), ${x.lost} of ${x.acked} acknowledged purchases lost after kill -9 during the compaction (${ok(x.lost === 0 && x.killedDuringCompaction)}), peak RSS ${(x.peakMB / x.steadyMB).toFixed(2)}× steady (≤ 1.5×: ${ok(x.peakMB <= 1.5 * x.steadyMB)}), SIGTERM during the load ${x.sigtermMs} ms (${ok(x.sigtermMs <= 2000)})`,
    )
  return lines
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const levels = process.argv.slice(2).map(Number)
  const r = await storageAtScale(levels.length ? levels : undefined)
  process.stdout.write(`${storageLines(r).join('\n')}\n`)
}
