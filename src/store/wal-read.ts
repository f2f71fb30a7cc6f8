/**
 * Reading the log at start: the segment a compaction was folding (`<log>.old`, present only when the sandbox
 * stopped before that compaction finished) and then the active log, as one sequence of batches; and the
 * explicit repair of a damaged one.
 */
import { close, constants, fdatasync, fsync, ftruncate, open, write } from 'node:fs'
import { copyFile, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { StoreOpenError } from './state.js'
import { CHUNK_BYTES, countIntactAfter, scanLog, type Damage, type Scan } from './wal-format.js'

export function call<T = void>(fn: (cb: (e: NodeJS.ErrnoException | null, v?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v as T))))
}

/** Makes a directory's entries (a created, renamed or removed file) durable. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return // directories cannot be opened for syncing there
  const fd = await call<number>((cb) => open(dir, constants.O_RDONLY, cb))
  try {
    await call((cb) => fsync(fd, cb))
  } finally {
    await call((cb) => close(fd, cb))
  }
}

export interface Segment {
  path: string
  /** undefined: the file does not exist */
  bytes: Buffer | undefined
  scan: Scan
}

async function readOrNothing(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StoreOpenError(path, (e as Error).message)
  }
}

/** Reads `<log>.old` (if any) and `<log>`, the second going on from the first. */
export async function readSegments(path: string, snapshotSeq: number): Promise<Segment[]> {
  const segments: Segment[] = []
  const oldBytes = await readOrNothing(`${path}.old`)
  let prev: number | undefined
  if (oldBytes) {
    const scan = scanLog(oldBytes, snapshotSeq)
    if (scan.tornBytes > 0) {
      // a closed segment was complete when the active log took over: an incomplete record there is damage
      scan.damage = {
        record: scan.batches.length + 1,
        offset: scan.end,
        reason: 'it is incomplete, in a segment closed for compaction',
      }
    }
    segments.push({ path: `${path}.old`, bytes: oldBytes, scan })
    prev = scan.batches.at(-1)?.s
  }
  const bytes = await readOrNothing(path)
  const damagedBefore = segments.some((s) => s.scan.damage)
  const scan = damagedBefore
    ? { batches: [], end: 0, tornBytes: 0 }
    : scanLog(bytes ?? Buffer.alloc(0), snapshotSeq, prev)
  if (bytes && !scan.damage) scan.damage = cutDamage(bytes, scan)
  segments.push({ path, bytes, scan })
  return segments
}

/**
 * A log cut short by something other than an append (truncated, copied in part), or undefined. The log grows by
 * whole 1 MiB steps of zero fill written before the records that go into them, so an interrupted append leaves
 * zero fill after it, and a whole log ends in zero fill or exactly on a step. One that ends in record bytes off
 * a step was cut: how much went with the cut cannot be told, so it is damage, not a torn final record.
 */
function cutDamage(bytes: Buffer, scan: Scan): Damage | undefined {
  if (bytes.length % CHUNK_BYTES === 0 || bytes[bytes.length - 1] === 0) return undefined
  const where = scan.tornBytes > 0 ? `inside record ${scan.batches.length + 1}` : 'right after its last record'
  return {
    record: scan.batches.length + 1,
    offset: scan.end,
    reason:
      `the file ends at byte ${bytes.length}, ${where}, with no zero fill after it and off the 1 MiB steps ` +
      `the log grows by: it was cut (truncated or copied in part), not torn by an interrupted write, so ` +
      `acknowledged batches after byte ${scan.end} may be missing and cannot be recovered from this file`,
  }
}

/**
 * A warning when the active log ends inside its final record on a 1 MiB step: an append cut short when the
 * file's last step was lost (a power cut with --fsync off), or a cut that happened to fall on a step.
 */
export function endsInsideRecord(seg: Segment): string | undefined {
  const b = seg.bytes
  if (!b || seg.scan.tornBytes === 0 || b[b.length - 1] === 0) return undefined
  return (
    `${seg.path} ends inside its final record (byte ${seg.scan.end}, ${seg.scan.tornBytes} bytes); it was ` +
    `dropped as a torn append. With --fsync on (the default) an interrupted append leaves zero fill after it, so ` +
    `if this file was cut or copied in part, acknowledged batches after that point are missing.`
  )
}

/** What `repair` dropped from a damaged log. */
export interface RepairReport {
  /** the untouched copy of the damaged segment */
  copy: string
  /** the segment the damage is in */
  segment: string
  damage: Damage
  /** intact records after the damaged one, dropped with it (in later segments too) */
  droppedRecords: number
  /** bytes dropped, from the damaged record's offset to the end of the written data */
  droppedBytes: number
  /** one line for the operator */
  message: string
}

export function damagedError(seg: Segment, d: Damage): StoreOpenError {
  const after = countIntactAfter(seg.bytes!, d.offset)
  return new StoreOpenError(
    seg.path,
    `record ${d.record} of the write-ahead log, at byte ${d.offset}, is damaged: ${d.reason}`,
    `Nothing was changed. Keep a copy of the directory, then start once with --repair to drop record ${d.record} and ` +
      `everything after it (${after} intact record(s) here; the log is first copied to ${seg.path}.damaged-<n>), or restore the files from a backup, or start with --memory.`,
  )
}

/** Copies a file to the first free `<file>.damaged-<n>`, durably, and returns that path. */
export async function keepCopy(path: string): Promise<string> {
  for (let n = 1; ; n++) {
    const copy = `${path}.damaged-${n}`
    try {
      await copyFile(path, copy, constants.COPYFILE_EXCL)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue
      throw e
    }
    const fd = await call<number>((cb) => open(copy, constants.O_RDONLY, cb))
    await call((cb) => fsync(fd, cb)).finally(() => call((cb) => close(fd, cb)))
    await syncDir(dirname(path))
    return copy
  }
}

/** Cuts the file at `length` and zero-fills it to the next 1 MiB step, as the log leaves it after an append. */
async function cutAt(path: string, length: number): Promise<void> {
  const fd = await call<number>((cb) => open(path, constants.O_RDWR, cb))
  try {
    await call((cb) => ftruncate(fd, length, cb))
    const fill = Buffer.alloc(Math.ceil(length / CHUNK_BYTES) * CHUNK_BYTES - length)
    if (fill.length > 0) await call<number>((cb) => write(fd, fill, 0, fill.length, length, cb))
    await call((cb) => fdatasync(fd, cb))
  } finally {
    await call((cb) => close(fd, cb))
  }
}

const written = (bytes: Buffer | undefined, from: number): number => {
  let last = bytes?.length ?? 0
  while (last > from && bytes![last - 1] === 0) last--
  return last - from
}

/** Keeps a copy of the damaged segment, cuts it before the damage and empties every later one (copied too). */
export async function repair(segments: Segment[]): Promise<RepairReport | undefined> {
  const i = segments.findIndex((s) => s.scan.damage)
  if (i === -1) return undefined
  const seg = segments[i]!
  const damage = seg.scan.damage!
  const copy = await keepCopy(seg.path)
  await cutAt(seg.path, damage.offset)
  let droppedRecords = countIntactAfter(seg.bytes!, damage.offset)
  let droppedBytes = written(seg.bytes, damage.offset)
  for (const later of segments.slice(i + 1)) {
    if (!later.bytes || written(later.bytes, 0) === 0) continue
    droppedRecords += scanLog(later.bytes).batches.length
    droppedBytes += written(later.bytes, 0)
    await keepCopy(later.path)
    await cutAt(later.path, 0)
    later.bytes = Buffer.alloc(0)
    later.scan = { batches: [], end: 0, tornBytes: 0 }
  }
  seg.scan.damage = undefined
  const message =
    `repaired ${seg.path}: dropped record ${damage.record} at byte ${damage.offset} (${damage.reason}) ` +
    `and ${droppedRecords} intact record(s) after it, ${droppedBytes} bytes in all; the original is kept as ${copy}`
  return { copy, segment: seg.path, damage, droppedRecords, droppedBytes, message }
}
