/**
 * Append-only log next to the lowdb snapshot: one self-checking record per flushed batch of mutations (format
 * in wal-format.ts), synced to disk before the batch's requests are answered. It keeps a write's cost
 * proportional to the batch, not to the whole database; the snapshot is rewritten (compaction) only when the
 * log has grown as large as it.
 *
 * The file grows in zero-filled chunks written ahead of the batches, and a batch overwrites zeros in place:
 * the file's size does not change on an append, so syncing one needs no journal commit of the inode (as with
 * PostgreSQL's zero-filled WAL segments, `wal_init_zero`). The log ends where the zero fill begins.
 */
import { close, constants, fdatasync, fsync, ftruncate, open, write } from 'node:fs'
import { copyFile, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { StoreOpenError } from './state.js'
import { countIntactAfter, encodeRecord, scanLog, type Batch, type Damage } from './wal-format.js'

export type { Batch } from './wal-format.js'

/** The log file grows by this many zero bytes at a time. */
const CHUNK_BYTES = 1 << 20

/** What `repair` dropped from a damaged log. */
export interface RepairReport {
  /** the untouched copy of the log as it was */
  copy: string
  damage: Damage
  /** intact records after the damaged one, dropped with it */
  droppedRecords: number
  /** bytes dropped, from the damaged record's offset to the end of the written data */
  droppedBytes: number
  /** one line for the operator */
  message: string
}

export interface WalOpenOptions {
  /** sequence number of the last batch in the snapshot: older batches are skipped, the next must follow it */
  snapshotSeq?: number
  /** on damage: keep a copy of the file, then drop the damaged record and everything after it */
  repair?: boolean
}

/** Promise around a callback-style fs call (lighter than FileHandle on the hot path: one threadpool trip). */
function call<T = void>(fn: (cb: (e: NodeJS.ErrnoException | null, v?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v as T))))
}

/** Makes a directory's entries (a created or renamed file) durable. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return // directories cannot be opened for syncing there
  const fd = await call<number>((cb) => open(dir, constants.O_RDONLY, cb))
  try {
    await call((cb) => fsync(fd, cb))
  } finally {
    await call((cb) => close(fd, cb))
  }
}

/** Copies the log to the first free `<log>.damaged-<n>`, durably, and returns that path. */
async function keepCopy(path: string): Promise<string> {
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

function lastNonZero(bytes: Buffer, from: number): number {
  let last = bytes.length
  while (last > from && bytes[last - 1] === 0) last--
  return last
}

export class WriteAheadLog {
  private fd: number | undefined
  /** bytes of batches in the log (where the next one is written) */
  size = 0
  /** bytes of the file: the batches and the zero fill after them */
  private allocated = 0

  /**
   * With `sync` (the default) the file is opened O_DSYNC: each append returns only once its bytes are on
   * the device, in one system call (a write and an fdatasync as one threadpool round trip).
   */
  constructor(
    readonly path: string,
    private readonly sync = true,
  ) {}

  /** set by `open` when it repaired the log */
  repaired: RepairReport | undefined

  /**
   * Reads every batch after `snapshotSeq`. A torn final record (an append that was never acknowledged) is
   * zeroed; a damaged record anywhere else stops start-up, unless `repair` is set.
   */
  async open(opts: WalOpenOptions = {}): Promise<Batch[]> {
    let bytes = Buffer.alloc(0)
    let created = false
    try {
      bytes = await readFile(this.path)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreOpenError(this.path, (e as Error).message)
      created = true
    }
    const snapshotSeq = opts.snapshotSeq ?? 0
    const scan = scanLog(bytes, snapshotSeq)
    if (scan.damage && !opts.repair) throw this.damaged(scan.damage, bytes)
    const { O_CREAT, O_DSYNC, O_RDWR } = constants
    const fd = await call<number>((cb) => open(this.path, O_RDWR | O_CREAT | (this.sync ? O_DSYNC : 0), 0o644, cb))
    this.fd = fd
    if (created) await syncDir(dirname(this.path))
    this.size = scan.end
    this.allocated = bytes.length
    if (scan.damage) {
      const copy = await keepCopy(this.path)
      await call((cb) => ftruncate(fd, scan.end, cb))
      await call((cb) => fdatasync(fd, cb))
      this.allocated = scan.end
      const droppedRecords = countIntactAfter(bytes, scan.damage.offset)
      const droppedBytes = lastNonZero(bytes, scan.end) - scan.end
      const message = `repaired ${this.path}: dropped record ${scan.damage.record} at byte ${scan.damage.offset} (${scan.damage.reason}) ` +
        `and ${droppedRecords} intact record(s) after it, ${droppedBytes} bytes in all; the original is kept as ${copy}`
      this.repaired = { copy, damage: scan.damage, droppedRecords, droppedBytes, message }
    } else if (scan.tornBytes > 0) {
      // a torn append, never acknowledged: back to zero fill, so the next record is written over zeros
      await this.writeAt(Buffer.alloc(scan.tornBytes), scan.end)
      await call((cb) => fdatasync(fd, cb))
    }
    return scan.batches.filter((b) => b.s > snapshotSeq)
  }

  private damaged(d: Damage, bytes: Buffer): StoreOpenError {
    const after = countIntactAfter(bytes, d.offset)
    return new StoreOpenError(
      this.path,
      `record ${d.record} of the write-ahead log, at byte ${d.offset}, is damaged: ${d.reason}`,
      `Nothing was changed. Keep a copy of the directory, then start once with --repair to drop record ${d.record} and ` +
        `everything after it (${after} intact record(s); the log is first copied to ${this.path}.damaged-<n>), or restore the files from a backup, or start with --memory.`,
    )
  }

  private async writeAt(buf: Buffer, position: number): Promise<void> {
    const fd = this.fd
    if (fd === undefined) throw new Error('write-ahead log is not open')
    const written = await call<number>((cb) => write(fd, buf, 0, buf.length, position, cb))
    // a short write leaves a torn line that the next open cuts; never acknowledge it
    if (written !== buf.length) throw new Error(`short write to ${this.path} (${written} of ${buf.length} bytes)`)
  }

  /** Appends a batch; resolves once it is written, and (opened with `sync`) on the device. */
  async append(batch: Batch): Promise<void> {
    const line = encodeRecord(batch)
    const end = this.size + line.length
    if (end > this.allocated) {
      const target = Math.ceil(end / CHUNK_BYTES) * CHUNK_BYTES
      await this.writeAt(Buffer.alloc(target - this.allocated), this.allocated)
      this.allocated = target
    }
    await this.writeAt(line, this.size)
    this.size = end
  }

  /** Empties the log once its batches are safely in the snapshot. */
  async truncate(): Promise<void> {
    const fd = this.fd
    if (fd === undefined) return
    await call((cb) => ftruncate(fd, 0, cb))
    await call((cb) => fdatasync(fd, cb))
    this.size = 0
    this.allocated = 0
  }

  async close(): Promise<void> {
    const fd = this.fd
    this.fd = undefined
    if (fd !== undefined) await call((cb) => close(fd, cb))
  }
}
