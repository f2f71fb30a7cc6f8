/** lowdb reads and writes the snapshot file through SnapshotFile: what one Low writes, a fresh one reads back. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyOp, emptyLiveState, type LiveState } from './live-state.js'
import { SnapshotFile } from './snapshot-file.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapshot-file-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('SnapshotFile, the lowdb adapter of the snapshot', () => {
  it('writes the state as a checked snapshot that a fresh Low reads back', async () => {
    const path = join(dir, 'db.json')
    const written = new Low<LiveState>(new SnapshotFile(path, { repair: false }), emptyLiveState())
    applyOp(written.data, { o: 'put', n: 't:a', c: 'orders', k: '1', v: { order_id: '1', amount: 9900 } })
    written.data.seq = 7
    await written.write()
    expect((await readFile(path, 'utf8')).split('\n')[0]).toMatch(/"seq":7/)

    const file = new SnapshotFile(path, { repair: false })
    const read = new Low<LiveState>(file, emptyLiveState())
    await read.read()
    expect(file.lastRead?.checked).toBe(true)
    expect(read.data.seq).toBe(7)
    expect(read.data.namespaces.get('t:a')?.get('orders')?.get('1')).toEqual({ order_id: '1', amount: 9900 })
  })

  it('reads nothing where there is no file yet, so the Low keeps its empty state', async () => {
    const file = new SnapshotFile(join(dir, 'none.json'), { repair: false })
    const db = new Low<LiveState>(file, emptyLiveState())
    await db.read()
    expect(file.lastRead).toBeUndefined()
    expect(db.data.namespaces.size).toBe(0)
  })
})
