/**
 * Namespace bodies (control-plane snapshots): a save holds the namespace as of the call however the namespace
 * changes while the body is written (copy-on-write view, no copy up front), and a restore puts exactly that back.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SeededRandom, memoryHolder, seedState } from '../core/random.js'
import { openFileStore } from './file-store.js'
import { openMemoryStore, type Store } from './store.js'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

const adapters: Array<[string, () => Promise<Store>]> = [
  ['memory', () => openMemoryStore()],
  [
    'file',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sandbox-body-'))
      dirs.push(dir)
      return openFileStore(join(dir, 'db.json'), { fsync: false })
    },
  ],
]

const turn = () => new Promise<void>((r) => setImmediate(r))

describe.each(adapters)('namespace bodies (%s)', (name, open) => {
  it('a save holds the namespace as of the call while puts, deletes and re-puts go on during it', async () => {
    const store = await open()
    const rnd = new SeededRandom(memoryHolder(seedState('body', 'test')))
    for (let i = 0; i < 6000; i++) store.put('t:a', i % 3 ? 'big' : 'small', `k${i}`, { i, text: '券'.repeat(20) })
    const expected = store.exportNamespace('t:a')
    const saving = store.bodies.save('t:a', 'a/s')
    let done = false
    void saving.then(() => (done = true))
    let changes = 0
    // change records before and after the walk passes them, until the body is written
    while (!done) {
      for (let j = 0; j < 40; j++) {
        const k = `k${rnd.int(0, 6999)}`
        const coll = rnd.int(0, 3) ? 'big' : 'small'
        const what = rnd.int(0, 2)
        if (what === 0) store.delete('t:a', coll, k)
        else store.put('t:a', coll, k, { changed: changes })
        if (what === 2) store.put('t:a', 'made-later', k, { n: 1 })
        changes++
      }
      await turn()
    }
    const { body, records } = await saving
    expect(changes).toBeGreaterThan(200) // the writes really went on during the save
    expect(records).toBe(6000)
    store.put('t:a', 'big', 'k1', { after: true })
    await store.bodies.restore('t:a', body, () => undefined)
    expect(store.exportNamespace('t:a')).toEqual(expected)
    await store.close()
  })

  it('a namespace replaced during a save leaves the save as of the call', async () => {
    const store = await open()
    for (let i = 0; i < 3000; i++) store.put('t:a', 'big', `k${i}`, { i })
    const expected = store.exportNamespace('t:a')
    const saving = store.bodies.save('t:a', 'a/s')
    await turn()
    store.replaceNamespace('t:a', { other: { x: { y: 1 } } })
    store.put('t:a', 'big', 'k1', { late: true })
    const { body } = await saving
    await store.bodies.restore('t:a', body, () => undefined)
    expect(store.exportNamespace('t:a')).toEqual(expected)
    // dropped: gone at once from memory; a file the log names (the restore) is kept until a compaction
    store.bodies.drop(body)
    await store.sync()
    await new Promise((r) => setTimeout(r, 50))
    expect(await store.bodies.blobs.list()).toEqual(name === 'memory' ? [] : [body.name])
    await store.close()
  })
})
