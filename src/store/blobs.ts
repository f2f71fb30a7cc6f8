/**
 * Large bodies kept beside the data file rather than in it or in its log: a control-plane snapshot of a tenant
 * (`POST /sandbox/snapshots`). A body is written piece by piece (the event loop serves requests between pieces),
 * to a temporary file that is synced and renamed into place under a name never used before; the record that
 * names it goes through the log afterwards, so a crash leaves either no record or a record whose body is on disk
 * (and maybe a body no record names: the store removes those, see Store.sweepBodies). Read back in chunks, the
 * whole body checked against its length and CRC-32 once the last chunk is read. The memory store keeps bodies
 * in memory.
 */
import { constants, type PathLike } from 'node:fs'
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { crc32 } from 'node:zlib'
import type { BlobRef } from './state.js'
import { syncDir } from './wal-read.js'

export type { BlobRef }

export interface Blobs {
  /** Writes the pieces durably under a new name starting with `prefix`. */
  write(prefix: string, pieces: AsyncIterable<string>): Promise<BlobRef>
  /** Reads a body back in chunks (ASCII text); throws after the last one if the body fails its length or CRC-32. */
  chunks(ref: BlobRef): AsyncIterable<string>
  remove(name: string): Promise<void>
  /** Every body's name, also of bodies no record names (temporary files of unfinished writes included). */
  list(): Promise<string[]>
  /** Names being written now (never removed as unnamed). */
  readonly writing: ReadonlySet<string>
}

/** Bodies are read back in chunks of this many bytes. */
const CHUNK_BYTES = 1 << 18

const exists = (p: PathLike) =>
  lstat(p).then(
    () => true,
    () => false,
  )

const damaged = (where: string) =>
  new Error(`the snapshot body ${where} is damaged (its length or CRC-32 does not match its record)`)

/** The body's bytes as text chunks, checked against the record once the last one is read. */
async function* checkedChunks(ref: BlobRef, where: string, parts: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let bytes = 0
  let crc = 0
  for await (const part of parts) {
    bytes += part.length
    if (bytes > ref.bytes) throw damaged(where)
    crc = crc32(part, crc)
    yield part.toString('latin1')
  }
  if (bytes !== ref.bytes || crc !== ref.crc) throw damaged(where)
}

/** Bodies as files in a directory beside the data file. */
export class FileBlobs implements Blobs {
  private counter = 0
  readonly writing = new Set<string>()

  constructor(readonly dir: string) {}

  async write(prefix: string, pieces: AsyncIterable<string>): Promise<BlobRef> {
    let name: string
    do name = `${prefix}.${process.pid}-${++this.counter}.json`
    while (await exists(join(this.dir, name)))
    this.writing.add(name)
    try {
      return await this.writeAs(name, pieces)
    } finally {
      this.writing.delete(name)
    }
  }

  private async writeAs(name: string, pieces: AsyncIterable<string>): Promise<BlobRef> {
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

  chunks(ref: BlobRef): AsyncIterable<string> {
    const path = join(this.dir, ref.name)
    async function* parts(): AsyncGenerator<Buffer> {
      const fh = await open(path, 'r')
      try {
        for (;;) {
          const buf = Buffer.allocUnsafe(CHUNK_BYTES)
          const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, null)
          if (bytesRead === 0) return
          yield buf.subarray(0, bytesRead)
        }
      } finally {
        await fh.close()
      }
    }
    return checkedChunks(ref, path, parts())
  }

  async remove(name: string): Promise<void> {
    await rm(join(this.dir, name), { force: true })
  }

  async list(): Promise<string[]> {
    const found = await readdir(this.dir, { recursive: true, withFileTypes: true }).catch(
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return []
        throw e
      },
    )
    return found.filter((f) => f.isFile()).map((f) => relative(this.dir, join(f.parentPath, f.name)))
  }
}

/** Bodies in memory (the memory store). */
export class MemoryBlobs implements Blobs {
  private readonly bodies = new Map<string, Buffer>()
  private counter = 0
  readonly writing = new Set<string>()

  async write(prefix: string, pieces: AsyncIterable<string>): Promise<BlobRef> {
    const parts: Buffer[] = []
    for await (const piece of pieces) parts.push(Buffer.from(piece, 'latin1'))
    const body = Buffer.concat(parts)
    const name = `${prefix}.${++this.counter}`
    this.bodies.set(name, body)
    return { name, bytes: body.length, crc: crc32(body) }
  }

  chunks(ref: BlobRef): AsyncIterable<string> {
    const body = this.bodies.get(ref.name)
    async function* parts(): AsyncGenerator<Buffer> {
      if (!body) throw new Error(`the snapshot body ${ref.name} is gone`)
      for (let at = 0; at < body.length; at += CHUNK_BYTES) yield body.subarray(at, at + CHUNK_BYTES)
    }
    return checkedChunks(ref, ref.name, parts())
  }

  async remove(name: string): Promise<void> {
    this.bodies.delete(name)
  }

  async list(): Promise<string[]> {
    return [...this.bodies.keys()]
  }
}
