import { existsSync } from 'node:fs'
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFileStore } from './file-store.js'
import { StoreOpenError } from './state.js'
import { encodeRecord, scanLog, type Batch } from './wal-format.js'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-file-'))
  file = join(dir, 'sandbox.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The log's batches. */
async function logBatches(path: string): Promise<Batch[]> {
  return scanLog(await readFile(path)).batches
}

/** Writes the first `bytes` bytes of a record at the log's end, as a crash during the append could leave it. */
/** Writes the first `bytes` of a record after the last one, over the zero fill the log writes ahead of it. */
async function tearAppend(path: string, batch: Batch, bytes: number): Promise<void> {
  const old = await readFile(path)
  const end = scanLog(old).end
  const record = encodeRecord(batch)
  const fh = await open(path, 'r+')
  const step = Math.ceil((end + record.length) / (1 << 20)) * (1 << 20)
  if (step > old.length) await fh.write(Buffer.alloc(step - old.length), 0, step - old.length, old.length)
  await fh.write(record, 0, bytes, end)
  await fh.close()
}

describe('file store', () => {
  it('creates the file on first open and keeps what was synced across a restart', async () => {
    const a = await openFileStore(file)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 2,
      seq: 0,
      check: 'crc32-line',
      namespaces: {},
    })
    a.put('t:x', 'orders', 'o1', { order_id: 'o1', status: 201 })
    a.put('t:x', 'orders', 'o2', { order_id: 'o2', status: 201 })
    a.delete('t:x', 'orders', 'o2')
    await a.sync()
    // a crash after sync: no close, the lock is left behind by a dead holder
    await writeFile(`${file}.lock`, '999999')
    const b = await openFileStore(file)
    expect(b.get('t:x', 'orders', 'o1')).toEqual({ order_id: 'o1', status: 201 })
    expect(b.get('t:x', 'orders', 'o2')).toBeUndefined()
    await b.close()
  })

  it("keeps what was synced across a restart with fsync off too (written, not fdatasync'd)", async () => {
    const a = await openFileStore(file, { fsync: false })
    a.put('t:x', 'c', 'k', { v: 1 })
    await a.sync()
    await writeFile(`${file}.lock`, '999999')
    const b = await openFileStore(file)
    expect(b.get('t:x', 'c', 'k')).toEqual({ v: 1 })
    await b.close()
  })

  it('flushes a burst of mutations as one batch', async () => {
    const s = await openFileStore(file)
    for (let i = 0; i < 500; i++) s.put('t:x', 'c', String(i), { i })
    await s.sync()
    expect(s.flushes).toBe(1)
    const batches = await logBatches(`${file}.wal`)
    expect(batches).toHaveLength(1)
    expect(batches[0]!.ops).toHaveLength(500)
    await s.close()
  })

  it('writes one record once per batch however often it changed', async () => {
    const s = await openFileStore(file)
    for (let i = 0; i < 100; i++) s.put('t:x', 'c', 'same', { i })
    await s.sync()
    const [batch] = await logBatches(`${file}.wal`)
    expect(batch!.ops).toEqual([{ o: 'put', n: 't:x', c: 'c', k: 'same', v: { i: 99 } }])
    await s.close()
  })

  it('ignores a torn last log line (an append that was never acknowledged) and cuts it off', async () => {
    const s = await openFileStore(file)
    s.put('t:x', 'c', 'kept', { ok: true })
    await s.sync()
    await s.close()
    await tearAppend(
      `${file}.wal`,
      { s: 2, ops: [{ o: 'put', n: 't:x', c: 'c', k: 'torn', v: { torn: 'x'.repeat(1500) } }] },
      500,
    )
    const r = await openFileStore(file)
    expect(r.get('t:x', 'c', 'kept')).toEqual({ ok: true })
    expect(r.get('t:x', 'c', 'torn')).toBeUndefined()
    r.put('t:x', 'c', 'after', { ok: true })
    await r.sync()
    await r.close()
    const again = await openFileStore(file)
    expect(again.get('t:x', 'c', 'after')).toEqual({ ok: true })
    await again.close()
  })

  it('cuts a torn tail at the right byte when the log holds Chinese text', async () => {
    const s = await openFileStore(file)
    s.put('t:x', 'c', 'name', { account_name: 'lh测试商家', poi_name: '望京店' })
    await s.sync() // then a crash: no close, so the log still holds the line
    await tearAppend(
      `${file}.wal`,
      { s: 2, ops: [{ o: 'put', n: 't:x', c: 'c', k: '半', v: { name: '半'.repeat(600) } }] },
      700,
    )
    const r = await openFileStore(file)
    r.put('t:x', 'c', 'later', { name: '实物周边' })
    await r.sync()
    await r.close()
    const again = await openFileStore(file)
    expect(again.get('t:x', 'c', 'name')).toEqual({ account_name: 'lh测试商家', poi_name: '望京店' })
    expect(again.get('t:x', 'c', 'later')).toEqual({ name: '实物周边' })
    await again.close()
  })

  it('stops on a damaged log record that is not the last', async () => {
    await openFileStore(file).then((s) => s.close())
    await writeFile(`${file}.wal`, Buffer.concat([Buffer.from('garbage\n'), encodeRecord({ s: 1, ops: [] })]))
    await expect(openFileStore(file)).rejects.toThrow(
      /sandbox\.json\.wal: record 1 of the write-ahead log, at byte 0, is damaged/,
    )
  })

  it('refuses a corrupt data file with the path and the reason, and leaves it untouched', async () => {
    await writeFile(file, '{"version":1,"seq":0,"namesp')
    const err = await openFileStore(file).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreOpenError)
    expect((err as Error).message).toContain(file)
    expect((err as Error).message).toContain('not valid JSON')
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"seq":0,"namesp')
  })

  it('refuses a JSON file that is not a sandbox data file', async () => {
    await writeFile(file, '{"posts":[]}')
    await expect(openFileStore(file)).rejects.toThrow(/is not a sandbox data file of version 2 \(version: missing\)/)
  })

  it('refuses an unreadable path with the reason', async () => {
    await expect(openFileStore(dir)).rejects.toThrow(/cannot open data file .*EISDIR/)
  })

  it('refuses a file another live sandbox holds', async () => {
    const s = await openFileStore(file)
    await writeFile(`${file}.lock`, String(process.ppid))
    await expect(openFileStore(file)).rejects.toThrow(/in use by another sandbox \(pid/)
    // the advice is about the other sandbox, not about a file to fix
    await expect(openFileStore(file)).rejects.toThrow(
      /\. Stop that sandbox \(kill \d+\), or give this one its own file with --data/,
    )
    await s.close()
  })

  it('folds a large log into the snapshot and still restarts exactly', async () => {
    const s = await openFileStore(file)
    const blob = 'x'.repeat(2000)
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 500; i++) s.put('t:x', 'c', `${round}-${i}`, { blob, round })
      await s.sync()
    }
    s.put('t:x', 'c', 'last', { done: true })
    await s.sync()
    await s.settled() // the compaction runs in the background
    expect((await stat(`${file}.wal`)).size).toBeLessThan((await stat(file)).size)
    expect(existsSync(`${file}.wal.old`)).toBe(false)
    await s.close()
    const r = await openFileStore(file)
    expect(r.count('t:x', 'c')).toBe(3001)
    expect(r.get('t:x', 'c', '5-499')).toEqual({ blob, round: 5 })
    expect(r.get('t:x', 'c', 'last')).toEqual({ done: true })
    await r.close()
  })
})
