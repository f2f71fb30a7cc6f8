/**
 * Opens the JSON-file store: lowdb snapshot (`<file>`) + write-ahead log (`<file>.wal`) + a lock file
 * (`<file>.lock`) so two sandboxes never write one file. A corrupt or unreadable file stops start-up, and is
 * never replaced.
 */
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { Low } from 'lowdb'
import { DataFile } from 'lowdb/node'
import { applyOp, EMPTY_STATE, StoreOpenError, stateProblem, type DbState } from './state.js'
import { Store } from './store.js'
import { syncDir, WriteAheadLog } from './wal.js'

export interface FileStoreOptions {
  /** false: acknowledge writes once written to the file (a killed process loses nothing; a power cut may) */
  fsync?: boolean
  /** a damaged log is copied to `<file>.wal.damaged-<n>`, then cut before its damaged record (Store.repaired says what went) */
  repair?: boolean
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function takeLock(lockPath: string, dataPath: string): Promise<void> {
  try {
    await writeFile(lockPath, String(process.pid), { flag: 'wx' })
    return
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreOpenError(dataPath, (e as Error).message)
  }
  const holder = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim())
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
    throw new StoreOpenError(dataPath, `it is in use by another sandbox (pid ${holder}, lock ${lockPath})`)
  }
  await writeFile(lockPath, String(process.pid))
}

/** The snapshot, or undefined when there is no file yet. Anything but a sandbox data object is refused. */
async function readSnapshot(path: string): Promise<DbState | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StoreOpenError(path, (e as Error).message)
  }
  let data: unknown
  try {
    data = JSON.parse(text) // keeps keys such as "__proto__" as own keys
  } catch (e) {
    throw new StoreOpenError(path, `it is not valid JSON (${(e as Error).message})`)
  }
  const problem = stateProblem(data)
  if (problem) throw new StoreOpenError(path, problem)
  return data as DbState
}

async function fsyncFile(path: string): Promise<number> {
  const fh = await open(path, 'r')
  try {
    await fh.datasync()
    return (await fh.stat()).size
  } finally {
    await fh.close()
  }
}

/** Opens (or creates) the data file and replays its log. Throws StoreOpenError with the path and the reason. */
export async function openFileStore(file: string, opts: FileStoreOptions = {}): Promise<Store> {
  const path = resolve(file)
  try {
    await mkdir(dirname(path), { recursive: true })
  } catch (e) {
    throw new StoreOpenError(path, (e as Error).message)
  }
  const lockPath = `${path}.lock`
  await takeLock(lockPath, path)
  let log: WriteAheadLog | undefined
  try {
    const snapshot = await readSnapshot(path)
    const db = new Low<DbState>(new DataFile<DbState>(path, { parse: JSON.parse, stringify: (d) => JSON.stringify(d) }), snapshot ?? EMPTY_STATE())
    log = new WriteAheadLog(`${path}.wal`, opts.fsync ?? true)
    const batches = await log.open({ snapshotSeq: db.data.seq, repair: opts.repair ?? false })
    for (const b of batches) {
      for (const op of b.ops) applyOp(db.data, op)
      db.data.seq = b.s
    }
    const writeSnapshot = async (d: Low<DbState>): Promise<number> => {
      await d.write() // a temporary file renamed over the snapshot (steno)
      const bytes = await fsyncFile(path)
      await syncDir(dirname(path)) // the rename itself, before the log it replaces is emptied
      return bytes
    }
    const snapshotBytes = snapshot ? await fsyncFile(path) : await writeSnapshot(db)
    const opened = log
    return new Store(db, { log: opened, writeSnapshot, snapshotBytes, release: () => rm(lockPath, { force: true }) })
  } catch (e) {
    await log?.close()
    await rm(lockPath, { force: true })
    throw e
  }
}
