/**
 * The store's file-system seam: tests hand the store a `StoreFs` to make one kind of file operation fail (a full
 * disk, a permission taken away) or to report little free space, without filling a real disk. The sandbox runs
 * with none. Also the one place an errno error becomes words a person can act on.
 */
import { statfs } from 'node:fs/promises'

export type FsOp = 'open' | 'write' | 'rename'

export interface StoreFs {
  /** called before each open, write and rename of the store's files; an error thrown stands for that call's */
  fail?(op: FsOp, path: string): void
  /** free bytes on the device holding `dir` (default: statfs) */
  freeBytes?(dir: string): Promise<number>
}

/** Throws what `fs.fail` throws for this operation, if anything. */
export function checkFault(fs: StoreFs | undefined, op: FsOp, path: string): void {
  fs?.fail?.(op, path)
}

/** Free bytes on the device holding `dir`, or Infinity when that cannot be told. */
export async function freeBytes(fs: StoreFs | undefined, dir: string): Promise<number> {
  if (fs?.freeBytes) return fs.freeBytes(dir)
  try {
    const s = await statfs(dir)
    return s.bavail * s.bsize
  } catch {
    return Infinity
  }
}

/** An error with an errno code, as a failed file call gives. */
export function errnoError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code })
}

/** What went wrong in words, and what a person can do about it, for a failed file call on `dir`. */
export function fsAdvice(e: unknown, dir: string): { cause: string; fix: string } {
  const err = e as NodeJS.ErrnoException
  const file = err.path ? ` (${err.path})` : ''
  switch (err.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        cause: `the device holding ${dir} is full${file}: ${err.message}`,
        fix: `Free disk space on ${dir} (or raise the quota)`,
      }
    case 'EACCES':
    case 'EPERM':
      return {
        cause: `permission denied${file}: ${err.message}`,
        fix: `Let the user running the sandbox read and write ${dir} and the files in it`,
      }
    case 'EROFS':
      return { cause: `${dir} is on a read-only file system`, fix: `Mount it read-write, or point --data elsewhere` }
    case 'EMFILE':
    case 'ENFILE':
      return { cause: `too many open files: ${err.message}`, fix: 'Raise the open-file limit (ulimit -n)' }
    case 'EIO':
      return { cause: `the device reported an I/O error${file}`, fix: `Check the disk holding ${dir}` }
    default:
      return { cause: err.message ?? String(e), fix: `Check ${dir} and the files in it` }
  }
}
