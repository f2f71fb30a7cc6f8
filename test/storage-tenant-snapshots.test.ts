/**
 * A control-plane snapshot keeps its body outside the log: a file beside the data file (written, synced and
 * renamed before the small record naming it goes through the log), so saving a large tenant adds a few hundred
 * bytes to the log, not a copy of the tenant; restoring one logs the body's name, not its records. It survives a
 * kill -9, restores, and its file goes with the record; bodies nothing names are removed at start-up and after a
 * compaction.
 */
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { startMain } from './helpers/process.js'

let dir: string
let file: string
let running: Awaited<ReturnType<typeof startMain>> | undefined
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-tsnap-'))
  file = join(dir, 'sandbox.json')
})
afterEach(async () => {
  if (running) await running.stop('SIGKILL').catch(() => undefined)
  running = undefined
  await rm(dir, { recursive: true, force: true })
})

const ns = `t:${DEFAULT_TENANT.client_key}`
/** where the log's records end (the zero fill after them is not written data) */
const logBytes = async () => {
  const b = await readFile(`${file}.wal`)
  let end = b.length
  while (end > 0 && b[end - 1] === 0) end--
  return end
}
const bodies = () => readdirSync(join(`${file}.snapshots`, DEFAULT_TENANT.client_key))

it('adds a small record to the log, not a copy of the tenant; survives a kill -9 and restores', async () => {
  const store = await openFileStore(file)
  const { api } = await makeSandbox({ store })
  await api.get('/sandbox/health')
  for (let i = 0; i < 3000; i++)
    store.put(ns, 'bulk', `r${i}`, { id: `r${i}`, title: '双人套餐', text: 'x'.repeat(100), n: i })
  await store.sync()
  const before = await logBytes()
  const saved = await api.post('/sandbox/snapshots', { name: 'big' })
  expect(saved.body.data.snapshot.records).toBeGreaterThanOrEqual(3000)
  const growth = (await logBytes()) - before
  expect(growth).toBeLessThan(2_000) // the tenant is > 400 KB
  const [body] = bodies()
  expect(body).toMatch(/^big\..*\.json$/)
  const lines = (await readFile(join(`${file}.snapshots`, DEFAULT_TENANT.client_key, body!), 'utf8')).split('\n')
  expect(JSON.parse(lines[0]!)).toMatchObject({ namespace_body: 2 })
  expect(lines.map((l) => (l.startsWith('["bulk","r7",') ? JSON.parse(l) : undefined)).find(Boolean)).toEqual([
    'bulk',
    'r7',
    { id: 'r7', title: '双人套餐', text: 'x'.repeat(100), n: 7 },
  ])

  // a change after the snapshot is not in it
  store.put(ns, 'bulk', 'r7', { id: 'r7', changed: true })
  store.delete(ns, 'bulk', 'r8')
  await store.sync()
  await writeFile(`${file}.lock`, '999999') // kill -9
  const again = await openFileStore(file)
  const second = await makeSandbox({ store: again })
  const restored = await second.api.post('/sandbox/snapshots/big/restore')
  expect(restored.body.data.error_code).toBe(0)
  expect(again.get(ns, 'bulk', 'r7')).toEqual({ id: 'r7', title: '双人套餐', text: 'x'.repeat(100), n: 7 })
  expect(again.get(ns, 'bulk', 'r8')).toBeDefined()

  // saved again under the same name: a new body; the old one stays while the log names it (the restore), and
  // goes with the compaction that folds that record; deleted: its body goes too
  await second.api.post('/sandbox/snapshots', { name: 'big' })
  await again.sync()
  await new Promise((r) => setTimeout(r, 50))
  expect(bodies()).toHaveLength(2)
  await again.compact()
  expect(bodies()).toHaveLength(1)
  expect(bodies()[0]).not.toBe(body)
  await second.api.request('DELETE', '/sandbox/snapshots/big')
  await again.sync()
  await new Promise((r) => setTimeout(r, 50))
  expect(bodies()).toHaveLength(0)
  await second.sandbox.close()
  expect(existsSync(`${file}.lock`)).toBe(false)
})

it('refuses to restore a damaged body, naming it', async () => {
  const store = await openFileStore(file)
  const { api, sandbox } = await makeSandbox({ store })
  await api.post('/sandbox/snapshots', { name: 's1' })
  const path = join(`${file}.snapshots`, DEFAULT_TENANT.client_key, bodies()[0]!)
  const text = await readFile(path, 'latin1')
  await writeFile(path, text.replace('"', "'"), 'latin1')
  const r = await api.request('POST', '/sandbox/snapshots/s1/restore', { contract: false })
  expect(r.text).toMatch(/damaged/)
  await sandbox.close()
})

it('a restore adds a small record to the log, not a copy of the tenant, and survives a kill -9 right after its answer', async () => {
  const seeded = await openFileStore(file)
  const first = await makeSandbox({ store: seeded, frozenAtMs: undefined }) // as the command starts
  for (let i = 0; i < 3000; i++)
    seeded.put(ns, 'bulk', `r${i}`, { id: `r${i}`, title: '双人套餐', text: 'x'.repeat(100), n: i })
  await first.sandbox.close()

  running = await startMain(['--port', '0', '--data', file, '--log-level', 'error'])
  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${running!.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return (await res.json()) as { data: { error_code: number; clock: { now_ms: number } } }
  }
  const clock = async () =>
    ((await (await fetch(`${running!.url}/sandbox/clock`)).json()) as { data: { clock: { now_ms: number } } }).data
      .clock.now_ms
  expect((await post('/sandbox/snapshots', { name: 'before' })).data.error_code).toBe(0)
  const savedAt = await clock()
  expect((await post('/sandbox/clock/advance', { seconds: 10 * 86400 })).data.error_code).toBe(0)
  expect(await clock()).toBeGreaterThan(savedAt + 9 * 86400_000)
  const before = await logBytes()
  expect(before).toBeGreaterThan(0)
  const restored = await post('/sandbox/snapshots/before/restore')
  expect(restored.data.error_code).toBe(0)
  await running.stop('SIGKILL') // right after the answer
  running = undefined
  expect((await logBytes()) - before).toBeLessThan(2_000) // the tenant is > 400 KB

  const again = await openFileStore(file)
  const second = await makeSandbox({ store: again, frozenAtMs: undefined })
  const now = (await second.api.get('/sandbox/clock')).body.data.clock.now_ms as number
  expect(now).toBeGreaterThanOrEqual(savedAt)
  expect(now).toBeLessThan(savedAt + 86400_000) // the advance is undone
  expect(again.get(ns, 'bulk', 'r2999')).toEqual({ id: 'r2999', title: '双人套餐', text: 'x'.repeat(100), n: 2999 })
  await second.sandbox.close()
})

it('removes bodies nothing names: left by a crash (at start-up), or written and never named (at a compaction)', async () => {
  const store = await openFileStore(file)
  const first = await makeSandbox({ store })
  await first.api.post('/sandbox/snapshots', { name: 'kept' })
  const [kept] = bodies()
  await first.sandbox.close()
  // a body written before a crash, its record never acknowledged; a temporary file; a deleted tenant's body
  const root = `${file}.snapshots`
  await writeFile(join(root, DEFAULT_TENANT.client_key, 'lost.4242-1.json'), '{"namespace_body":2,"records":0}\n')
  await writeFile(join(root, DEFAULT_TENANT.client_key, 'torn.4242-2.json.tmp'), '{"namesp')
  await mkdir(join(root, 'awgone'), { recursive: true })
  await writeFile(join(root, 'awgone', 'x.4242-3.json'), '{"namespace_body":2,"records":0}\n')

  const again = await openFileStore(file)
  const second = await makeSandbox({ store: again })
  // the start-up sweep goes through the tenants' folders in turn: wait for both, not the first alone
  await vi.waitFor(
    () => {
      expect(bodies()).toEqual([kept])
      expect(readdirSync(join(root, 'awgone'))).toEqual([])
    },
    { timeout: 10_000, interval: 20 },
  )
  expect((await second.api.post('/sandbox/snapshots/kept/restore')).body.data.error_code).toBe(0)

  // written while running and never named (as a save cut short before its record): gone after a compaction
  async function* piece() {
    yield '{"namespace_body":2,"records":0}\n'
  }
  const stray = await again.bodies.blobs.write(`${DEFAULT_TENANT.client_key}/stray`, piece())
  expect(bodies()).toContain(stray.name.split('/')[1])
  again.put(ns, 'bulk', 'one', { n: 1 })
  await again.compact()
  expect(bodies()).toEqual([kept])
  await second.sandbox.close()
})

it('keeps a restored body while the log names it, even once its snapshot is deleted; a restart reads it', async () => {
  const store = await openFileStore(file)
  const { api } = await makeSandbox({ store })
  for (let i = 0; i < 500; i++) store.put(ns, 'bulk', `r${i}`, { id: `r${i}`, n: i })
  await api.post('/sandbox/snapshots', { name: 's' })
  store.put(ns, 'bulk', 'r1', { id: 'r1', changed: true })
  expect((await api.post('/sandbox/snapshots/s/restore')).body.data.error_code).toBe(0)
  expect((await api.request('DELETE', '/sandbox/snapshots/s')).body.data.deleted).toBe(true)
  await store.sync()
  await new Promise((r) => setTimeout(r, 100)) // the removal would happen here
  expect(bodies()).toHaveLength(1) // the log's restore record still names it
  await writeFile(`${file}.lock`, '999999') // kill -9
  const again = await openFileStore(file)
  expect(again.get(ns, 'bulk', 'r1')).toEqual({ id: 'r1', n: 1 })
  const second = await makeSandbox({ store: again })
  again.put(ns, 'bulk', 'r2', { id: 'r2', n: 2 })
  await again.compact() // folds the restore into the data file: the body is not needed any more
  expect(bodies()).toHaveLength(0)
  await second.sandbox.close()
})
