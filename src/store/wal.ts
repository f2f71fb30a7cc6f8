/**
 * Append-only log next to the snapshot: one self-checking record per flushed batch of mutations (format in
 * wal-format.ts), synced to disk before the batch's requests are answered. It keeps a write's cost
 * proportional to the batch, not to the whole database.
 *
 * The file grows in zero-filled chunks written ahead of the batches, and a batch overwrites zeros in place:
 * the file's size does not change on an append, so syncing one needs no journal commit of the inode (as with
 * PostgreSQL's zero-filled WAL segments, `wal_init_zero`). The log ends where the zero fill begins.
 *
 * A compaction rotates the log: the active file becomes `<log>.old` and a new one takes the next batches;
 * once the snapshot holding everything in `.old` is renamed into place, `.old` is removed.
 */
import { close, constants, fdatasync, fstat, ftruncate, open, rename, rm, write } from 'node:fs'
import { dirname } from 'node:path'
import { checkFault, type StoreFs } from './fs-seam.js'
import { CHUNK_BYTES, encodeRecord, type Batch } from './wal-format.js'
import { call, damagedError, endsInsideRecord, readSegments, repair, syncDir, type RepairReport } from './wal-read.js'

export type { Batch } from './wal-format.js'
export { syncDir, type RepairReport } from './wal-read.js'

export interface WalOpenOptions {
  /** sequence number of the last batch in the snapshot: older batches are skipped, the next must follow it */
  snapshotSeq?: number
  /** on damage: keep a copy of the file, then drop the damaged record and everything after it */
  repair?: boolean
}

export class WriteAheadLog {
  private fd: number | undefined
  /** bytes of batches in the active file (where the next one is written) */
  size = 0
  /** bytes of the file: the batches and the zero fill after them */
  private allocated = 0
  /** set by `open` when it repaired the log */
  repaired: RepairReport | undefined
  /** a segment an unfinished compaction left (`<log>.old`) is there */
  hasOld = false
  /** what `open` found worth telling though it started (an incomplete final record that might hide a cut) */
  warnings: string[] = []

  /**
   * With `sync` (the default) the file is opened O_DSYNC: each append returns only once its bytes are on
   * the device, in one system call (a write and an fdatasync as one threadpool round trip).
   */
  constructor(
    readonly path: string,
    private readonly sync = true,
    private readonly fs?: StoreFs,
  ) {}

  get oldPath(): string {
    return `${this.path}.old`
  }

  /**
   * Reads every batch after `snapshotSeq`. A torn final record (an append that was never acknowledged) is
   * zeroed; a damaged record anywhere else stops start-up, unless `repair` is set.
   */
  async open(opts: WalOpenOptions = {}): Promise<Batch[]> {
    const snapshotSeq = opts.snapshotSeq ?? 0
    const segments = await readSegments(this.path, snapshotSeq)
    const bad = segments.find((s) => s.scan.damage)
    if (bad && !opts.repair) throw damagedError(bad, bad.scan.damage!)
    if (bad) this.repaired = await repair(segments)
    this.hasOld = segments.length > 1
    const active = segments.at(-1)!
    const doubt = endsInsideRecord(active)
    if (doubt) this.warnings.push(doubt)
    await this.openActive(active.bytes === undefined)
    this.size = active.scan.end
    if (active.scan.tornBytes > 0) {
      // a torn append, never acknowledged: back to zero fill, so the next record is written over zeros
      await this.writeAt(Buffer.alloc(active.scan.tornBytes), active.scan.end)
      await this.syncData()
    }
    return segments.flatMap((s) => s.scan.batches).filter((b) => b.s > snapshotSeq)
  }

  private async openActive(create: boolean): Promise<void> {
    const fd = await this.openFile()
    this.fd = fd
    if (create) await syncDir(dirname(this.path))
    this.allocated = (await call<{ size: number }>((cb) => fstat(fd, cb))).size
    this.size = 0
  }

  private async openFile(): Promise<number> {
    const { O_CREAT, O_DSYNC, O_RDWR } = constants
    checkFault(this.fs, 'open', this.path)
    return call<number>((cb) => open(this.path, O_RDWR | O_CREAT | (this.sync ? O_DSYNC : 0), 0o644, cb))
  }

  private async syncData(): Promise<void> {
    const fd = this.fd
    if (fd !== undefined) await call((cb) => fdatasync(fd, cb))
  }

  private async writeAt(buf: Buffer, position: number): Promise<void> {
    const fd = this.fd
    if (fd === undefined) throw new Error('write-ahead log is not open')
    checkFault(this.fs, 'write', this.path)
    const written = await call<number>((cb) => write(fd, buf, 0, buf.length, position, cb))
    // a short write leaves a torn record that the next open drops; never acknowledge it
    if (written !== buf.length) throw new Error(`short write to ${this.path} (${written} of ${buf.length} bytes)`)
  }

  /**
   * Appends a batch; resolves once it is written, and (opened with `sync`) on the device. When it fails, nothing
   * moves: the same batch appended again goes to the same place and overwrites whatever part of it got there.
   */
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

  /** Makes the active file `<log>.old` and starts a new, empty one (between appends; no `.old` may exist). */
  async rotate(): Promise<void> {
    if (this.hasOld) throw new Error(`${this.oldPath} is still there: the previous compaction has not finished`)
    const { fd, size, allocated } = this
    // renamed while still open: if the new file cannot be made, it is renamed back and the log goes on as it was
    checkFault(this.fs, 'rename', this.oldPath)
    await call((cb) => rename(this.path, this.oldPath, cb))
    try {
      await this.openActive(true) // syncs the directory: the rename and the new file together
    } catch (e) {
      const made = this.fd
      if (made !== undefined && made !== fd) await call((cb) => close(made, cb)).catch(() => undefined)
      // renamed back, or (if even that fails) no longer written: appends fail and nothing more is acknowledged
      this.fd = undefined
      await call((cb) => rename(this.oldPath, this.path, cb))
      Object.assign(this, { fd, size, allocated })
      throw e
    }
    this.hasOld = true
    if (fd !== undefined) await call((cb) => close(fd, cb))
  }

  /** Removes `<log>.old` once a snapshot holds everything in it. */
  async dropOld(): Promise<void> {
    if (!this.hasOld) return
    await call((cb) => rm(this.oldPath, { force: true }, cb))
    await syncDir(dirname(this.path))
    this.hasOld = false
  }

  /** Empties the active file once its batches are safely in the snapshot (at start, nothing else running). */
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
