/**
 * A control-plane snapshot keeps its body outside the log: a file beside the data file (written, synced and
 * renamed before the small record naming it goes through the log), so saving a large tenant adds a few hundred
 * bytes to the log, not a copy of the tenant. It survives a kill -9, restores, and its file goes with the record.
 */
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'
import { scanLog } from '../src/store/wal-format.js'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-tsnap-'))
  file = join(dir, 'sandbox.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const ns = `t:${DEFAULT_TENANT.client_key}`
const logBytes = async () => scanLog(await readFile(`${file}.wal`)).end
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
  expect(
    JSON.parse(await readFile(join(`${file}.snapshots`, DEFAULT_TENANT.client_key, body!), 'utf8')).bulk.r7,
  ).toEqual({ id: 'r7', title: '双人套餐', text: 'x'.repeat(100), n: 7 })

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

  // saved again under the same name: a new body, the old one removed; deleted: its body goes too
  await second.api.post('/sandbox/snapshots', { name: 'big' })
  await again.sync()
  await new Promise((r) => setTimeout(r, 50))
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
