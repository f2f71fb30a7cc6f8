/**
 * Append-only log next to the lowdb snapshot: one JSON line per flushed batch of mutations, synced to disk
 * before the batch's requests are answered. It keeps a write's cost proportional to the batch, not to the
 * whole database; the snapshot is rewritten (compaction) only when the log has grown as large as it.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { batchSchema, StoreOpenError, type Op } from './state.js'

/** One replayable batch. */
export interface Batch {
  s: number
  ops: Op[]
}

export class WriteAheadLog {
  private handle: FileHandle | undefined
  /** bytes currently in the log file */
  size = 0

  constructor(readonly path: string) {}

  /**
   * Reads every complete batch. A torn last line (a crash during an append that was never acknowledged)
   * is cut off; a damaged line before the end is corruption and stops start-up.
   */
  async open(): Promise<Batch[]> {
    let text = ''
    try {
      text = await readFile(this.path, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreOpenError(this.path, (e as Error).message)
    }
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
    this.handle = await open(this.path, 'a+')
    if (good !== text.length) await this.handle.truncate(Buffer.byteLength(text.slice(0, good)))
    this.size = Buffer.byteLength(text.slice(0, good))
    return batches
  }

  /** Appends a batch and waits until it is written, and with `sync` until it is on the device. */
  async append(batch: Batch, sync = true): Promise<void> {
    if (!this.handle) throw new Error('write-ahead log is not open')
    const line = `${JSON.stringify(batch)}\n`
    await this.handle.write(line)
    if (sync) await this.handle.datasync()
    this.size += Buffer.byteLength(line)
  }

  /** Empties the log once its batches are safely in the snapshot. */
  async truncate(): Promise<void> {
    if (!this.handle) return
    await this.handle.truncate(0)
    await this.handle.datasync()
    this.size = 0
  }

  async close(): Promise<void> {
    await this.handle?.close()
    this.handle = undefined
  }
}
