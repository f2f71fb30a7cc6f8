/**
 * The write-ahead log's record format (version 2) and the scan that reads it back.
 *
 * A record is one line: a 30-byte ASCII header, the batch as JSON, and a newline.
 *
 *     w2 <payload bytes, 8 hex> <CRC-32 of the payload, 8 hex> <CRC-32 of the 20 header chars before, 8 hex> <JSON>\n
 *
 * The header checks itself, so a damaged length is never trusted; the payload is checked by its CRC-32.
 * Records sit on a zero fill (see wal.ts); neither a header nor JSON text ever holds a NUL byte.
 *
 * Only a torn final record is dropped: one that fails its check, leaves nothing but zero fill after it, and is
 * incomplete the way an interrupted write leaves a record — the file ends inside it, or a whole 512-byte
 * sector of it (as far as the record reaches into that sector) is still zero fill. A single changed or zeroed
 * byte inside a complete record is damage, wherever the record is, and is never dropped silently.
 */
import { crc32 } from 'node:zlib'
import { isBatch, type Op } from './state.js'

/** One replayable batch of mutations. */
export interface Batch {
  s: number
  ops: Op[]
}

export const HEADER_BYTES = 30
/** The log file grows by this many zero bytes at a time (wal.ts), so a whole log ends in zero fill or on a step. */
export const CHUNK_BYTES = 1 << 20
/** writes to a disk are torn at sector boundaries, never inside one */
const SECTOR = 512
const hex8 = (n: number): string => n.toString(16).padStart(8, '0')
const HEADER = /^w2 ([0-9a-f]{8}) ([0-9a-f]{8}) ([0-9a-f]{8}) $/

/** Encodes a batch as one self-checking record. */
export function encodeRecord(batch: Batch): Buffer {
  const payload = Buffer.from(JSON.stringify(batch))
  const head = `w2 ${hex8(payload.length)} ${hex8(crc32(payload))}`
  const out = Buffer.allocUnsafe(HEADER_BYTES + payload.length + 1)
  out.write(`${head} ${hex8(crc32(head))} `, 0, 'latin1')
  payload.copy(out, HEADER_BYTES)
  out[out.length - 1] = 0x0a
  return out
}

/** A record that fails its check where the log cannot simply end. */
export interface Damage {
  /** 1-based number of the record in the file */
  record: number
  /** byte offset of the record's first byte */
  offset: number
  reason: string
}

export interface Scan {
  batches: Batch[]
  /** where the intact records end (the next record goes here) */
  end: number
  /** bytes of a torn final record, dropped; 0 when there was none */
  tornBytes: number
  damage?: Damage
}

export function allZero(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false
  return true
}

/** True when some sector the range [from, to) covers is still all zero within the range (never written). */
function hasUnwrittenSector(bytes: Buffer, from: number, to: number): boolean {
  for (let s = from - (from % SECTOR); s < to; s += SECTOR) {
    if (allZero(bytes, Math.max(s, from), Math.min(s + SECTOR, to))) return true
  }
  return false
}

type Read = { ok: true; batch: Batch; end: number } | { ok: false; reason: string; end?: number }

/** Reads the record at `at` (not at the zero fill). `end` is its extent when the header is intact. */
function readRecord(bytes: Buffer, at: number): Read {
  const header = bytes.toString('latin1', at, Math.min(at + HEADER_BYTES, bytes.length))
  const m = HEADER.exec(header)
  if (!m || parseInt(m[3]!, 16) !== crc32(header.slice(0, 20))) {
    const hint =
      bytes[at] === 0x7b ? ' (it looks like a version-1 log line: this sandbox reads log version 2 only)' : ''
    return { ok: false, reason: `its header fails its check${hint}` }
  }
  const length = parseInt(m[1]!, 16)
  const end = at + HEADER_BYTES + length + 1
  if (end > bytes.length) return { ok: false, reason: 'the file ends inside it', end }
  const payload = bytes.subarray(at + HEADER_BYTES, end - 1)
  if (bytes[end - 1] !== 0x0a || crc32(payload) !== parseInt(m[2]!, 16))
    return { ok: false, reason: 'its checksum does not match its bytes', end }
  let batch: unknown
  try {
    batch = JSON.parse(payload.toString('utf8'))
  } catch {
    batch = undefined
  }
  // the checksum matched: this is what was written, but not a batch this version understands
  if (!isBatch(batch))
    return { ok: false, reason: 'it passes its checksum but does not hold a batch of this log version' }
  return { ok: true, batch, end }
}

/** Whether the failed record at `at` is a torn append that was never acknowledged. */
function isTorn(bytes: Buffer, at: number, r: { end?: number }): boolean {
  if (r.end !== undefined) {
    if (r.end > bytes.length) return true // the file ends inside it; nothing can follow it
    return allZero(bytes, r.end, bytes.length) && hasUnwrittenSector(bytes, at, r.end)
  }
  // the header itself is incomplete: the part written stops at a sector boundary, zero fill from there on
  const stop = Math.min(at + HEADER_BYTES, bytes.length)
  let z = at
  while (z < stop && bytes[z] !== 0) z++
  if (z === bytes.length) return true
  return z < stop && z % SECTOR === 0 && allZero(bytes, z, bytes.length)
}

/**
 * Why batch `s` cannot follow batch `prev` (undefined: the first record) over a snapshot ending at batch
 * `snapshotSeq`, or undefined. A compaction takes a batch number of its own and empties the log after renaming
 * the snapshot; a crash in between leaves older batches, and the next one then follows the snapshot's.
 */
function sequenceGap(prev: number | undefined, s: number, snapshotSeq: number): string | undefined {
  if (s <= snapshotSeq)
    return prev === undefined || s === prev + 1
      ? undefined
      : `it holds batch ${s} right after batch ${prev}: a record is missing or out of place`
  if (prev === undefined || prev <= snapshotSeq) {
    return s === snapshotSeq + 1
      ? undefined
      : `it holds batch ${s} but the snapshot ends at batch ${snapshotSeq}: the records between are missing`
  }
  return s === prev + 1
    ? undefined
    : `it holds batch ${s} right after batch ${prev}: a record is missing or out of place`
}

/**
 * Reads every intact record. Stops at the zero fill, at a torn final record (reported in `tornBytes`), or at the
 * first damaged record (reported in `damage`, with the batches before it). A missing record (a gap in the batch
 * numbers, or a log that does not go on from the snapshot's batch) counts as damage of the record after it.
 */
export function scanLog(bytes: Buffer, snapshotSeq = 0, prevSeq?: number): Scan {
  const batches: Batch[] = []
  let at = 0
  let record = 0
  while (at < bytes.length) {
    if (bytes[at] === 0 && allZero(bytes, at, bytes.length)) break
    record++
    const r = readRecord(bytes, at)
    if (!r.ok) {
      if (isTorn(bytes, at, r)) {
        let last = bytes.length
        while (last > at && bytes[last - 1] === 0) last--
        return { batches, end: at, tornBytes: last - at }
      }
      return { batches, end: at, tornBytes: 0, damage: { record, offset: at, reason: r.reason } }
    }
    const gap = sequenceGap(batches.at(-1)?.s ?? prevSeq, r.batch.s, snapshotSeq)
    if (gap) return { batches, end: at, tornBytes: 0, damage: { record, offset: at, reason: gap } }
    batches.push(r.batch)
    at = r.end
  }
  return { batches, end: at, tornBytes: 0 }
}

/** Counts the intact records after a damaged one (what a repair drops besides it). */
export function countIntactAfter(bytes: Buffer, from: number): number {
  let n = 0
  for (let i = bytes.indexOf('\nw2 ', from); i !== -1; i = bytes.indexOf('\nw2 ', i + 1)) {
    if (readRecord(bytes, i + 1).ok) n++
  }
  return n
}
