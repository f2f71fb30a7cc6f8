import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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

async function reopen(): Promise<{ log: WriteAheadLog; batches: Batch[] }> {
  const log = new WriteAheadLog(path)
  return { log, batches: await log.open() }
}

/** Writes bytes into the file at a position, as a crash during an append could leave them. */
async function scribble(position: number, text: string): Promise<void> {
  const fh = await open(path, 'r+')
  await fh.write(text, position)
  await fh.close()
}

describe('write-ahead log', () => {
  it('writes batches over a zero fill, so an append does not change the file size', async () => {
    const { log } = await reopen()
    await log.append(put(1, 'a'))
    await log.append(put(2, 'b'))
    expect((await stat(path)).size).toBe(MB)
    expect(log.size).toBe((await readFile(path, 'utf8')).indexOf('\0'))
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

  it('turns a torn append in the fill, even one in scattered pieces, back into zeros', async () => {
    const { log } = await reopen()
    await log.append(put(1, 'kept'))
    await log.close()
    const end = log.size
    await scribble(end, '{"s":2,"ops":[{"o":"put"')
    await scribble(end + 4096, 'c","k":"torn"}]}\n')
    const again = await reopen()
    expect(again.batches.map((b) => b.s)).toEqual([1])
    await again.log.append(put(2, 'after'))
    await again.log.close()
    const bytes = await readFile(path)
    const tail = bytes.subarray(again.log.size)
    expect(tail.every((b) => b === 0)).toBe(true)
    expect((await reopen()).batches.map((b) => b.ops[0]!.o === 'ns' ? '' : b.ops[0]!.k)).toEqual(['kept', 'after'])
  })

  it('reads a log written without a zero fill and cuts its torn tail', async () => {
    await writeFile(path, `${JSON.stringify(put(1, 'old'))}\n{"s":2,"ops":[{"o":"pu`)
    const { log, batches } = await reopen()
    expect(batches.map((b) => b.s)).toEqual([1])
    await log.append(put(2, 'new'))
    await log.close()
    expect((await reopen()).batches.map((b) => b.s)).toEqual([1, 2])
  })

  it('empties the file on truncate', async () => {
    const { log } = await reopen()
    await log.append(put(1, 'a'))
    await log.truncate()
    expect((await stat(path)).size).toBe(0)
    await log.append(put(2, 'b'))
    await log.close()
    expect((await reopen()).batches.map((b) => b.s)).toEqual([2])
  })
})
