/**
 * The text of a namespace body (a control-plane snapshot of a tenant, kept beside the data file: blobs.ts).
 * One header line, then one line per record, all ASCII (characters outside it as `\uXXXX` escapes):
 *
 *     {"namespace_body":2,"records":<n>}
 *     ["<collection>","<id>",<record>]
 *
 * Written piece by piece from a copy-on-write view (ns-view.ts) and read back piece by piece into Maps, the
 * event loop serving requests between pieces both ways. A record can appear twice (same value): the last wins.
 * Bodies written by earlier versions are one JSON object (collection → id → record) and are read in one go.
 */
import { liveNamespace, type LiveNamespace } from './live-state.js'
import type { NamespaceView } from './ns-view.js'
import { isObject, type Doc, type NamespaceData } from './state.js'

const VERSION = 2
/** A body is written in pieces of about this many characters, the event loop serving between them. */
const PIECE_CHARS = 1 << 16
/** When read, the event loop gets a turn after about this many characters are parsed. */
const READ_TURN_CHARS = 1 << 18
const NON_ASCII = /[\u0080-\uffff]/g
const ascii = (json: string): string =>
  json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** The view as body text, in pieces; gives the event loop a turn between pieces. */
export async function* bodyPieces(view: NamespaceView): AsyncGenerator<string> {
  let piece = `${JSON.stringify({ namespace_body: VERSION, records: view.records })}\n`
  for (const c of view.collections()) {
    const coll = JSON.stringify(c)
    for (const [k, rec] of view.entries(c)) {
      piece += `[${coll},${JSON.stringify(k)},${JSON.stringify(rec)}]\n`
      if (piece.length >= PIECE_CHARS) {
        yield ascii(piece)
        piece = ''
        await yieldTurn()
      }
    }
  }
  yield ascii(piece)
}

function bodyError(line: number, offset: number, why: string): Error {
  return new Error(`line ${line} (byte ${offset}) of the snapshot body ${why}`)
}

/**
 * Reads body text given in chunks (ASCII) into a namespace, giving the event loop a turn every few hundred KB.
 * The chunks' source checks the whole body (length and CRC-32) once the last chunk is read, so a damaged body
 * throws before anything is returned.
 */
export async function readBody(chunks: AsyncIterable<string>): Promise<LiveNamespace> {
  const ns: LiveNamespace = new Map()
  let rest = ''
  let line = 0
  let offset = 0
  let header: boolean | undefined
  let sinceTurn = 0
  const take = (text: string): void => {
    line++
    const at = offset
    offset += text.length + 1
    if (header === undefined) {
      let h: unknown
      try {
        h = JSON.parse(text)
      } catch {
        h = undefined
      }
      header = isObject(h) && h.namespace_body === VERSION
      if (!header) throw bodyError(line, at, 'is not a namespace body header')
      return
    }
    let r: unknown
    try {
      r = JSON.parse(text)
    } catch {
      throw bodyError(line, at, 'is not JSON')
    }
    if (!Array.isArray(r) || r.length !== 3 || typeof r[0] !== 'string' || typeof r[1] !== 'string' || !isObject(r[2]))
      throw bodyError(line, at, 'is not a [collection, id, record] line')
    let coll = ns.get(r[0])
    if (!coll) ns.set(r[0], (coll = new Map()))
    coll.set(r[1], r[2] as Doc)
  }
  let legacy: string[] | undefined
  for await (const chunk of chunks) {
    if (legacy) {
      legacy.push(chunk)
      continue
    }
    if (
      header === undefined &&
      offset === 0 &&
      rest === '' &&
      chunk.startsWith('{') &&
      !/^\{"namespace_body"/.test(chunk)
    ) {
      legacy = [chunk] // a body of an earlier version: one JSON object
      continue
    }
    const lines = (rest + chunk).split('\n')
    rest = lines.pop()!
    for (const l of lines) take(l)
    sinceTurn += chunk.length
    if (sinceTurn >= READ_TURN_CHARS) {
      sinceTurn = 0
      await yieldTurn()
    }
  }
  if (legacy) return liveNamespace(JSON.parse(legacy.join('')) as NamespaceData)
  if (rest !== '') throw bodyError(line + 1, offset, 'is cut off (no newline at its end)')
  if (!header) throw bodyError(1, 0, 'is missing (the body is empty)')
  return ns
}
