import { open, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { liveState, plainNamespace } from './live-state.js'
import { readSnapshot } from './snapshot-read.js'
import { writeSnapshot } from './snapshot-writer.js'
import { StoreOpenError, type DbState } from './state.js'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-snap-'))
  file = join(dir, 'sandbox.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A state with awkward keys and texts: prototype names, non-ASCII, escapes, newlines inside strings. */
function awkward(): DbState {
  const orders = JSON.parse(
    '{"__proto__":{"out_id":"__proto__"},"constructor":{"a":1},"o\\"1\\n":{"title":"双人套餐\\n第二行","emoji":"😀","nested":{"x":[1,{"y":"}\\n{"}]}}}',
  )
  return {
    version: 2,
    seq: 42,
    namespaces: JSON.parse(
      `{"sys":{"tenants":{"k":{"client_key":"k"}}},"t:k":{"orders":${JSON.stringify(orders)},"toString":{}},"__proto__":{"c":{"r":{"v":1}}}}`,
    ),
  }
}

const plain = (s: Awaited<ReturnType<typeof readSnapshot>>) => ({
  version: s!.version,
  seq: s!.seq,
  namespaces: Object.fromEntries([...s!.namespaces].map(([n, ns]) => [n, plainNamespace(ns)])),
})

/** The StoreOpenError reading `file` gives (fails the test when it reads). */
async function refusal(): Promise<StoreOpenError> {
  const e = await readSnapshot(file).then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(StoreOpenError)
  return e as StoreOpenError
}

describe('snapshot read', () => {
  it('reads back what the writer wrote, awkward keys and texts included, one line per piece', async () => {
    const state = awkward()
    await writeSnapshot(file, liveState(state), 42)
    const text = await readFile(file, 'utf8')
    expect(JSON.parse(text)).toEqual({ ...state, check: 'crc32-line' }) // still one ordinary JSON value
    expect(text.split('\n').length).toBeGreaterThan(8)
    const back = await readSnapshot(file)
    expect(JSON.stringify(plain(back))).toBe(JSON.stringify(state))
    expect(back!.namespaces.get('t:k')!.get('orders')!.get('__proto__')).toEqual({ out_id: '__proto__' })
  })

  it('reads a file in one piece (an earlier layout, or written by hand), and a missing file as none', async () => {
    const state = awkward()
    await writeFile(file, JSON.stringify(state))
    expect(JSON.stringify(plain(await readSnapshot(file)))).toBe(JSON.stringify(state))
    await rm(file)
    expect(await readSnapshot(file)).toBeUndefined()
  })

  it('reads a file whose header line stayed but whose records were reformatted over several lines', async () => {
    await writeFile(
      file,
      '{"version":2,"seq":3,"namespaces":{\n"t":{\n"c":{\n"a":{\n  "v": 1,\n  "w": [2]\n}\n}\n}\n}}\n',
    )
    expect(plain(await readSnapshot(file))).toEqual({
      version: 2,
      seq: 3,
      namespaces: { t: { c: { a: { v: 1, w: [2] } } } },
    })
  })

  it('keeps the later copy of a record that appears twice (the writer walked past a re-put record)', async () => {
    await writeFile(
      file,
      '{"version":2,"seq":1,"namespaces":{\n"t":{\n"c":{\n"a":{"v":1}\n,"b":{"v":2}\n,"a":{"v":3}\n}\n}\n}}\n',
    )
    expect(plain(await readSnapshot(file)).namespaces).toEqual({ t: { c: { a: { v: 3 }, b: { v: 2 } } } })
  })

  it('refuses a cut-off file at every line boundary and inside lines, naming the line and byte offset', async () => {
    await writeSnapshot(file, liveState(awkward()), 42)
    const whole = await readFile(file)
    const cuts = [...whole.entries()].filter(([, b]) => b === 10).map(([i]) => i + 1)
    cuts.pop() // the whole file
    for (const cut of [...cuts, 100, 120, whole.length - 2]) {
      await writeFile(file, whole.subarray(0, cut))
      const e = await refusal()
      expect(e.message).toMatch(/line \d+ \(byte offset \d+\)/)
    }
    await writeFile(file, whole)
    expect(await readSnapshot(file)).toBeDefined()
  })

  it('refuses a damaged byte inside a record, and a record that is not an object, by line', async () => {
    await writeSnapshot(file, liveState(awkward()), 42)
    const whole = await readFile(file)
    const lines = whole.toString('latin1').split('\n')
    const at = lines.findIndex((l) => l.includes('"constructor":{"a":1}'))
    const offset = lines.slice(0, at).reduce((n, l) => n + l.length + 1, 0)
    const damaged = Buffer.from(whole)
    damaged[offset + lines[at]!.indexOf(':{') + 1] = 0x00
    await writeFile(file, damaged)
    const e = await refusal()
    expect(e.message).toContain(`line ${at + 1} (byte offset ${offset})`)
    expect(e.message).toContain('fails its checksum')
    // the same file without checksums (as earlier versions wrote it) is checked by its structure
    const unchecked = whole
      .toString('latin1')
      .replace(/[ \t]{32}\n/g, '\n')
      .replace(',"check":"crc32-line"', '')
    await writeFile(file, unchecked.replace('"constructor":{"a":1}', '"constructor":{"a"\u0000}'))
    const uncheckedOffset = Buffer.byteLength(unchecked.slice(0, unchecked.indexOf('"constructor":{"a":1}') - 1))
    expect((await refusal()).message).toContain(`line ${at + 1} (byte offset ${uncheckedOffset})`)
    await writeFile(file, unchecked.replace('"constructor":{"a":1}', '"constructor":[1]'))
    expect((await refusal()).message).toContain('record t:k/orders/constructor is not an object')
    await writeFile(file, `${unchecked}{"more":1}\n`)
    expect((await refusal()).message).toContain('follows the end of the data object')
    await writeFile(file, `${whole.toString('latin1')}{"more":1}\n`)
    expect((await refusal()).message).toMatch(/line \d+ \(byte offset \d+\) .*checksum/)
  })

  it('reads a snapshot larger than any one string can be (V8: 512 MiB), a line at a time', async () => {
    const piece = 'x'.repeat(4 << 20)
    const records = 140 // ≈ 590 MB
    const fh = await open(file, 'w')
    await fh.write('{"version":2,"seq":7,"namespaces":{\n"t:big":{\n"blobs":{\n')
    for (let i = 0; i < records; i++) await fh.write(`${i ? ',' : ''}"r${i}":{"text":"${piece}"}\n`)
    await fh.write('}\n}\n}}\n')
    await fh.close()
    // what reading it whole would meet
    await expect(readFile(file, 'latin1')).rejects.toThrow(/string (length|longer)/i)
    const back = await readSnapshot(file)
    expect(back!.seq).toBe(7)
    const blobs = back!.namespaces.get('t:big')!.get('blobs')!
    expect(blobs.size).toBe(records)
    expect((blobs.get(`r${records - 1}`) as { text: string }).text.length).toBe(piece.length)
    await truncate(file, 0)
  }, 120_000)
})
