/**
 * The two runs of bench/storage.ts on a data file whose log has outgrown its snapshot: a compaction under
 * mixed reads and writes (latency, errors, RSS, SIGTERM), and kill -9 while it runs (acknowledged purchases
 * looked up after a restart).
 */
import { existsSync, statSync } from 'node:fs'
import autocannon, { type Request } from 'autocannon'
import { CONNECTIONS } from './lib.js'
import type { BuiltData } from './storage-data.js'
import { memoryMb, resetPeak, sampleRss, signalAndWait, startServer } from './storage-proc.js'

const READ_SECONDS = Number(process.env.BENCH_STORAGE_READ_SECONDS ?? 4)
/** mixed load goes on this long after the compaction has finished */
const AFTER_MS = 1000
const LIMIT_MS = 180_000

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Three order queries (by a random order id of the data) and one purchase, per connection, round and round. */
function mixed(data: BuiltData, acked: string[] | undefined, readsOnly = false): Request[] {
  const headers = { 'content-type': 'application/json', 'access-token': data.token }
  let i = 0
  const read: Request = {
    method: 'GET',
    headers,
    setupRequest: (req) => ({
      ...req,
      path: `/goodlife/v1/trade/order/query/?account_id=${data.account_id}&order_id=${data.order_ids[(i = (i + 7919) % data.order_ids.length)]}&page_num=1&page_size=10`,
    }),
  }
  const write: Request = {
    method: 'POST',
    path: '/sandbox/orders',
    headers,
    body: JSON.stringify({ product_id: data.product_id, count: 1 }),
    onResponse: (status, body) => {
      if (status !== 200) return
      const m = /"error_code":0,/.test(body) ? /"order_id":"(\d+)"/.exec(body) : null
      if (m) acked?.push(m[1]!)
    },
  }
  return readsOnly ? [read] : [read, read, read, write]
}

/** Resolves once `path` exists (true) or `ms` passed (false). */
async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms
  while (!check()) {
    if (performance.now() > end) return false
    await sleep(5)
  }
  return true
}

export async function compactionRun(file: string, data: BuiltData) {
  const s = await startServer(file)
  const pid = s.child.pid!
  try {
    const url = s.url
    await autocannon({ url, connections: CONNECTIONS, duration: READ_SECONDS, requests: mixed(data, [], true) })
    const steadyMB = memoryMb(pid, 'VmRSS')
    const canReset = resetPeak(pid)
    const sampler = sampleRss(pid)
    const acked: string[] = []
    const load = autocannon({ url, connections: CONNECTIONS, duration: LIMIT_MS / 1000, requests: mixed(data, acked) })
    const old = `${file}.wal.old`
    if (!(await until(() => existsSync(old), 10_000))) throw new Error(`no compaction started (${old} never appeared)`)
    const t0 = performance.now()
    await until(() => !existsSync(old), LIMIT_MS)
    const compactionS = Math.round((performance.now() - t0) / 100) / 10
    await sleep(AFTER_MS)
    load.stop()
    const r = await load
    const sampled = sampler.stop()
    const peakMB = Math.max(sampled, canReset ? memoryMb(pid, 'VmHWM') : 0)
    // the same load with no compaction running, for comparison
    const base = await autocannon({ url, connections: CONNECTIONS, duration: READ_SECONDS, requests: mixed(data, []) })
    const sigtermMs = await signalAndWait(s.child, 'SIGTERM')
    if (process.env.BENCH_DEBUG) process.stderr.write(s.output())
    return {
      replayStartMs: s.startMs,
      compactionS,
      requests: r.requests.total,
      writes: acked.length,
      maxMs: r.latency.max,
      p99Ms: r.latency.p99,
      baseMaxMs: base.latency.max,
      baseP99Ms: base.latency.p99,
      errors: r.errors + r.timeouts + r.non2xx + r.resets,
      steadyMB,
      peakMB,
      sigtermMs,
    }
  } finally {
    s.child.kill('SIGKILL')
  }
}

export async function killRun(file: string, data: BuiltData) {
  const s = await startServer(file)
  const acked: string[] = []
  const load = autocannon({ url: s.url, connections: CONNECTIONS, duration: 60, requests: mixed(data, acked) })
  const old = `${file}.wal.old`
  // well into the compaction: .wal.old there and about a third of the new snapshot written
  const temp = file.replace(/([^/]+)$/, '.$1.tmp')
  await until(
    () => existsSync(old) && (statSync(temp, { throwIfNoEntry: false })?.size ?? 0) > data.logBytes / 3,
    60_000,
  )
  await signalAndWait(s.child, 'SIGKILL')
  const killedDuringCompaction = existsSync(old) // the process is gone: the files are as the kill left them
  load.stop()
  await load.catch(() => undefined)
  const kept = [...acked] // answers that arrive after the kill were sent before it: acknowledged too
  const r = await startServer(file)
  let lost = 0
  try {
    const headers = { 'access-token': data.token }
    for (let i = 0; i < kept.length; i += CONNECTIONS)
      await Promise.all(
        kept.slice(i, i + CONNECTIONS).map(async (id) => {
          const res = await fetch(
            `${r.url}/goodlife/v1/trade/order/query/?account_id=${data.account_id}&order_id=${id}&page_num=1&page_size=10`,
            { headers },
          )
          const body = (await res.json()) as { data: { orders?: { order_id: string }[] } }
          if (body.data.orders?.[0]?.order_id !== id) lost++
        }),
      )
  } finally {
    await signalAndWait(r.child, 'SIGTERM')
  }
  return { acked: kept.length, lost, killedDuringCompaction, restartMs: r.startMs }
}
