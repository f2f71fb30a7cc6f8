/**
 * Reads the snapshot (`<file>`) at start-up into the in-memory form (live-state.ts), refusing anything that is
 * not a whole sandbox data file.
 *
 * The writer (snapshot-writer.ts) ends every structural piece with a newline: the header, each namespace and
 * collection opener, each record (`"id":{…}`), each closer. The file is one ordinary JSON value (JSON allows
 * whitespace there, and a string never holds a raw newline), and it is read here a line at a time: one record is
 * parsed at a time, so no string ever holds the whole file. A whole-file string could not: V8 refuses strings
 * over 512 MiB, which a sandbox with a few hundred thousand coupons and their ledgers reaches, so the sandbox
 * would write a snapshot it could not start from. It also keeps start-up memory near the state's own size.
 *
 * A file without that layout (written by an earlier version, or reformatted by hand or by a tool) is parsed whole,
 * as before, when it fits in one string; damage is reported by line and byte offset where the layout holds.
 */
import { isAscii } from 'node:buffer'
import { open, readFile } from 'node:fs/promises'
import { CHECK_BYTES, CHECK_MEMBER, isCheckedHeader, lineCheckProblem } from './snapshot-check.js'
import { liveState, type LiveNamespace, type LiveState } from './live-state.js'
import { isObject, STATE_VERSION, StoreOpenError, stateProblem, type DbState, type Doc } from './state.js'

const CHUNK_BYTES = 4 << 20
const HEADER = /^\{"version":(\d+),"seq":(\d+),"namespaces":\{$/
const CHECKED_HEADER = new RegExp(`^\\{"version":(\\d+),"seq":(\\d+),${CHECK_MEMBER},"namespaces":\\{$`)

/** A line of a checked snapshot that failed its checksum and was left out (only with `repair`). */
export interface DamagedLine {
  /** 1-based line number */
  line: number
  /** byte offset of the line's first byte */
  offset: number
  /** what it was: a record of `ns`/`coll` (its id as far as it can be read), or the end of the file */
  kind: 'record' | 'cut-off'
  ns?: string
  coll?: string
  /** the record's id as the damaged line spells it; it may itself be damaged */
  id?: string
}

export interface SnapshotRead {
  state: LiveState
  /** every line carried a checksum (files written before checksums were added do not) */
  checked: boolean
  /** lines left out by `repair` */
  damaged: DamagedLine[]
}

export interface SnapshotReadOptions {
  /** leave out damaged records (and accept a cut-off end) instead of refusing; they are listed in `damaged` */
  repair?: boolean
}

/** The snapshot, or undefined when there is no file yet. */
export async function readSnapshot(path: string): Promise<LiveState | undefined> {
  return (await readSnapshotFile(path))?.state
}

/** The snapshot with what was checked and repaired, or undefined when there is no file yet. */
export async function readSnapshotFile(
  path: string,
  opts: SnapshotReadOptions = {},
): Promise<SnapshotRead | undefined> {
  let fh
  try {
    fh = await open(path, 'r')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StoreOpenError(path, (e as Error).message)
  }
  try {
    const first = Buffer.alloc(512)
    const { bytesRead } = await fh.read(first, 0, first.length, 0)
    const head = first.subarray(0, bytesRead)
    // a checked file is read line by line only: a damaged one must never pass as valid JSON read whole
    if (isCheckedHeader(head)) return await readLines(path, fh, true, opts.repair ?? false)
    const nl = head.indexOf(10)
    if (nl < 0 || !HEADER.test(head.toString('latin1', 0, nl))) return unchecked(await readWhole(path))
    try {
      return await readLines(path, fh, false, false)
    } catch (e) {
      // laid out otherwise by a person or a tool (a record over several lines): valid JSON is still read whole
      if (!(e instanceof StoreOpenError)) throw e
      const whole = await readWhole(path).catch(() => undefined)
      if (whole) return unchecked(whole)
      throw e
    }
  } catch (e) {
    if (e instanceof StoreOpenError) throw e
    throw new StoreOpenError(path, (e as Error).message)
  } finally {
    await fh.close()
  }
}

const unchecked = (state: LiveState): SnapshotRead => ({ state, checked: false, damaged: [] })

/** A file in one piece (no line layout): parsed whole and checked. */
async function readWhole(path: string): Promise<LiveState> {
  const bytes = await readFile(path)
  // snapshots are written in ASCII (snapshot-writer.ts): a one-byte string, half the memory of a UTF-16 one
  const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')
  let data: unknown
  try {
    data = JSON.parse(text) // keeps keys such as "__proto__" as own keys
  } catch (e) {
    throw new StoreOpenError(path, `it is not valid JSON (${(e as Error).message})`)
  }
  const problem = stateProblem(data)
  if (problem) throw new StoreOpenError(path, problem)
  return liveState(data as DbState)
}

/** `"key":rest` (after an optional leading comma) split into the key and the text after the colon, or undefined. */
function member(line: string): [string, string] | undefined {
  const from = line.charCodeAt(0) === 44 /* , */ ? 1 : 0
  if (line.charCodeAt(from) !== 34 /* " */) return undefined
  let i = from + 1
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c === 92 /* \ */) i++
    else if (c === 34) break
  }
  if (i >= line.length || line.charCodeAt(i + 1) !== 58 /* : */) return undefined
  return [JSON.parse(line.slice(from, i + 1)) as string, line.slice(i + 2)]
}

/** Text of a damaged line without the blanks at its end (where its checksum was). */
function damagedText(bytes: Buffer, start: number, end: number): string {
  let e = end
  while (e > start && (bytes[e - 1] === 0x20 || bytes[e - 1] === 0x09 || bytes[e - 1] === 0x0d)) e--
  return bytes.toString('latin1', start, e)
}

/** The id a damaged record line spells, if it can still be read. */
function damagedId(text: string): string | undefined {
  try {
    return member(text)?.[0]
  } catch {
    return undefined
  }
}

/**
 * The line layout: one structural piece per line, one record parsed at a time. In a checked file every line
 * must pass its checksum; with `repair`, damaged record lines are left out (listed in `damaged`) as long as
 * the lines around them show they were records, and a cut-off end is accepted.
 */
async function readLines(
  path: string,
  fh: Awaited<ReturnType<typeof open>>,
  checked: boolean,
  repair: boolean,
): Promise<SnapshotRead> {
  const state: LiveState = { version: STATE_VERSION, seq: 0, namespaces: new Map() }
  const damaged: DamagedLine[] = []
  /** damaged lines seen since the last good one, taken as records once the next good line shows they were */
  let suspect: DamagedLine[] = []
  let ns: LiveNamespace | undefined
  let nsName = ''
  let coll: Map<string, Doc> | undefined
  let collName = ''
  let done = false
  let lineNo = 0
  let offset = 0 // byte offset of the line being read
  const fail = (why: string, advice?: string): never => {
    throw new StoreOpenError(path, `line ${lineNo} (byte offset ${offset}) ${why}`, advice)
  }
  const structureLost = (at: DamagedLine): never => {
    lineNo = at.line
    offset = at.offset
    return fail(
      'is damaged where the structure of the file is (the header, a namespace or collection opener, or a closer)',
      'Nothing was changed. --repair cannot place the records after it safely: restore the file from a backup, ' +
        'or move it away (the data in it is then lost) or start with --memory.',
    )
  }
  const damage = (bytes: Buffer, start: number, end: number, why: string): void => {
    if (!repair)
      fail(
        `${why}: the file is damaged`,
        'Nothing was changed. Restore the file from a backup, or start once with --repair: it keeps a copy of ' +
          'the file, leaves out the damaged record(s), and says which of them the log restores and which are lost.',
      )
    const text = damagedText(bytes, start, end)
    const at: DamagedLine = { line: lineNo, offset, kind: 'record', ns: nsName, coll: collName, id: damagedId(text) }
    if (text.length === 0) return // a line that held nothing but (part of) a checksum
    if (lineNo === 1 || !coll || text.length <= 2 || text.endsWith('{')) structureLost(at)
    suspect.push(at)
  }
  const take = (bytes: Buffer, start: number, end: number): void => {
    lineNo++
    if (checked) {
      const problem = lineCheckProblem(bytes, start, end)
      if (problem) return damage(bytes, start, end, problem)
      end -= CHECK_BYTES
    }
    const line = bytes.toString('utf8', start, end)
    if (suspect.length > 0) {
      // damaged lines are records only if the good line after them is a record or their collection's end
      if (!coll || (line !== '}' && member(line)?.[1] === '{')) structureLost(suspect[0]!)
      damaged.push(...suspect)
      suspect = []
    }
    if (line.length === 0 && !checked) return
    if (done) fail('follows the end of the data object')
    if (lineNo === 1) {
      const m = (checked ? CHECKED_HEADER : HEADER).exec(line)
      if (!m) fail('is not the header of a sandbox data file')
      if (Number(m![1]) !== STATE_VERSION) fail(`is not a sandbox data file of version ${STATE_VERSION}`)
      state.seq = Number(m![2])
      return
    }
    if (coll) {
      if (line === '}') return void (coll = undefined)
      const m = member(line)
      let v: unknown
      try {
        v = m && JSON.parse(m[1])
      } catch (e) {
        fail(`is not valid JSON (${(e as Error).message})`)
      }
      if (!m) fail(`is not a record of ${nsName}/${collName} ("id":{…})`)
      if (!isObject(v)) fail(`record ${nsName}/${collName}/${m![0]} is not an object`)
      coll.set(m![0], v as Doc)
    } else if (ns) {
      if (line === '}') return void (ns = undefined)
      const m = member(line)
      if (!m || m[1] !== '{') fail(`is not a collection of ${nsName} ("name":{)`)
      collName = m![0]
      coll = ns.get(collName) ?? new Map()
      ns.set(collName, coll)
    } else {
      if (line === '}}') return void (done = true)
      const m = member(line)
      if (!m || m[1] !== '{') fail('is not a namespace ("name":{)')
      nsName = m![0]
      ns = state.namespaces.get(nsName) ?? new Map()
      state.namespaces.set(nsName, ns)
    }
  }
  const buf = Buffer.allocUnsafe(CHUNK_BYTES)
  let rest = Buffer.alloc(0)
  let position = 0
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, position)
    position += bytesRead
    const data = rest.length ? Buffer.concat([rest, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead)
    let start = 0
    for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, start)) {
      take(data, start, nl)
      offset += nl + 1 - start
      start = nl + 1
    }
    rest = Buffer.from(data.subarray(start))
    if (bytesRead === 0) break
  }
  if (rest.length) take(rest, 0, rest.length)
  if (!done) {
    if (!repair) fail('is where the file ends, before its data object does (a cut-off file)')
    damaged.push(...suspect, { line: lineNo, offset, kind: 'cut-off' })
  }
  return { state, checked, damaged }
}
