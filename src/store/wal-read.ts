/**
 * Reading the log at start: the segment a compaction was folding (`<log>.old`, present only when the sandbox
 * stopped before that compaction finished) and then the active log, as one sequence of batches; and the
 * explicit repair of a damaged one.
 */
import { close, constants, fdatasync, fsync, ftruncate, open } from 'node:fs'
import { copyFile, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { StoreOpenError } from './state.js'
import { countIntactAfter, scanLog, type Damage, type Scan } from './wal-format.js'

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
  segments.push({ path, bytes, scan })
  return segments
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

async function cutAt(path: string, length: number): Promise<void> {
  const fd = await call<number>((cb) => open(path, constants.O_RDWR, cb))
  try {
    await call((cb) => ftruncate(fd, length, cb))
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
