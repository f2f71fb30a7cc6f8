/**
 * Control-plane snapshots of a large tenant: for each save (`POST /sandbox/snapshots`) and restore
 * (`POST /sandbox/snapshots/{name}/restore`) the longest event-loop stall meanwhile (what health and other
 * tenants wait at worst), how long it takes (wall and CPU time of this process), and how much it adds to the log.
 * The machine's load average is printed before and after: stalls and times are only as quiet as the machine.
 *
 *     npx tsx bench/tenant-snapshot.ts            # 100k coupons (BENCH_COUPONS to change), 3 saves, 2 restores
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLog } from '../src/log.js'
import { createSandbox } from '../src/sandbox.js'
import { openFileStore } from '../src/store/file-store.js'

const COUPONS = Number(process.env.BENCH_COUPONS ?? 100_000)
const dir = await mkdtemp(join(tmpdir(), 'bench-tsnap-'))
const file = join(dir, 'sandbox.json')
const store = await openFileStore(file)
const sandbox = createSandbox({ store, seed: 'bench', frozenAtMs: Date.UTC(2025, 0, 1), log: createLog('silent') })
const key = sandbox.tenants.default().record.client_key
const ns = `t:${key}`
for (let i = 0; i < COUPONS; i++) {
  const id = `70${String(1_000_000_000 + i)}`
  store.put(ns, 'certificates', id, {
    certificate_id: id,
    order_id: `10${String(5_000_000_000 + i)}`,
    encrypted_code: `CODE${i}`,
    status: 1,
    expire_time: 1_767_196_800 + i,
    amount: { original_amount: 12800, pay_amount: 9900, merchant_ticket_amount: 0, list_market_amount: 12800 },
    sku: { sku_id: '1234567890', title: '双人套餐 A', groupon_type: 1 },
  })
  if (i % 10_000 === 9_999) await store.sync()
}
await store.sync()
await store.compact()

/** where the log's records end (the zero fill after them is not written data) */
const logEnd = async () => {
  const b = await readFile(`${file}.wal`)
  let end = b.length
  while (end > 0 && b[end - 1] === 0) end--
  return end
}
/**
 * The longest gap between two 1 ms ticks (what a health check waits at worst), and the CPU time this process
 * used during the gap (all its threads, so an upper bound of the event loop's own work): on a loaded machine
 * the rest of the gap is waiting for a core.
 */
let worst = 0
let worstCpu = 0
let last = performance.now()
let lastCpu = process.cpuUsage()
const probe = setInterval(() => {
  const now = performance.now()
  const cpu = process.cpuUsage()
  if (now - last > worst) {
    worst = now - last
    worstCpu = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000
  }
  last = now
  lastCpu = cpu
}, 1)
const post = (path: string, body?: unknown) =>
  sandbox.fetch(
    new Request(`http://localhost:8787${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    }),
  )
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
/** One call, measured: wall and CPU time, the longest event-loop stall meanwhile, the log's growth. */
async function measured(what: string, path: string, body?: unknown): Promise<void> {
  await new Promise((r) => setTimeout(r, 200))
  const before = await logEnd()
  worst = 0
  worstCpu = 0
  last = performance.now()
  lastCpu = process.cpuUsage()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const res = await post(path, body)
  const took = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const ok = ((await res.json()) as { data: { error_code: number } }).data.error_code === 0
  const growth = (await logEnd()) - before
  console.log(
    `${what}: ${ok ? 'ok' : 'FAILED'}, ${took.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ` +
      `longest event-loop stall ${worst.toFixed(1)} ms (${worstCpu.toFixed(1)} ms CPU in it), ` +
      `log +${(growth / 1024).toFixed(1)} KiB`,
  )
}
console.log(`tenant with ${COUPONS} coupons; load average ${load()} (${cpus().length} cores)`)
// the first request a sandbox serves builds its router and warms its code (≈ 50 ms of CPU here): not a save's cost
await sandbox.fetch(new Request('http://localhost:8787/sandbox/health'))
for (let i = 0; i < 3; i++) await measured(`save ${i + 1}`, '/sandbox/snapshots', { name: `s${i}` })
for (let i = 0; i < 2; i++) await measured(`restore ${i + 1}`, `/sandbox/snapshots/s${i}/restore`)
clearInterval(probe)
console.log(`load average ${load()}`)
await sandbox.close()
await rm(dir, { recursive: true, force: true })
