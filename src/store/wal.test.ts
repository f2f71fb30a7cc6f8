import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { encodeRecord, HEADER_BYTES } from './wal-format.js'
import { WriteAheadLog, type Batch } from './wal.js'

const put = (s: number, k: string, v: unknown = s): Batch => ({ s, ops: [{ o: 'put', n: 't:x', c: 'c', k, v: { v } }] })
const MB = 1 << 20

let dir: string
let path: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-wal-'))
  path = join(dir, 'db.json.wal')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function reopen(snapshotSeq = 0): Promise<{ log: WriteAheadLog; batches: Batch[] }> {
  const log = new WriteAheadLog(path)
  return { log, batches: await log.open({ snapshotSeq }) }
}

/** Writes bytes into the file at a position, as a crash during an append could leave them. */
async function scribble(position: number, bytes: Buffer): Promise<void> {
  const fh = await open(path, 'r+')
  await fh.write(bytes, 0, bytes.length, position)
  await fh.close()
}

describe('write-ahead log', () => {
  it('writes self-checking records over a zero fill, so an append does not change the file size', async () => {
    const { log } = await reopen()
    await log.append(put(1, 'a'))
    await log.append(put(2, 'b'))
    expect((await stat(path)).size).toBe(MB)
    const bytes = await readFile(path)
    expect(log.size).toBe(bytes.indexOf(0))
    expect(
      bytes.subarray(0, log.size).equals(Buffer.concat([encodeRecord(put(1, 'a')), encodeRecord(put(2, 'b'))])),
    ).toBe(true)
    expect(bytes.toString('latin1', 0, 3)).toBe('w2 ')
    await log.close()
    expect((await reopen()).batches.map((b) => b.s)).toEqual([1, 2])
  })

  it('grows by whole chunks when a batch runs past the fill', async () => {
    const { log } = await reopen()
    await log.append(put(1, 'big', 'x'.repeat(MB)))
    expect((await stat(path)).size).toBe(2 * MB)
    await log.close()
    const { batches } = await reopen()
    expect(batches[0]!.ops[0]).toMatchObject({ k: 'big', v: { v: 'x'.repeat(MB) } })
  })

  it('turns a torn append whose pieces reached the disk out of order (a sector between still zero) back into zeros', async () => {
    const { log } = await reopen()
    await log.append(put(1, 'kept'))
    await log.close()
    const end = log.size
    const torn = encodeRecord(put(2, 'torn', 'y'.repeat(3000)))
    await scribble(end, torn.subarray(0, 1100 - end))
    await scribble(end + 2000, torn.subarray(2000))
    const again = await reopen()
    expect(again.batches.map((b) => b.s)).toEqual([1])
    await again.log.append(put(2, 'after'))
    await again.log.close()
    expect((await readFile(path)).subarray(again.log.size).every((b) => b === 0)).toBe(true)
    expect(
      (await reopen()).batches.map((b) => {
        const op = b.ops[0]!
        return 'k' in op ? op.k : ''
      }),
    ).toEqual(['kept', 'after'])
  })

  it('drops a record the file ends inside on a 1 MiB step (its last step lost), with a warning', async () => {
    const first = (n: number) => encodeRecord(put(1, 'old', 'x'.repeat(n)))
    const whole = first(MB - 40 - first(0).length) // ends 40 bytes before the step
    await writeFile(path, Buffer.concat([whole, encodeRecord(put(2, 'cut')).subarray(0, 40)]))
    expect((await stat(path)).size).toBe(MB)
    const { log, batches } = await reopen()
    expect(batches.map((b) => b.s)).toEqual([1])
    expect(log.warnings).toEqual([expect.stringMatching(/ends inside its final record .*dropped as a torn append/)])
    await log.append(put(2, 'new'))
    await log.close()
    expect(
      (await reopen()).batches.map((b) => {
        const op = b.ops[0]!
        return 'k' in op ? op.k : ''
      }),
    ).toEqual(['old', 'new'])
  })

  it('refuses a log cut off a 1 MiB step (inside a record or right after one); --repair zero-fills from there', async () => {
    const records = Array.from({ length: 30 }, (_, i) => encodeRecord(put(i + 1, `order${i}`, 'x'.repeat(200))))
    const all = Buffer.concat(records)
    for (const cut of [Math.floor(all.length / 2), records.slice(0, 15).reduce((n, r) => n + r.length, 0)]) {
      await writeFile(path, all.subarray(0, cut)) // cut in half, as `truncate -s` or a partial copy leaves it
      const e = await new WriteAheadLog(path).open().then(
        () => new Error('opened'),
        (x: Error) => x,
      )
      expect(e.message).toMatch(/record 1[56] of the write-ahead log, at byte \d+, is damaged: the file ends at byte/)
      expect(e.message).toMatch(/it was cut \(truncated or copied in part\), not torn .* may be missing/)
      expect(e.message).toMatch(/--repair/)
      expect((await readFile(path)).equals(all.subarray(0, cut))).toBe(true)
    }
    const log = new WriteAheadLog(path)
    const kept = await log.open({ repair: true })
    expect(kept).toHaveLength(15)
    expect(log.repaired!.message).toMatch(/dropped record 16/)
    await log.close()
    expect((await stat(path)).size).toBe(MB) // zero-filled to the step: it opens as a sound log now
    expect(await (await reopen()).batches).toHaveLength(15)
  })

  it('drops a record whose header was cut at a sector boundary, but not one whose header has a stray zero byte', async () => {
    // record 1 is padded so that record 2 starts 12 bytes before the first sector boundary
    const pad = 512 - 12 - HEADER_BYTES - 1 - JSON.stringify(put(1, 'pad', '')).length
    const first = encodeRecord(put(1, 'pad', 'p'.repeat(pad)))
    expect(first.length).toBe(500)
    const second = encodeRecord(put(2, 'x'))
    await writeFile(path, Buffer.concat([first, second.subarray(0, 12), Buffer.alloc(MB)]))
    const a = await reopen()
    expect(a.batches.map((b) => b.s)).toEqual([1])
    await a.log.close()
    const stray = Buffer.from(second)
    stray[5] = 0
    await writeFile(path, Buffer.concat([first, stray, Buffer.alloc(MB)]))
    await expect(reopen()).rejects.toThrow(
      /record 2 of the write-ahead log, at byte 500, is damaged: its header fails its check/,
    )
  })

  it("empties the file on truncate; the next batch follows the snapshot's", async () => {
    const { log } = await reopen()
    await log.append(put(1, 'a'))
    await log.truncate()
    expect((await stat(path)).size).toBe(0)
    await log.append(put(3, 'b'))
    await log.close()
    expect((await reopen(2)).batches.map((b) => b.s)).toEqual([3])
    await expect(reopen(1)).rejects.toThrow(
      /it holds batch 3 but the snapshot ends at batch 1: the records between are missing/,
    )
  })

  it("skips batches a snapshot already holds, and takes the batch after the snapshot's after them", async () => {
    // a crash between the compaction's rename and the log's truncation: batches 1-2 are in snapshot 3
    const { log } = await reopen()
    await log.append(put(1, 'a'))
    await log.append(put(2, 'b'))
    await log.close()
    const again = await reopen(3)
    expect(again.batches).toEqual([])
    await again.log.append(put(4, 'c'))
    await again.log.close()
    expect((await reopen(3)).batches.map((b) => b.s)).toEqual([4])
    await expect(reopen(2)).rejects.toThrow(/record 3 .*it holds batch 4 but the snapshot ends at batch 2/)
  })
})
