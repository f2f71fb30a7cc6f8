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
import { liveState, type LiveNamespace, type LiveState } from './live-state.js'
import { isObject, STATE_VERSION, StoreOpenError, stateProblem, type DbState, type Doc } from './state.js'

const CHUNK_BYTES = 4 << 20
const HEADER = /^\{"version":(\d+),"seq":(\d+),"namespaces":\{$/

/** The snapshot, or undefined when there is no file yet. */
export async function readSnapshot(path: string): Promise<LiveState | undefined> {
  let fh
  try {
    fh = await open(path, 'r')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StoreOpenError(path, (e as Error).message)
  }
  try {
    const first = Buffer.alloc(256)
    const { bytesRead } = await fh.read(first, 0, first.length, 0)
    const nl = first.subarray(0, bytesRead).indexOf(10)
    if (nl < 0 || !HEADER.test(first.toString('latin1', 0, nl))) return await readWhole(path)
    try {
      return await readLines(path, fh)
    } catch (e) {
      // laid out otherwise by a person or a tool (a record over several lines): valid JSON is still read whole
      if (!(e instanceof StoreOpenError)) throw e
      const whole = await readWhole(path).catch(() => undefined)
      if (whole) return whole
      throw e
    }
  } catch (e) {
    if (e instanceof StoreOpenError) throw e
    throw new StoreOpenError(path, (e as Error).message)
  } finally {
    await fh.close()
  }
}

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

/** The line layout: one structural piece per line, one record parsed at a time. */
async function readLines(path: string, fh: Awaited<ReturnType<typeof open>>): Promise<LiveState> {
  const state: LiveState = { version: STATE_VERSION, seq: 0, namespaces: new Map() }
  let ns: LiveNamespace | undefined
  let nsName = ''
  let coll: Map<string, Doc> | undefined
  let collName = ''
  let done = false
  let lineNo = 0
  let offset = 0 // byte offset of the line being read
  const fail = (why: string): never => {
    throw new StoreOpenError(path, `line ${lineNo} (byte offset ${offset}) ${why}`)
  }
  const take = (line: string): void => {
    lineNo++
    if (line.length === 0) return
    if (done) fail('follows the end of the data object')
    if (lineNo === 1) {
      const m = HEADER.exec(line)!
      if (Number(m[1]) !== STATE_VERSION) fail(`is not a sandbox data file of version ${STATE_VERSION}`)
      state.seq = Number(m[2])
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
      take(data.toString('utf8', start, nl))
      offset += nl + 1 - start
      start = nl + 1
    }
    rest = Buffer.from(data.subarray(start))
    if (bytesRead === 0) break
  }
  if (rest.length) take(rest.toString('utf8'))
  if (!done) fail('is where the file ends, before its data object does (a cut-off file)')
  return state
}
