/**
 * Append-only log next to the lowdb snapshot: one JSON line per flushed batch of mutations, synced to disk
 * before the batch's requests are answered. It keeps a write's cost proportional to the batch, not to the
 * whole database; the snapshot is rewritten (compaction) only when the log has grown as large as it.
 *
 * The file grows in zero-filled chunks written ahead of the batches, and a batch overwrites zeros in place:
 * the file's size does not change on an append, so syncing one needs no journal commit of the inode (as with
 * PostgreSQL's zero-filled WAL segments, `wal_init_zero`). The log therefore ends at its first NUL byte (JSON
 * text never holds one), or at the end of the file for a log written before the zero fill.
 */
import { close, constants, fdatasync, fsync, ftruncate, open, write } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { batchSchema, StoreOpenError, type Op } from './state.js'

/** The log file grows by this many zero bytes at a time. */
const CHUNK_BYTES = 1 << 20

/** One replayable batch. */
export interface Batch {
  s: number
  ops: Op[]
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

  /**
   * Reads every complete batch. A torn last line (a crash during an append that was never acknowledged)
   * is cut off; a damaged line before the end is corruption and stops start-up.
   */
  async open(): Promise<Batch[]> {
    let bytes = Buffer.alloc(0)
    let created = false
    try {
      bytes = await readFile(this.path)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreOpenError(this.path, (e as Error).message)
      created = true
    }
    const nul = bytes.indexOf(0)
    const text = bytes.toString('utf8', 0, nul === -1 ? bytes.length : nul)
    const batches: Batch[] = []
    let good = 0
    let start = 0
    let lineNo = 0
    while (start < text.length) {
      lineNo++
      const end = text.indexOf('\n', start)
      const isLast = end === -1 || end === text.length - 1
      const line = end === -1 ? text.slice(start) : text.slice(start, end)
      let parsed: Batch | undefined
      if (end !== -1) {
        try {
          const r = batchSchema.safeParse(JSON.parse(line))
          if (r.success) parsed = r.data as Batch
        } catch {
          parsed = undefined
        }
      }
      if (!parsed) {
        if (isLast) break
        throw new StoreOpenError(this.path, `line ${lineNo} of the write-ahead log is damaged`)
      }
      batches.push(parsed)
      good = end + 1
      start = end + 1
    }
    const { O_CREAT, O_DSYNC, O_RDWR } = constants
    const fd = await call<number>((cb) => open(this.path, O_RDWR | O_CREAT | (this.sync ? O_DSYNC : 0), 0o644, cb))
    this.fd = fd
    if (created) await syncDir(dirname(this.path))
    this.size = Buffer.byteLength(text.slice(0, good))
    this.allocated = bytes.length
    // whatever follows the last complete batch (a torn append, or what is left of one) becomes zero fill
    let dirty = bytes.length
    while (dirty > this.size && bytes[dirty - 1] === 0) dirty--
    if (dirty > this.size) {
      await this.writeAt(Buffer.alloc(dirty - this.size), this.size)
      await call((cb) => fdatasync(fd, cb))
    }
    return batches
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
    const line = Buffer.from(`${JSON.stringify(batch)}\n`)
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
