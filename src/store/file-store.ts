/**
 * Opens the JSON-file store: lowdb snapshot (`<file>`) + write-ahead log (`<file>.wal`) + a lock file
 * (`<file>.lock`) so two sandboxes never write one file. A corrupt or unreadable file stops start-up.
 */
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { Low } from 'lowdb'
import { DataFile } from 'lowdb/node'
import { applyOp, dbStateSchema, EMPTY_STATE, StoreOpenError, type DbState } from './state.js'
import { Store } from './store.js'
import { syncDir, WriteAheadLog } from './wal.js'

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

/** Reads the snapshot into db.data; false when there is no file yet (lowdb's read() keeps the default then). */
async function readSnapshot(db: Low<DbState>, path: string): Promise<boolean> {
  let data: DbState | null
  try {
    data = await db.adapter.read()
  } catch (e) {
    const reason = e instanceof SyntaxError ? `it is not valid JSON (${e.message})` : (e as Error).message
    throw new StoreOpenError(path, reason)
  }
  if (data === null) return false
  db.data = data
  return true
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

/**
 * Opens (or creates) the data file and replays its log. Throws StoreOpenError with the path and the reason.
 * `fsync: false` acknowledges writes once written to the file (a killed process loses nothing; a power cut may).
 */
export async function openFileStore(file: string, opts: { fsync?: boolean } = {}): Promise<Store> {
  const path = resolve(file)
  try {
    await mkdir(dirname(path), { recursive: true })
  } catch (e) {
    throw new StoreOpenError(path, (e as Error).message)
  }
  const lockPath = `${path}.lock`
  await takeLock(lockPath, path)
  try {
    const db = new Low<DbState>(new DataFile<DbState>(path, { parse: JSON.parse, stringify: (d) => JSON.stringify(d) }), EMPTY_STATE())
    const existed = await readSnapshot(db, path)
    if (existed) {
      const r = dbStateSchema.safeParse(db.data)
      if (!r.success) {
        const issue = r.error.issues[0]
        throw new StoreOpenError(path, `it is not a sandbox data file (${issue?.path.join('.') || 'root'}: ${issue?.message})`)
      }
    } else {
      db.data = EMPTY_STATE()
    }
    const log = new WriteAheadLog(`${path}.wal`, opts.fsync ?? true)
    const batches = await log.open()
    for (const b of batches) {
      if (b.s <= db.data.seq) continue
      for (const op of b.ops) applyOp(db.data, op)
      db.data.seq = b.s
    }
    const writeSnapshot = async (d: Low<DbState>): Promise<number> => {
      await d.write() // a temporary file renamed over the snapshot (steno)
      const bytes = await fsyncFile(path)
      await syncDir(dirname(path)) // the rename itself, before the log it replaces is emptied
      return bytes
    }
    let snapshotBytes = 0
    if (!existed) snapshotBytes = await writeSnapshot(db)
    else snapshotBytes = (await fsyncFile(path))
    return new Store(db, { log, writeSnapshot, snapshotBytes, release: () => rm(lockPath, { force: true }) })
  } catch (e) {
    await rm(lockPath, { force: true })
    throw e
  }
}
