/** One suite, run against both storage adapters. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openFileStore } from './file-store.js'
import { Repo } from './repo.js'
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
      const dir = await mkdtemp(join(tmpdir(), 'sandbox-store-'))
      dirs.push(dir)
      return openFileStore(join(dir, 'db.json'))
    },
  ],
]

/** The collections these tests use. */
interface Things {
  things: { id?: string; n?: number; v?: number }
  x: { v: number | string }
}

describe.each(adapters)('store (%s)', (_name, open) => {
  it('reads back what was put and forgets what was deleted', async () => {
    const store = await open()
    const c = new Repo<Things>(store, 't:a').collection('things')
    c.put('1', { id: '1', n: 1 })
    c.put('2', { id: '2', n: 2 })
    c.put('1', { id: '1', n: 3 })
    expect(c.get('1')).toEqual({ id: '1', n: 3 })
    expect(c.values().map((t) => t.id)).toEqual(['1', '2'])
    expect(c.delete('2')).toBe(true)
    expect(c.delete('2')).toBe(false)
    expect(c.count()).toBe(1)
    await store.sync()
    await store.close()
  })

  it('treats ids like constructor, toString and __proto__ as ordinary keys, never inherited members', async () => {
    const store = await open()
    const c = new Repo<Things>(store, 't:a').collection('things')
    expect(c.get('constructor')).toBeUndefined()
    expect(c.get('toString')).toBeUndefined()
    expect(new Repo<Things>(store, 'constructor').collection('x').get('y')).toBeUndefined()
    c.put('__proto__', { v: 1 })
    c.put('constructor', { v: 2 })
    expect(c.get('__proto__')).toEqual({ v: 1 })
    expect(c.get('constructor')).toEqual({ v: 2 })
    expect(c.count()).toBe(2)
    expect(c.delete('toString')).toBe(false)
    await store.sync()
    await store.close()
  })

  it('keeps namespaces apart and replaces one whole', async () => {
    const store = await open()
    new Repo<Things>(store, 't:a').collection('x').put('k', { v: 'a' })
    new Repo<Things>(store, 't:b').collection('x').put('k', { v: 'b' })
    store.replaceNamespace('t:a', { x: { other: { v: 'fresh' } } })
    expect(store.get('t:a', 'x', 'k')).toBeUndefined()
    expect(store.get('t:a', 'x', 'other')).toEqual({ v: 'fresh' })
    expect(store.get('t:b', 'x', 'k')).toEqual({ v: 'b' })
    const copy = store.exportNamespace('t:b')
    copy.x!.k!.v = 'changed'
    expect(store.get('t:b', 'x', 'k')).toEqual({ v: 'b' })
    store.replaceNamespace('t:b', null)
    expect(store.namespaces()).toEqual(['t:a'])
    await store.sync()
    await store.close()
  })
})
