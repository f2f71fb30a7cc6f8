/**
 * Control-plane snapshot of a large tenant (`POST /sandbox/snapshots`): the longest event-loop stall while it is
 * saved (what health and other tenants wait at worst), how long the save takes, and how much it adds to the log.
 *
 *     npx tsx bench/tenant-snapshot.ts            # 100k coupons (BENCH_COUPONS to change), 3 saves
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
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
let worst = 0
let last = performance.now()
const probe = setInterval(() => {
  const now = performance.now()
  worst = Math.max(worst, now - last)
  last = now
}, 1)
const req = (body: unknown) =>
  sandbox.fetch(
    new Request('http://localhost:8787/sandbox/snapshots', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  )
console.log(`tenant with ${COUPONS} coupons`)
for (let i = 0; i < 3; i++) {
  await new Promise((r) => setTimeout(r, 200))
  const before = await logEnd()
  worst = 0
  last = performance.now()
  const t0 = performance.now()
  const res = await req({ name: `s${i}` })
  const took = performance.now() - t0
  const ok = ((await res.json()) as { data: { error_code: number } }).data.error_code === 0
  const growth = (await logEnd()) - before
  console.log(
    `save ${i + 1}: ${ok ? 'ok' : 'FAILED'}, ${took.toFixed(0)} ms, longest event-loop stall ${worst.toFixed(1)} ms, ` +
      `log +${(growth / 1024).toFixed(1)} KiB`,
  )
}
clearInterval(probe)
await sandbox.close()
await rm(dir, { recursive: true, force: true })
