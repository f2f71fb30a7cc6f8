/**
 * A damaged byte in the write-ahead log never loses acknowledged data silently: start-up is refused with the
 * path, record number and byte offset, and the files are left exactly as they were; `repair` keeps a copy first.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'
import { StoreOpenError } from '../src/store/state.js'
import { HEADER_BYTES, scanLog } from '../src/store/wal-format.js'
import { runMain, startMain } from './helpers/process.js'

let dir: string
let file: string
let wal: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-damage-'))
  file = join(dir, 'sandbox.json')
  wal = `${file}.wal`
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Nine acknowledged batches (one product, then orders), then a crash: no close, the lock left by a dead pid. */
async function nineRecords(): Promise<Array<{ offset: number; end: number }>> {
  const s = await openFileStore(file)
  s.put('t:x', 'products', 'p1', { product_id: 'p1', name: '双人套餐' })
  await s.sync()
  for (let i = 1; i <= 8; i++) {
    s.put('t:x', 'orders', `o${i}`, { order_id: `o${i}`, product_id: 'p1', note: 'x'.repeat(300) })
    await s.sync()
  }
  await writeFile(`${file}.lock`, '999999')
  const bytes = await readFile(wal)
  const scan = scanLog(bytes)
  expect(scan.batches).toHaveLength(9)
  const records: Array<{ offset: number; end: number }> = []
  for (let at = 0; at < scan.end;) {
    const end = bytes.indexOf(0x0a, at) + 1
    records.push({ offset: at, end })
    at = end
  }
  return records
}

async function setByte(position: number, value: number): Promise<void> {
  const fh = await open(wal, 'r+')
  await fh.write(Buffer.from([value]), 0, 1, position)
  await fh.close()
}

const hash = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

async function expectRefused(record: number, offset: number): Promise<void> {
  const before = { wal: await hash(wal), snapshot: await hash(file), files: (await readdir(dir)).sort() }
  const err = await openFileStore(file).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(StoreOpenError)
  const msg = (err as Error).message
  expect(msg).toContain(wal)
  expect(msg).toContain(`record ${record} of the write-ahead log, at byte ${offset}, is damaged`)
  expect(msg).toContain('--repair')
  // nothing replaced, truncated or zero-filled; no copy made; the lock given back
  expect(await hash(wal)).toBe(before.wal)
  expect(await hash(file)).toBe(before.snapshot)
  expect((await readdir(dir)).sort()).toEqual(before.files.filter((f) => !f.endsWith('.lock')))
}

describe('a damaged write-ahead log', () => {
  it('refuses start-up on a zero byte in the middle of the first record', async () => {
    const r = await nineRecords()
    await setByte(r[0]!.offset + 60, 0)
    await expectRefused(1, 0)
  })

  it('refuses start-up on a zero byte in the middle of the third of nine records (the records after it are intact)', async () => {
    const r = await nineRecords()
    await setByte(Math.floor((r[2]!.offset + r[2]!.end) / 2), 0)
    await expectRefused(3, r[2]!.offset)
  })

  it('refuses start-up on one changed character of the last complete, newline-ended record', async () => {
    const r = await nineRecords()
    const at = r[8]!.end - 20 // inside the JSON, before the closing braces
    const bytes = await readFile(wal)
    expect(bytes[at]).toBe('x'.charCodeAt(0))
    await setByte(at, 'y'.charCodeAt(0))
    await expectRefused(9, r[8]!.offset)
  })

  it('refuses start-up on a zero byte in the middle of the last acknowledged record', async () => {
    const r = await nineRecords()
    await setByte(Math.floor((r[8]!.offset + r[8]!.end) / 2), 0)
    await expectRefused(9, r[8]!.offset)
  })

  it("refuses start-up on a changed length digit in the last record's header", async () => {
    const r = await nineRecords()
    await setByte(r[8]!.offset + 3, '9'.charCodeAt(0)) // first digit of the payload length: now far past the file
    await expectRefused(9, r[8]!.offset)
  })

  it("refuses start-up on the last record's newline replaced", async () => {
    const r = await nineRecords()
    await setByte(r[8]!.end - 1, ' '.charCodeAt(0))
    await expectRefused(9, r[8]!.offset)
  })

  it('says so on start-up of the server: exit 1, the path, the record and what to do, no stack trace', async () => {
    const r = await nineRecords()
    await setByte(r[2]!.offset + HEADER_BYTES + 5, 0)
    const run = await runMain(['--port', '0', '--data', file])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      `cannot open data file ${wal}: record 3 of the write-ahead log, at byte ${r[2]!.offset}, is damaged`,
    )
    expect(run.stderr).toContain('--repair')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('repair', () => {
  it('starts the server with --repair after it refused, keeping a copy and saying what it dropped', async () => {
    const r = await nineRecords()
    await setByte(r[2]!.offset + HEADER_BYTES + 5, 0)
    expect((await runMain(['--port', '0', '--data', file])).code).toBe(1)
    const s = await startMain(['--port', '0', '--data', file, '--repair'])
    try {
      expect(s.output()).toContain(`repaired ${wal}: dropped record 3 at byte ${r[2]!.offset}`)
      expect((await fetch(`${s.url}/sandbox/health`)).status).toBe(200)
      expect((await readdir(dir)).filter((f) => f.includes('.damaged-'))).toEqual(['sandbox.json.wal.damaged-1'])
    } finally {
      await s.stop('SIGTERM')
    }
  })

  it('keeps a copy of the log, then drops the damaged record and everything after it, and says what it dropped', async () => {
    const r = await nineRecords()
    await setByte(Math.floor((r[2]!.offset + r[2]!.end) / 2), 0)
    const original = await hash(wal)
    const s = await openFileStore(file, { repair: true })
    expect(s.repaired).toMatchObject({
      copy: `${wal}.damaged-1`,
      damage: { record: 3, offset: r[2]!.offset },
      droppedRecords: 6,
    })
    expect(s.repaired!.droppedBytes).toBe(r[8]!.end - r[2]!.offset)
    expect(s.repaired!.message).toContain(`dropped record 3 at byte ${r[2]!.offset}`)
    expect(await hash(`${wal}.damaged-1`)).toBe(original)
    expect(s.get('t:x', 'products', 'p1')).toMatchObject({ name: '双人套餐' })
    expect(s.get('t:x', 'orders', 'o1')).toMatchObject({ order_id: 'o1' })
    expect(s.get('t:x', 'orders', 'o2')).toBeUndefined()
    s.put('t:x', 'orders', 'o9', { order_id: 'o9' })
    await s.sync()
    await writeFile(`${file}.lock`, '999999') // crash again: the repaired log takes new records
    const after = await openFileStore(file)
    expect(after.repaired).toBeUndefined()
    expect(after.get('t:x', 'orders', 'o9')).toEqual({ order_id: 'o9' })
    expect(after.count('t:x', 'orders')).toBe(2)
    await after.close()
  })

  it('leaves a sound log alone and numbers a second copy after the first', async () => {
    const r = await nineRecords()
    const s = await openFileStore(file, { repair: true })
    expect(s.repaired).toBeUndefined()
    await s.close()
    expect(existsSync(`${wal}.damaged-1`)).toBe(false)
    await writeFile(`${wal}.damaged-1`, 'an earlier copy')
    const t = await openFileStore(file)
    t.put('t:x', 'c', 'a', { v: 1 })
    await t.sync()
    t.put('t:x', 'c', 'b', { v: 2 })
    await t.sync()
    await writeFile(`${file}.lock`, '999999')
    await setByte(1, 'x'.charCodeAt(0))
    const u = await openFileStore(file, { repair: true })
    expect(u.repaired).toMatchObject({ copy: `${wal}.damaged-2`, damage: { record: 1, offset: 0 }, droppedRecords: 1 })
    expect(await readFile(`${wal}.damaged-1`, 'utf8')).toBe('an earlier copy')
    expect(r.length).toBe(9)
    await u.close()
  })
})
