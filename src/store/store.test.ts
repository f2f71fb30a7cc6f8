import { Low, Memory } from 'lowdb'
import { describe, expect, it } from 'vitest'
import { emptyLiveState, type LiveState } from './live-state.js'
import type { RetryTimes } from './backoff.js'
import { Store, StoreWriteError } from './store.js'
import type { Batch, WriteAheadLog } from './wal.js'

/** A log whose appends finish when the test says so. */
class ManualLog {
  size = 0
  batches: Batch[] = []
  private waiting: Array<{ resolve: () => void; reject: (e: Error) => void }> = []
  append(batch: Batch): Promise<void> {
    this.batches.push(structuredClone(batch))
    this.size += 1
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }))
  }
  /** Finishes the oldest append that is still running. */
  finish(error?: Error): void {
    const w = this.waiting.shift()!
    if (error) w.reject(error)
    else w.resolve()
  }
  get running(): number {
    return this.waiting.length
  }
  hasOld = false
  async rotate(): Promise<void> {
    this.hasOld = true
    this.size = 0
  }
  async dropOld(): Promise<void> {
    this.hasOld = false
  }
  async truncate(): Promise<void> {}
  async close(): Promise<void> {}
}

/** Snapshot writes that finish when the test says so. */
class ManualSnapshots {
  started: Array<{ seq: number; keys: string[] }> = []
  private waiting: Array<() => void> = []
  write = (state: LiveState, seq: number): Promise<number> => {
    this.started.push({ seq, keys: [...(state.namespaces.get('t:x')?.get('c')?.keys() ?? [])] })
    return new Promise((resolve) => this.waiting.push(() => resolve(100)))
  }
  finish(): void {
    this.waiting.shift()!()
  }
}

function manualStore(retry?: RetryTimes): { store: Store; log: ManualLog; snapshots: ManualSnapshots } {
  const log = new ManualLog()
  const snapshots = new ManualSnapshots()
  const db = new Low<LiveState>(new Memory<LiveState>(), emptyLiveState())
  const store = new Store(
    db,
    {
      log: log as unknown as WriteAheadLog,
      writeSnapshot: snapshots.write,
      release: async () => undefined,
      snapshotBytes: 0,
    },
    retry,
  )
  return { store, log, snapshots }
}

const turn = () => new Promise<void>((r) => setImmediate(r))
/** Lets every queued promise reaction run, but no timer or immediate. */
const microtasks = () => new Promise<void>((r) => process.nextTick(r))
const state = (p: Promise<void>) =>
  Promise.race([
    p.then(
      () => 'resolved',
      () => 'rejected',
    ),
    turn().then(() => 'pending'),
  ])
/** Waits (real time, generously) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(done()).toBe(true)
}
const keys = (b: Batch | undefined) => b?.ops.map((op) => ('k' in op ? op.k : op.n))

describe('store batching', () => {
  it('answers a sync made while its batch is being written only once that write is done', async () => {
    const { store, log } = manualStore()
    store.put('t:x', 'c', 'a', { v: 1 })
    await turn()
    expect(log.running).toBe(1)
    const synced = store.sync()
    expect(await state(synced)).toBe('pending')
    log.finish()
    expect(await state(synced)).toBe('resolved')
  })

  it('rejects a sync made while its batch is being written when that write fails', async () => {
    const { store, log } = manualStore()
    store.put('t:x', 'c', 'a', { v: 1 })
    await turn()
    const synced = store.sync()
    log.finish(new Error('EIO: i/o error, write'))
    await expect(synced).rejects.toThrow(StoreWriteError)
  })

  it('writes what gathered during a write as the next batch as soon as that write is done', async () => {
    const { store, log } = manualStore()
    store.put('t:x', 'c', 'a', { v: 1 })
    await turn()
    store.put('t:x', 'c', 'b', { v: 2 })
    store.put('t:x', 'c', 'c', { v: 3 })
    await turn()
    expect(log.batches).toHaveLength(1)
    log.finish()
    await microtasks()
    expect(keys(log.batches[1])).toEqual(['b', 'c'])
    log.finish()
    await store.sync()
    expect(store.flushes).toBe(2)
  })

  it('after a failed write refuses syncs until a retry writes that batch again, to the same place, then goes on', async () => {
    const { store, log } = manualStore({ write: { first: 5, max: 5 } })
    store.put('t:x', 'c', 'a', { v: 1 })
    await turn()
    const first = store.sync()
    log.finish(new Error('ENOSPC: no space left on device, write'))
    await expect(first).rejects.toThrow(/ENOSPC/)
    store.put('t:x', 'c', 'b', { v: 2 })
    // refused at once while the disk refuses writes: nothing is acknowledged that is not on disk
    await expect(store.sync()).rejects.toThrow(/ENOSPC.*tries again/)
    await until(() => log.running === 1) // the retry
    expect(log.batches[1]).toEqual(log.batches[0]) // the failed batch again, same number, same bytes
    log.finish()
    await until(() => log.running === 1)
    expect(log.batches[2]).toEqual({ s: 2, ops: [{ o: 'put', n: 't:x', c: 'c', k: 'b', v: { v: 2 } }] })
    log.finish()
    await until(() => store.flushes === 1)
    await expect(store.sync()).resolves.toBeUndefined() // healed: acknowledged again
    store.put('t:x', 'c', 'c', { v: 3 })
    const third = store.sync()
    await until(() => log.running === 1)
    log.finish()
    await expect(third).resolves.toBeUndefined()
    expect(log.batches.map((b) => b.s)).toEqual([1, 1, 2, 3])
  })
})

describe('compaction', () => {
  it('runs in the background: batches go on being written and answered while the snapshot is written', async () => {
    const { store, log, snapshots } = manualStore()
    store.put('t:x', 'c', 'a', { v: 1 })
    await turn()
    log.finish()
    await store.sync()
    const compacted = store.compact()
    await turn()
    // the log was rotated between two appends, and the snapshot of batch 1 is being written
    expect(log.hasOld).toBe(true)
    expect(snapshots.started).toEqual([{ seq: 1, keys: ['a'] }])
    expect(store.compacting).toBe(true)
    store.put('t:x', 'c', 'b', { v: 2 })
    const answered = store.sync()
    await turn()
    log.finish()
    expect(await state(answered)).toBe('resolved')
    expect(keys(log.batches[1])).toEqual(['b'])
    expect(log.batches[1]!.s).toBe(2)
    expect(store.compacting).toBe(true)
    expect(await state(compacted)).toBe('pending')
    snapshots.finish()
    await compacted
    expect(store.compacting).toBe(false)
    expect(log.hasOld).toBe(false)
  })

  it('does not start a second compaction while one runs', async () => {
    const { store, log, snapshots } = manualStore()
    store.put('t:x', 'c', 'a', { v: 1 })
    await turn()
    log.finish()
    void store.compact()
    await turn()
    store.put('t:x', 'c', 'b', { v: 2 })
    await turn()
    log.finish()
    await store.sync()
    expect(snapshots.started).toHaveLength(1)
    snapshots.finish()
    await store.settled()
    expect(store.compacting).toBe(false)
  })
})
