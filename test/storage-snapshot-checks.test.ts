/**
 * Every line of the snapshot carries a checksum: a single flipped bit anywhere in the file (a digit of an
 * expire_time, of a certificate_id, a letter of a key, a blank of a checksum, a newline) is refused with the
 * line and byte offset, and the file is left as it was. Files written before checksums still load. --repair
 * leaves out damaged records and says which the log restores and which are lost.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'
import { StoreOpenError } from '../src/store/state.js'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-snapcheck-'))
  file = join(dir, 'sandbox.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A snapshot holding coupon-like records, written by a compaction. */
async function writeCoupons(n: number): Promise<Buffer> {
  const s = await openFileStore(file)
  for (let i = 0; i < n; i++)
    s.put('t:shop', 'certificates', `70${String(1_000_000 + i)}`, {
      certificate_id: `70${String(1_000_000 + i)}`,
      expire_time: 1_893_456_000 + i,
      amount: { pay_amount: 9900, list_market_amount: 12800 },
      title: '双人套餐',
      status: i % 3,
    })
  await s.sync()
  await s.close() // small: the log is folded into the snapshot
  return readFile(file)
}

async function refusal(opts = {}): Promise<Error> {
  return openFileStore(file, opts).then(
    async (s) => {
      await s.close()
      throw new Error('opened a damaged snapshot')
    },
    (e: Error) => e,
  )
}

it('refuses every one of 300 random single-bit flips, naming the line and byte offset, and changes nothing', async () => {
  const whole = await writeCoupons(40)
  let seed = 20261206
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0)
  for (let i = 0; i < 300; i++) {
    const at = next() % whole.length
    const damaged = Buffer.from(whole)
    damaged[at]! ^= 1 << (next() % 8)
    await writeFile(file, damaged)
    const e = await refusal()
    expect(e, `bit flip at byte ${at}`).toBeInstanceOf(StoreOpenError)
    expect(e.message).toMatch(/line \d+ \(byte offset \d+\)/)
    expect((await readFile(file)).equals(damaged)).toBe(true)
    expect(existsSync(`${file}.lock`)).toBe(false)
  }
})

it('still reads a snapshot written without checksums (earlier versions), and rewrites it with them', async () => {
  const whole = await writeCoupons(5)
  const old = whole
    .toString('latin1')
    .replace(/[ \t]{32}\n/g, '\n')
    .replace(',"check":"crc32-line"', '')
  await writeFile(file, old)
  const s = await openFileStore(file)
  expect(s.count('t:shop', 'certificates')).toBe(5)
  await s.close()
  const now = await readFile(file, 'latin1')
  expect(now.split('\n')[0]).toMatch(/"check":"crc32-line".*[ \t]{32}$/)
})

it('with --repair: keeps a copy, leaves damaged records out, and says which the log restores and which are lost', async () => {
  const whole = await writeCoupons(6)
  const text = whole.toString('latin1')
  const lineOf = (id: string) => text.slice(0, text.indexOf(`"${id}":`)).split('\n').length
  const damaged = Buffer.from(whole)
  for (const id of ['701000001', '701000004'])
    damaged[text.indexOf(`"expire_time":`, text.indexOf(`"${id}":`)) + 15]! ^= 1
  await writeFile(file, damaged)
  // the log writes one of the two records again after the snapshot
  const later = { certificate_id: '701000004', expire_time: 1, status: 9 }
  const w = await openFileStore(file, { repair: true })
  w.put('t:shop', 'certificates', '701000004', later)
  await w.sync()
  await writeFile(`${file}.lock`, '999999') // killed: the log is replayed at the next start
  await writeFile(file, damaged)

  expect((await refusal()).message).toContain(`line ${lineOf('701000001')} (byte offset`)
  const s = await openFileStore(file, { repair: true })
  const report = s.snapshotRepaired!
  expect(report.copy).toBe(`${file}.damaged-2`)
  expect((await readFile(report.copy)).equals(damaged)).toBe(true)
  expect(report.lost.map((d) => [d.line, d.id])).toEqual([[lineOf('701000001'), '701000001']])
  expect(report.restored.map((d) => d.id)).toEqual(['701000004'])
  expect(report.message).toMatch(/LOST: line \d+ \(byte \d+\): record t:shop\/certificates\/701000001/)
  expect(report.message).toMatch(/restored from the log: .*701000004/)
  expect(report.message).toMatch(/cannot recover a record only the damaged line held/)
  expect(s.get('t:shop', 'certificates', '701000001')).toBeUndefined()
  expect(s.get('t:shop', 'certificates', '701000004')).toEqual(later)
  expect(s.count('t:shop', 'certificates')).toBe(5)
  await s.close()
  const again = await openFileStore(file) // the snapshot was rewritten whole: it opens without --repair
  expect(again.count('t:shop', 'certificates')).toBe(5)
  await again.close()
})

it('with --repair, still refuses damage where the structure of the file is, and says why', async () => {
  const whole = await writeCoupons(3)
  const damaged = Buffer.from(whole)
  damaged[whole.indexOf('"certificates":{')]! ^= 4 // the collection opener
  await writeFile(file, damaged)
  const e = await refusal({ repair: true })
  expect(e.message).toMatch(/line 3 \(byte offset \d+\) is damaged where the structure of the file is/)
  expect(e.message).toMatch(/restore the file from a backup/)
  expect((await readFile(file)).equals(damaged)).toBe(true)
})
