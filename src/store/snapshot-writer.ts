/**
 * Writes the snapshot (`<file>`) without stopping the server (one structural piece per line, each ending in
 * its checksum, see snapshot-read.ts and snapshot-check.ts): the state is serialised record by record into
 * 256 KiB pieces, each written before the next is made, so the event loop serves requests between pieces (a
 * piece takes a few ms to make) and memory holds one piece, never the whole text. The pieces go to a temporary
 * file that is synced and renamed over the snapshot. Characters outside ASCII are written as `\uXXXX` escapes:
 * an ASCII file is read back as a one-byte string, about half the memory and a quicker start (file-store.ts).
 *
 * A record deleted and put again while the walk is past it can appear twice; the later copy wins when the file
 * is read (JSON.parse keeps the last duplicate key), and the log replays it anyway.
 *
 * Mutations go on while it writes, so the snapshot is fuzzy, as a database's fuzzy checkpoint: it holds every
 * batch up to `seq` and maybe some of the later ones. That is sound because the log keeps every batch after
 * `seq` until the snapshot is renamed, and batches are idempotent (whole-record puts, deletes, whole-namespace
 * replacements): replaying them in order over the snapshot ends in the same state, whatever it already held.
 */
import { close, constants, fdatasync, open, rename, rm, write } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { LiveState } from './live-state.js'
import { CHECK_BYTES, CHECK_MEMBER, lineCheck } from './snapshot-check.js'
import { checkFault, errnoError, freeBytes, type StoreFs } from './fs-seam.js'
import { syncDir } from './wal.js'

const PIECE_BYTES = 1 << 18
/**
 * The temporary file is synced every this many bytes. Left to one sync at the end, a 300 MB snapshot was flushed
 * in one burst (≈ 140 ms of disk here) and the log's syncs of answered writes waited behind it (a write's worst
 * latency 125–138 ms while no event-loop pause exceeded 25 ms); synced in steps, each log sync waits for a few MB.
 */
const SYNC_BYTES = 1 << 23
/**
 * A snapshot stops before it would leave less than this free on the disk: the log (growing 1 MiB at a time) keeps
 * room to acknowledge writes, and the failed compaction is tried again later. Without it a snapshot's temp file
 * could fill the disk, and the log's next step would fail with it.
 */
export const LOG_RESERVE_BYTES = 8 << 20
const NON_ASCII = /[\u0080-\uffff]/
const NON_ASCII_ALL = /[\u0080-\uffff]/g
/** JSON text with every character outside ASCII escaped (same JSON value). */
const ascii = (json: string): string =>
  NON_ASCII.test(json)
    ? json.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : json

function call<T = void>(fn: (cb: (e: NodeJS.ErrnoException | null, v?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v as T))))
}

const mib = (n: number): string => `${(n / (1 << 20)).toFixed(1)} MiB`

/** The temporary file a snapshot is written to before its rename. */
export const snapshotTempPath = (path: string): string => join(dirname(path), `.${basename(path)}.tmp`)

/**
 * Serialises `state` as of batch `seq` (fuzzy, see above) into `path`, durably; returns its size in bytes.
 * `onPiece` is awaited after each piece is written, with the bytes written so far (a hook for tests).
 */
export async function writeSnapshot(
  path: string,
  state: LiveState,
  seq: number,
  onPiece?: (bytes: number) => Promise<void> | void,
  fs?: StoreFs,
): Promise<number> {
  const temp = snapshotTempPath(path)
  checkFault(fs, 'open', temp)
  const fd = await call<number>((cb) =>
    open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o644, cb),
  )
  let bytes = 0
  let synced = 0
  let piece: string[] = []
  let pieceLength = 0
  const flush = async (): Promise<void> => {
    const buf = Buffer.from(piece.join(''))
    piece = []
    pieceLength = 0
    const free = await freeBytes(fs, dirname(path))
    if (free - buf.length < LOG_RESERVE_BYTES)
      throw errnoError(
        'ENOSPC',
        `only ${mib(free)} free on ${dirname(path)}: the snapshot stopped at ${mib(bytes)} to leave the log ` +
          `${mib(LOG_RESERVE_BYTES)}`,
      )
    checkFault(fs, 'write', temp)
    for (let off = 0; off < buf.length;)
      off += await call<number>((cb) => write(fd, buf, off, buf.length - off, bytes + off, cb))
    bytes += buf.length
    if (bytes - synced >= SYNC_BYTES) {
      await call((cb) => fdatasync(fd, cb))
      synced = bytes
    }
    await onPiece?.(bytes)
  }
  /** one line: its text, its checksum (snapshot-check.ts) and a newline */
  const put = async (text: string): Promise<void> => {
    const json = ascii(text)
    piece.push(json, lineCheck(json), '\n')
    pieceLength += json.length + CHECK_BYTES + 1
    if (pieceLength >= PIECE_BYTES) await flush() // the event loop serves requests while this is written
  }
  try {
    // one piece per line: the same JSON, read back a line at a time (snapshot-read.ts)
    await put(`{"version":${state.version},"seq":${seq},${CHECK_MEMBER},"namespaces":{`)
    let firstNs = true
    // Map iterators are lazy: a 300k-record collection is walked piece by piece, never listed in one call
    for (const [n, ns] of state.namespaces) {
      await put(`${firstNs ? '' : ','}${JSON.stringify(n)}:{`)
      firstNs = false
      let firstColl = true
      for (const [c, coll] of ns) {
        await put(`${firstColl ? '' : ','}${JSON.stringify(c)}:{`)
        firstColl = false
        let firstRec = true
        for (const [k, rec] of coll) {
          await put(`${firstRec ? '' : ','}${JSON.stringify(k)}:${JSON.stringify(rec)}`)
          firstRec = false
        }
        await put('}')
      }
      await put('}')
    }
    await put('}}')
    await flush()
    await call((cb) => fdatasync(fd, cb))
  } catch (e) {
    await call((cb) => close(fd, cb)).catch(() => undefined)
    await call((cb) => rm(temp, { force: true }, cb)).catch(() => undefined)
    throw e
  }
  await call((cb) => close(fd, cb))
  try {
    checkFault(fs, 'rename', path)
    await call((cb) => rename(temp, path, cb))
  } catch (e) {
    await call((cb) => rm(temp, { force: true }, cb)).catch(() => undefined) // not left to fill the disk
    throw e
  }
  await syncDir(dirname(path)) // the rename itself, before the log it replaces is dropped
  return bytes
}
