/**
 * kill -9 of a real server process while a compaction runs loses no acknowledged write. The compaction is held
 * after the first piece of its snapshot (test/helpers/held-compaction-server.ts), so that the kill happens
 * during it is a fact read from the files (`.wal.old` and the snapshot's temp file are there), not a timing.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { GOODS_NOW_MS, productBody, publish, buy } from './helpers/goods.js'
import { apiOver, type Api } from './helpers/harness.js'
import { listeningUrl, startMain } from './helpers/process.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-kill-compaction-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const api = (url: string): Api => apiOver((req) => fetch(req), url)

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  if (!check()) throw new Error(`${what} did not happen within 30 s`)
}

it('kill -9 while a compaction is writing its snapshot: every acknowledged purchase is there after a restart', async () => {
  const file = join(dir, 'sandbox.json')
  const marker = join(dir, 'compaction-held')
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/held-compaction-server.ts', file, marker, String(GOODS_NOW_MS)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)))
  const first = api(await listeningUrl(child))
  const { product_id } = await publish(first, productBody('kill-compaction'))
  const acknowledged: string[] = []
  const purchases = async (n: number) => {
    for (let i = 0; i < n; i++) acknowledged.push((await buy(first, { product_id, count: 2 })).order.order_id)
  }
  await purchases(20)

  child.kill('SIGUSR2')
  await until(() => existsSync(marker), 'the compaction reaching its first snapshot piece')
  // the compaction is under way: the log rotated, part of the new snapshot written, nothing renamed yet
  expect(existsSync(`${file}.wal.old`)).toBe(true)
  expect(existsSync(join(dir, '.sandbox.json.tmp'))).toBe(true)
  await purchases(20) // answered while the compaction runs: in the new log only
  expect(existsSync(`${file}.wal.old`)).toBe(true)

  child.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
  expect(existsSync(`${file}.wal.old`)).toBe(true) // killed during the compaction, as the files show

  const restarted = await startMain(['--port', '0', '--data', file, '--log-level', 'error'])
  try {
    const again = api(restarted.url)
    const token = await again.token()
    const found: string[] = []
    for (const id of acknowledged) {
      const r = await again.get(
        `/goodlife/v1/trade/order/query/?account_id=7113893944009705516&order_id=${id}&page_num=1&page_size=10`,
        { 'access-token': token },
      )
      if (r.body.data.orders?.[0]?.order_id === id) found.push(id)
    }
    expect(found).toEqual(acknowledged)
    expect(acknowledged).toHaveLength(40)
    // the start finished the interrupted compaction before serving
    expect(existsSync(`${file}.wal.old`)).toBe(false)
    expect(existsSync(join(dir, '.sandbox.json.tmp'))).toBe(false)
  } finally {
    await restarted.stop()
  }
}, 60_000)
