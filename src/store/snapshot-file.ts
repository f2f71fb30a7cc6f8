/**
 * The snapshot file (`<file>`) as lowdb's adapter: the file store's `Low` reads the state from it on opening and
 * writes it back through it, at opening and at each compaction. Reading checks every line's checksum
 * (snapshot-read.ts); writing goes piece by piece through a temporary file, so the server keeps answering
 * (snapshot-writer.ts).
 */
import type { Adapter } from 'lowdb'
import type { StoreFs } from './fs-seam.js'
import type { LiveState } from './live-state.js'
import { readSnapshotFile, type SnapshotRead } from './snapshot-read.js'
import { writeSnapshot } from './snapshot-writer.js'

export interface SnapshotFileOptions {
  /** leave out damaged records instead of refusing the file (they are listed in `lastRead.damaged`) */
  repair: boolean
  /** awaited after each piece of a compaction's snapshot is written (tests: hold or fail one there) */
  onPiece?: ((bytes: number) => Promise<void> | void) | undefined
  fs?: StoreFs | undefined
}

export class SnapshotFile implements Adapter<LiveState> {
  /** what the last read found: whether every line was checked, and what repair left out; undefined = no file */
  lastRead: SnapshotRead | undefined
  /** the size of the snapshot last written, in bytes */
  bytes = 0

  constructor(
    readonly path: string,
    private readonly opts: SnapshotFileOptions,
  ) {}

  async read(): Promise<LiveState | null> {
    this.lastRead = await readSnapshotFile(this.path, { repair: this.opts.repair })
    return this.lastRead?.state ?? null
  }

  /** Writes the whole state, as of its own last batch (nothing changes it meanwhile: used on opening). */
  async write(data: LiveState): Promise<void> {
    this.bytes = await writeSnapshot(this.path, data, data.seq, undefined, this.opts.fs)
  }

  /** Writes the live state as of batch `seq` while it goes on changing (a compaction: see snapshot-writer.ts). */
  async writeAt(state: LiveState, seq: number): Promise<number> {
    this.bytes = await writeSnapshot(this.path, state, seq, this.opts.onPiece, this.opts.fs)
    return this.bytes
  }
}
