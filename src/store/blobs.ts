/**
 * Large bodies kept beside the data file rather than in it or in its log: a control-plane snapshot of a tenant
 * (`POST /sandbox/snapshots`). A body is written piece by piece (the event loop serves requests between pieces),
 * to a temporary file that is synced and renamed into place under a name never used before; the record that
 * names it goes through the log afterwards, so a crash leaves either no record or a record whose body is on disk.
 * The memory store keeps bodies in memory.
 */
import { constants, type PathLike } from 'node:fs'
import { lstat, mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { crc32 } from 'node:zlib'
import { syncDir } from './wal-read.js'

export interface BlobRef {
  /** the body's name, relative to the blob directory */
  name: string
  bytes: number
  /** CRC-32 of the body, checked when it is read back */
  crc: number
}

export interface Blobs {
  /** Writes the pieces durably under a new name starting with `prefix`. */
  write(prefix: string, pieces: AsyncIterable<string>): Promise<BlobRef>
  /** Reads a body back, refusing one that fails its CRC-32. */
  read(ref: BlobRef): Promise<string>
  remove(ref: BlobRef): Promise<void>
}

const exists = (p: PathLike) =>
  lstat(p).then(
    () => true,
    () => false,
  )

function checked(ref: BlobRef, text: Buffer, where: string): string {
  if (text.length !== ref.bytes || crc32(text) !== ref.crc)
    throw new Error(`the snapshot body ${where} is damaged (its length or CRC-32 does not match its record)`)
  return text.toString('latin1')
}

/** Bodies as files in a directory beside the data file. */
export class FileBlobs implements Blobs {
  private counter = 0

  constructor(readonly dir: string) {}

  async write(prefix: string, pieces: AsyncIterable<string>): Promise<BlobRef> {
    let name: string
    do name = `${prefix}.${process.pid}-${++this.counter}.json`
    while (await exists(join(this.dir, name)))
    const path = join(this.dir, name)
    await mkdir(dirname(path), { recursive: true })
    const temp = `${path}.tmp`
    const fh = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o644)
    let bytes = 0
    let crc = 0
    try {
      for await (const piece of pieces) {
        const buf = Buffer.from(piece, 'latin1') // pieces are ASCII JSON
        crc = crc32(buf, crc)
        await fh.write(buf, 0, buf.length, bytes)
        bytes += buf.length
      }
      await fh.datasync()
    } catch (e) {
      await fh.close()
      await rm(temp, { force: true })
      throw e
    }
    await fh.close()
    await rename(temp, path)
    await syncDir(dirname(path))
    return { name, bytes, crc }
  }

  async read(ref: BlobRef): Promise<string> {
    const path = join(this.dir, ref.name)
    return checked(ref, await readFile(path), path)
  }

  async remove(ref: BlobRef): Promise<void> {
    await rm(join(this.dir, ref.name), { force: true })
  }
}

/** Bodies in memory (the memory store). */
export class MemoryBlobs implements Blobs {
  private readonly bodies = new Map<string, Buffer>()
  private counter = 0

  async write(prefix: string, pieces: AsyncIterable<string>): Promise<BlobRef> {
    const parts: Buffer[] = []
    for await (const piece of pieces) parts.push(Buffer.from(piece, 'latin1'))
    const body = Buffer.concat(parts)
    const name = `${prefix}.${++this.counter}`
    this.bodies.set(name, body)
    return { name, bytes: body.length, crc: crc32(body) }
  }

  async read(ref: BlobRef): Promise<string> {
    const body = this.bodies.get(ref.name)
    if (!body) throw new Error(`the snapshot body ${ref.name} is gone`)
    return checked(ref, body, ref.name)
  }

  async remove(ref: BlobRef): Promise<void> {
    this.bodies.delete(ref.name)
  }
}
