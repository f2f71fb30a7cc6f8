/**
 * The store's namespace bodies (control-plane snapshots of a tenant) and what keeps each on disk: a body is
 * written from a copy-on-write view of a namespace (ns-view.ts), put back in one step when restored (the log
 * records its name, not its records), and removed once nothing needs it — no record names it (the snapshot
 * records, asked through `keep`) and no batch of the log not yet folded into the data file names it. Bodies
 * nothing needs (a save cut short by a crash, a snapshot deleted while the log still named its body) are swept
 * at start-up and after each compaction.
 */
import { MemoryBlobs, type BlobRef, type Blobs } from './blobs.js'
import type { Durability } from './durability.js'
import type { LiveNamespace } from './live-state.js'
import { bodyPieces, readBody } from './ns-body.js'
import { NamespaceView } from './ns-view.js'
import type { Op } from './state.js'

/** What the bodies need from their store. */
export interface BodyStore {
  namespace(ns: string): LiveNamespace | undefined
  /** puts a namespace read from `body` in place, through the log (a `body` op) */
  install(ns: string, body: BlobRef, live: LiveNamespace): void
  sync(): Promise<void>
}

export class NamespaceBodies {
  /** open copy-on-write views, by namespace (told of every change before it is made) */
  private readonly views = new Map<string, Set<NamespaceView>>()
  /** bodies named by a `body` op in the log → the batch that named it last (until a compaction folds it) */
  private readonly logged: Map<string, number>
  /** bodies named by `body` ops not yet given a batch (file store), with how many ops name each */
  private readonly queued = new Map<string, number>()
  /** bodies being read by a restore, with how many restores read each */
  private readonly reading = new Map<string, number>()
  private readonly durable: boolean
  /** lists the bodies records name (`keep`) */
  private named: (() => Iterable<string>) | undefined
  /** the sweep after the last compaction */
  sweeping: Promise<number> | undefined
  /** where the bodies are kept: files beside the data file, or memory (the memory store) */
  readonly blobs: Blobs

  constructor(
    durability: Pick<Durability, 'blobs' | 'loggedBodies'> | undefined,
    private readonly store: BodyStore,
  ) {
    this.blobs = durability?.blobs ?? new MemoryBlobs()
    this.logged = new Map(durability?.loggedBodies)
    this.durable = durability !== undefined
  }

  /**
   * Writes namespace `ns` as it is now to a new body under `prefix`, piece by piece from a copy-on-write view
   * while other requests are served and change it. Name the body in a record in the turn this resolves: until
   * then a sweep leaves it alone only because it is being written.
   */
  async save(ns: string, prefix: string): Promise<{ body: BlobRef; records: number }> {
    const view = new NamespaceView(new Map(this.store.namespace(ns)))
    let open = this.views.get(ns)
    if (!open) this.views.set(ns, (open = new Set()))
    open.add(view)
    try {
      return { body: await this.blobs.write(prefix, bodyPieces(view)), records: view.records }
    } finally {
      open.delete(view)
      if (open.size === 0 && this.views.get(ns) === open) this.views.delete(ns)
    }
  }

  /** Called before every change is made. */
  changing(op: Op): void {
    // counted until its batch is formed; an op a later replacement drops from the queue keeps its body until the
    // next start (safe: only ever too long)
    if (op.o === 'body' && this.durable) count(this.queued, op.b.name, 1)
    const views = this.views.get(op.n)
    if (!views) return
    if (op.o === 'ns' || op.o === 'body') {
      for (const v of views) v.detach() // the Maps they read are replaced, not changed
      this.views.delete(op.n)
    } else {
      const was = this.store.namespace(op.n)?.get(op.c)?.get(op.k)
      for (const v of views) v.willChange(op.c, op.k, was)
    }
  }

  /**
   * Replaces namespace `ns` with a body written by `save`: read and checked piece by piece while other
   * requests are served, then put in place in one step. `stillWanted` is asked once the body is read, before it
   * is put in place (it throws when the namespace's owner went meanwhile).
   */
  async restore(ns: string, body: BlobRef, stillWanted: () => void): Promise<void> {
    const n = body.name
    count(this.reading, n, 1)
    try {
      const live = await readBody(this.blobs.chunks(body))
      stillWanted()
      this.store.install(ns, body, live)
    } finally {
      count(this.reading, n, -1)
    }
  }

  /** A body no record names any more: removed once that change is on disk, unless the log still names it. */
  drop(body: BlobRef): void {
    void this.store.sync().then(
      () => (this.needed(body.name) ? undefined : this.blobs.remove(body.name)),
      () => undefined,
    )
  }

  /** Tells which bodies records name (`named`, asked at each sweep), and sweeps once (start-up). */
  keep(named: () => Iterable<string>): Promise<number> {
    this.named = named
    return this.sweep()
  }

  /**
   * Removes the bodies no record names and no log needs, and temporary files of writes not going on. Only once
   * every change made before it looked is on disk, so a record whose deletion is not yet durable keeps its body.
   * Resolves with how many it removed.
   */
  async sweep(): Promise<number> {
    const named = this.named
    if (!named) return 0
    const files = await this.blobs.list()
    const keep = new Set(named())
    const unneeded = (f: string) => {
      const base = f.endsWith('.tmp') ? f.slice(0, -4) : f
      return !keep.has(f) && !this.blobs.writing.has(base) && !this.needed(base)
    }
    const candidates = files.filter(unneeded)
    if (candidates.length === 0) return 0
    try {
      await this.store.sync()
    } catch {
      return 0 // the disk refuses the log: tried again after the next compaction or start
    }
    const gone = candidates.filter(unneeded)
    for (const f of gone) await this.blobs.remove(f)
    return gone.length
  }

  /** A batch is being appended to the log: the bodies it names are needed until a compaction folds it. */
  logging(batch: { s: number; ops: Op[] }): void {
    for (const op of batch.ops) {
      if (op.o !== 'body') continue
      count(this.queued, op.b.name, -1)
      this.logged.set(op.b.name, Math.max(this.logged.get(op.b.name) ?? 0, batch.s))
    }
  }

  /** A compaction folded every batch up to `seq` into the data file: bodies only those batches named may go. */
  compacted(seq: number): void {
    for (const [name, s] of this.logged) if (s <= seq) this.logged.delete(name)
    this.sweeping = this.sweep().catch(() => 0)
  }

  /** Whether a body is being read by a restore, or named by a `body` op not yet folded into the data file. */
  private needed(name: string): boolean {
    return this.reading.has(name) || this.queued.has(name) || this.logged.has(name)
  }
}

function count(counts: Map<string, number>, name: string, by: number): void {
  const n = (counts.get(name) ?? 0) + by
  if (n > 0) counts.set(name, n)
  else counts.delete(name)
}
