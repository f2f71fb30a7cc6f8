/** Snapshots are written in ASCII (other characters as \uXXXX escapes) and read back to the same values. */
import { isAscii } from 'node:buffer'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'

it('writes a snapshot in ASCII and reads every character back, and still reads a UTF-8 one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-ascii-'))
  try {
    const file = join(dir, 'sandbox.json')
    const doc = { title: '双人套餐 😀', quote: '"\\\u0001', lone: '\ud800' }
    const s = await openFileStore(file)
    s.put('t:x', '商品', '键', doc)
    await s.sync()
    await s.compact()
    await s.close()
    const bytes = await readFile(file)
    expect(isAscii(bytes)).toBe(true)
    const r = await openFileStore(file)
    expect(r.get('t:x', '商品', '键')).toEqual(doc)
    await r.close()
    // a snapshot written in UTF-8 (by an earlier version) reads the same
    await writeFile(file, JSON.stringify(JSON.parse(bytes.toString('latin1'))))
    expect(isAscii(await readFile(file))).toBe(false)
    const u = await openFileStore(file)
    expect(u.get('t:x', '商品', '键')).toEqual(doc)
    await u.close()
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
