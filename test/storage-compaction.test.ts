/**
 * A compaction runs beside the requests (the log is rotated to `<log>.old`, the snapshot written piece by
 * piece). A crash at any point of it loses nothing: each test leaves the files as a kill -9 at one step would.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'
import { writeSnapshot } from '../src/store/snapshot-writer.js'
import { applyOp, emptyLiveState } from '../src/store/live-state.js'
import { WriteAheadLog } from '../src/store/wal.js'
import type { Store } from '../src/store/store.js'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-compact-'))
  file = join(dir, 'sandbox.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const crash = () => writeFile(`${file}.lock`, '999999')
const put = (s: number, k: string) => ({ s, ops: [{ o: 'put' as const, n: 't:x', c: 'c', k, v: { k, s } }] })

/** Batches 1-3 acknowledged, then the log rotated (as a compaction at batch 3 does) and batches 4-5 appended. */
async function rotatedMidCompaction(): Promise<void> {
  const s = await openFileStore(file)
  for (const k of ['a', 'b', 'c']) {
    s.put('t:x', 'c', k, { k, s: ['a', 'b', 'c'].indexOf(k) + 1 })
    await s.sync()
  }
  await crash()
  await rename(`${file}.wal`, `${file}.wal.old`)
  const log = new WriteAheadLog(`${file}.wal`)
  await log.open({ snapshotSeq: 3 })
  await log.append(put(4, 'd'))
  await log.append(put(5, 'b')) // b changed again after the compaction's batch
  await log.close()
}

async function expectAll(s: Store): Promise<void> {
  expect(['a', 'b', 'c', 'd'].map((k) => s.get('t:x', 'c', k))).toEqual([
    { k: 'a', s: 1 },
    { k: 'b', s: 5 },
    { k: 'c', s: 3 },
    { k: 'd', s: 4 },
  ])
  // the unfinished compaction was finished before serving: one snapshot, an empty log, no leftovers
  expect(existsSync(`${file}.wal.old`)).toBe(false)
  expect(existsSync(join(dir, '.sandbox.json.tmp'))).toBe(false)
  expect(JSON.parse(await readFile(file, 'utf8')).seq).toBe(5)
  await s.close()
}

describe('a crash during a compaction', () => {
  it('before the snapshot is written: the old snapshot, the rotated log and the new one together hold everything', async () => {
    await rotatedMidCompaction()
    await writeFile(join(dir, '.sandbox.json.tmp'), '{"version":2,"seq":3,"names') // the piece written so far
    await expectAll(await openFileStore(file))
  })

  it('after the snapshot is renamed, before the rotated log is removed', async () => {
    await rotatedMidCompaction()
    const state = emptyLiveState()
    for (let s = 1; s <= 3; s++) applyOp(state, put(s, 'abc'[s - 1]!).ops[0]!)
    await writeSnapshot(file, state, 3)
    await expectAll(await openFileStore(file))
  })

  it('with a fuzzy snapshot: labelled batch 3 but already holding some of batch 4 and 5', async () => {
    await rotatedMidCompaction()
    const state = emptyLiveState()
    for (let s = 1; s <= 5; s++) applyOp(state, put(s, 'abcdb'[s - 1]!).ops[0]!)
    state.namespaces.get('t:x')!.get('c')!.set('b', { k: 'b', s: 2 }) // b as it was at batch 2: the replay of batch 5 puts it right
    await writeSnapshot(file, state, 3)
    await expectAll(await openFileStore(file))
  })

  it('refuses a rotated log that does not lead on to the active one', async () => {
    await rotatedMidCompaction()
    const old = await readFile(`${file}.wal.old`)
    await writeFile(`${file}.wal.old`, old.subarray(0, old.indexOf(0x0a) + 1)) // only batch 1 left: 2 and 3 missing
    await expect(openFileStore(file)).rejects.toThrow(/\.wal: record 1 .*it holds batch 4 right after batch 1/)
  })
})

describe('compaction while serving', () => {
  it('takes writes made while a compaction runs, and a restart finds all of them (the ordering is shown in store.test.ts)', async () => {
    const s = await openFileStore(file)
    const blob = 'x'.repeat(4000)
    for (let i = 0; i < 1500; i++) s.put('t:x', 'c', `k${i}`, { blob, i })
    await s.sync()
    const compacted = s.compact()
    s.put('t:x', 'c', 'during', { ok: true })
    await s.sync()
    await compacted
    s.put('t:x', 'c', 'after', { ok: true })
    await s.sync()
    await crash()
    const r = await openFileStore(file)
    expect(r.count('t:x', 'c')).toBe(1502)
    expect(r.get('t:x', 'c', 'during')).toEqual({ ok: true })
    expect(r.get('t:x', 'c', 'after')).toEqual({ ok: true })
    await r.close()
  })
})

describe('the snapshot walk', () => {
  it('is written piece by piece while records behind and ahead of it change, and ends in the live state', async () => {
    const state = emptyLiveState()
    const blob = 'y'.repeat(2000)
    for (let i = 0; i < 1000; i++) applyOp(state, { o: 'put', n: 't:x', c: 'c', k: `k${i}`, v: { i, blob } })
    const coll = state.namespaces.get('t:x')!.get('c')!
    let pieces = 0
    let atLastPiece: Record<string, object> = {}
    await writeSnapshot(file, state, 1, () => {
      pieces++
      atLastPiece = Object.fromEntries(coll) // the last piece is written after the walk: its changes come after
      // between two pieces, as requests would: re-put a record already written, change one ahead, drop one
      // ahead, and add one (a Map iterator visits the re-put and the new record again at its end)
      coll.delete(`k${pieces}`)
      coll.set(`k${pieces}`, { i: pieces, changed: true })
      coll.set(`k${999 - pieces}`, { i: 999 - pieces, ahead: true })
      coll.delete(`k${990 - pieces}`)
      coll.set(`new${pieces}`, { added: true })
    })
    expect(pieces).toBeGreaterThan(4) // ~2 MB in 256 KiB pieces: the walk was interrupted between records
    const written = JSON.parse(await readFile(file, 'utf8')) as { namespaces: Record<string, Record<string, object>> }
    expect(written.namespaces['t:x']!.c).toEqual(atLastPiece)
  })
})
