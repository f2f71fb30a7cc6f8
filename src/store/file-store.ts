/**
 * Opens the JSON-file store: lowdb snapshot (`<file>`) + write-ahead log (`<file>.wal`) + a lock file
 * (`<file>.lock`) so two sandboxes never write one file. A corrupt or unreadable file stops start-up, and is
 * never replaced. Paths are resolved through symlinks first, so every name of one file shares one lock.
 */
import { lstat, mkdir, open, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { Low } from 'lowdb'
import { StoreOpenError } from './state.js'
import { applyOp, emptyLiveState, type LiveNamespace, type LiveState } from './live-state.js'
import { explainSnapshotRepair, type SnapshotRepairReport } from './snapshot-repair.js'
import { SnapshotFile } from './snapshot-file.js'
import { snapshotTempPath } from './snapshot-writer.js'
import { Store, type Durability } from './store.js'
import { FileBlobs, type BlobRef } from './blobs.js'
import { readBody } from './ns-body.js'
import type { RetryTimes } from './backoff.js'
import { fsAdvice, type StoreFs } from './fs-seam.js'
import { keepCopy } from './wal-read.js'
import { WriteAheadLog } from './wal.js'

export interface FileStoreOptions {
  /** false: acknowledge writes once written to the file (a killed process loses nothing; a power cut may) */
  fsync?: boolean
  /** a damaged log is copied to `<file>.wal.damaged-<n>`, then cut before its damaged record (Store.repaired says what went) */
  repair?: boolean
  /** awaited after each piece of a background compaction's snapshot is written (tests: hold or fail one there) */
  onSnapshotPiece?: (bytes: number) => Promise<void> | void
  /** told when a background compaction fails and the sandbox goes on (default: a line on stderr) */
  onWarning?: (message: string) => void
  /** tests: make file operations fail, or report little free space (fs-seam.ts) */
  fs?: StoreFs
  /** tests: shorter waits before retrying a failed log write or compaction */
  retry?: RetryTimes
  /**
   * Checks the state once read (the start command passes the tenant registry's check): a problem it names stops
   * the opening with a StoreOpenError, before anything is written.
   */
  check?: (state: LiveState) => string | undefined
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
    throw new StoreOpenError(
      dataPath,
      `it is in use by another sandbox (pid ${holder}, lock ${lockPath})`,
      `Stop that sandbox (kill ${holder}), or give this one its own file with --data, or start it with --memory.`,
    )
  }
  await writeFile(lockPath, String(process.pid))
}

/** The file's real path (through symlinks, its directory's too), so every name of a file shares one lock. */
async function realPath(file: string): Promise<string> {
  const path = resolve(file)
  try {
    await mkdir(dirname(path), { recursive: true })
    return await realpath(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreOpenError(path, (e as Error).message)
  }
  const link = await lstat(path).catch(() => undefined)
  if (link?.isSymbolicLink())
    throw new StoreOpenError(
      path,
      'it is a symlink to a file that does not exist',
      'Create the file it points to, or point --data at a real path.',
    )
  return join(await realpath(dirname(path)), basename(path))
}

/**
 * The temporary file a snapshot is written to before its rename. One left behind (a crash or a full disk during
 * a compaction) was never renamed, so it holds nothing the snapshot and log lack; it is removed while the lock
 * is held, so it neither keeps the disk full nor gets in the way of the next compaction.
 */
async function removeStaleTemp(path: string): Promise<void> {
  const temp = snapshotTempPath(path)
  const st = await lstat(temp).catch(() => undefined)
  if (!st) return
  if (!st.isFile())
    throw new StoreOpenError(
      path,
      `${temp} (where its snapshot is written before the rename) is not a regular file`,
      `Remove ${temp}, then start again.`,
    )
  await rm(temp)
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
 * A failed file call during start-up as a StoreOpenError: which file, what went wrong, what to do. Start-up
 * only reads, writes a new snapshot beside the old one, or empties a log the new snapshot holds: nothing is lost.
 */
function openError(path: string, doing: string, e: unknown): StoreOpenError {
  if (e instanceof StoreOpenError) return e
  const { cause, fix } = fsAdvice(e, dirname(path))
  return new StoreOpenError(
    path,
    `${doing} failed: ${cause}`,
    `${fix}, then start again. Nothing was lost: every acknowledged write is still in the snapshot or the log.`,
  )
}

/** The body a log batch restored a tenant from (a control-plane snapshot), read for the replay. */
async function loggedBody(path: string, blobs: FileBlobs, ref: BlobRef, batch: number): Promise<LiveNamespace> {
  const file = join(blobs.dir, ref.name)
  try {
    return await readBody(blobs.chunks(ref))
  } catch (e) {
    const { cause } = fsAdvice(e, blobs.dir)
    throw new StoreOpenError(
      path,
      `batch ${batch} of the log restores a tenant from the snapshot body ${file}, which cannot be read: ${cause}`,
      `Put that file back as it was (from a backup), or move the data file away, or start with --memory.`,
    )
  }
}

/** Opens (or creates) the data file and replays its log. Throws StoreOpenError with the path and the reason. */
export async function openFileStore(file: string, opts: FileStoreOptions = {}): Promise<Store> {
  const path = await realPath(file)
  const lockPath = `${path}.lock`
  await takeLock(lockPath, path)
  let log: WriteAheadLog | undefined
  let doing = `removing the snapshot's temporary file ${snapshotTempPath(path)}`
  try {
    await removeStaleTemp(path)
    doing = `reading ${path}`
    // lowdb holds the state in memory and reads and writes the snapshot file through its adapter
    const file = new SnapshotFile(path, { repair: opts.repair ?? false, onPiece: opts.onSnapshotPiece, fs: opts.fs })
    const db = new Low<LiveState>(file, emptyLiveState())
    await db.read()
    const snapshot = file.lastRead
    log = new WriteAheadLog(`${path}.wal`, opts.fsync ?? true, opts.fs)
    doing = `opening the log ${log.path}`
    const batches = await log.open({ snapshotSeq: db.data.seq, repair: opts.repair ?? false })
    for (const w of log.warnings) warning(opts)(w)
    const blobs = new FileBlobs(`${path}.snapshots`)
    const loggedBodies = new Map<string, number>()
    for (const b of batches) {
      for (const op of b.ops) {
        if (op.o === 'body') {
          applyOp(db.data, op, await loggedBody(path, blobs, op.b, b.s))
          loggedBodies.set(op.b.name, b.s)
        } else applyOp(db.data, op)
      }
      db.data.seq = b.s
    }
    let snapshotRepaired: SnapshotRepairReport | undefined
    doing = `keeping a copy of the damaged ${path}`
    if (snapshot && snapshot.damaged.length > 0)
      snapshotRepaired = explainSnapshotRepair(path, await keepCopy(path), snapshot.damaged, batches)
    const problem = opts.check?.(db.data)
    if (problem) {
      throw new StoreOpenError(
        path,
        problem,
        'Correct that record (an edited line fails its checksum: rewrite the whole file with a tool, e.g. ' +
          '`jq -c .`, which drops the checksums), or move the file away, or start with --memory.',
      )
    }
    let snapshotBytes: number
    if (!snapshot || log.hasOld || !snapshot.checked || snapshotRepaired) {
      // a new file, a compaction the last run did not finish, a file from before line checksums or one just
      // repaired: fold everything now, before serving
      doing = log.hasOld
        ? `finishing the compaction the last run left unfinished (${log.oldPath} is still there): writing ` +
          `${snapshotTempPath(path)}`
        : `writing the snapshot ${path} (through ${snapshotTempPath(path)})`
      await db.write()
      snapshotBytes = file.bytes
      doing = `removing the folded log ${log.oldPath}`
      await log.dropOld()
      doing = `emptying the folded log ${log.path}`
      await log.truncate()
      loggedBodies.clear() // the snapshot holds what they held
    } else {
      doing = `syncing ${path}`
      snapshotBytes = await fsyncFile(path)
    }
    const d = durability(file, log, blobs, snapshotBytes, snapshotRepaired, opts)
    return new Store(db, { ...d, loggedBodies }, opts.retry)
  } catch (e) {
    await log?.close()
    await rm(lockPath, { force: true })
    throw openError(path, doing, e)
  }
}

const warning = (opts: FileStoreOptions) =>
  opts.onWarning ?? ((m: string) => process.stderr.write(`douyin-sandbox: warning: ${m}\n`))

function durability(
  file: SnapshotFile,
  log: WriteAheadLog,
  blobs: FileBlobs,
  snapshotBytes: number,
  snapshotRepaired: SnapshotRepairReport | undefined,
  opts: FileStoreOptions,
): Durability {
  const warn = warning(opts)
  const path = file.path
  return {
    log,
    writeSnapshot: (state, seq) => file.writeAt(state, seq),
    compactionFailed: (e, retryMs) => {
      const { cause, fix } = fsAdvice(e, dirname(path))
      const where = log.hasOld ? `${log.oldPath} and ${log.path}` : log.path
      warn(
        `compaction of ${path} failed: ${cause}. Nothing is lost and requests go on being answered: every ` +
          `write is in ${where}. It is tried again in ${retryMs / 1000} s (then less often, up to every minute) ` +
          `and finishes by itself once it can. ${fix}; until then the log grows and a restart replays it.`,
      )
    },
    snapshotBytes,
    snapshotRepaired,
    blobs,
    release: () => rm(`${path}.lock`, { force: true }),
  }
}
