/**
 * A background compaction that fails (a full disk while its snapshot is written) loses nothing and stops
 * nothing: the log still holds every batch, so writes go on being acknowledged, a warning says what happened
 * and what to do, and the compaction is tried again (here at once, through compact()) and then finishes.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-compact-retry-'))
  file = join(dir, 'sandbox.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })

it('goes on acknowledging writes after a failed compaction, says so, and finishes the compaction on a retry', async () => {
  let failures = 1
  const warnings: string[] = []
  const s = await openFileStore(file, {
    onSnapshotPiece: () => {
      if (failures-- > 0) throw enospc()
    },
    onWarning: (m) => warnings.push(m),
  })
  for (let i = 0; i < 5; i++) s.put('t:x', 'c', `before${i}`, { i })
  await s.sync()

  await expect(s.compact()).rejects.toThrow(/compaction failed: ENOSPC/)
  expect(warnings).toHaveLength(1)
  expect(warnings[0]).toMatch(
    /compaction of .*sandbox\.json failed: the device holding .* is full: ENOSPC.*Nothing is lost.*tried again in 2 s .*Free disk space on/,
  )
  expect(existsSync(`${file}.wal.old`)).toBe(true) // the rotated log keeps what the snapshot did not get
  expect(existsSync(join(dir, '.sandbox.json.tmp'))).toBe(false)

  s.put('t:x', 'c', 'after-failure', { ok: true })
  await expect(s.sync()).resolves.toBeUndefined() // acknowledged, not refused

  await s.compact() // the retry: the snapshot as of the rotation, then the new log folded in too
  expect(s.compactionError).toBeUndefined()
  expect(existsSync(`${file}.wal.old`)).toBe(false)
  expect(JSON.parse(await readFile(file, 'utf8')).namespaces['t:x'].c['after-failure']).toEqual({ ok: true })

  s.put('t:x', 'c', 'last', { ok: true })
  await s.sync()
  await writeFile(`${file}.lock`, '999999') // as kill -9 leaves it
  const r = await openFileStore(file)
  expect(r.count('t:x', 'c')).toBe(7)
  expect(r.get('t:x', 'c', 'last')).toEqual({ ok: true })
  await r.close()
})

it('after a failed compaction, a crash before any retry still loses nothing', async () => {
  const s = await openFileStore(file, {
    onSnapshotPiece: () => {
      throw enospc()
    },
    onWarning: () => undefined,
  })
  s.put('t:x', 'c', 'a', { v: 1 })
  await s.sync()
  await expect(s.compact()).rejects.toThrow(/ENOSPC/)
  s.put('t:x', 'c', 'b', { v: 2 })
  await s.sync()
  await writeFile(`${file}.lock`, '999999')
  const r = await openFileStore(file)
  expect([r.get('t:x', 'c', 'a'), r.get('t:x', 'c', 'b')]).toEqual([{ v: 1 }, { v: 2 }])
  expect(existsSync(`${file}.wal.old`)).toBe(false) // finished at start
  await r.close()
})
