/**
 * Process plumbing of bench/storage.ts: the compiled server (`node dist/src/main.js`, with the flags of
 * `npm run start:dist`) on a data file, timed from spawn to its first answer and from a signal to its exit;
 * its resident set read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { ROOT, SERVER_FLAGS } from './lib.js'
import { FROZEN_AT } from './storage-data.js'

export interface Server {
  url: string
  child: ChildProcess
  /** spawn to the first 200 of /sandbox/health, ms */
  startMs: number
  output: () => string
}

/** Starts the compiled server on `file` and waits for its first answer. */
export function startServer(file: string, timeoutMs = 60_000): Promise<Server> {
  const extra = (process.env.NODE_FLAGS ?? '').split(' ').filter(Boolean) // experiments: e.g. --trace-gc
  const args = [...SERVER_FLAGS, ...extra, 'dist/src/main.js', '--port', '0', '--data', file, '--log-level', 'error']
  const t0 = performance.now()
  const child = spawn(process.execPath, [...args, '--frozen-at', FROZEN_AT], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the server on ${file} did not start within ${timeoutMs} ms: ${out.slice(-500)}`))
    }, timeoutMs)
    const onExit = (code: number | null) => {
      clearTimeout(timer)
      reject(new Error(`the server on ${file} exited with ${code}: ${out.slice(-500)}`))
    }
    child.on('exit', onExit)
    const onData = (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (!m) return
      child.stdout!.off('data', onData)
      const url = m[1]!
      void (async () => {
        while ((await fetch(`${url}/sandbox/health`).catch(() => null))?.status !== 200)
          await new Promise((r) => setTimeout(r, 5))
        clearTimeout(timer)
        child.off('exit', onExit)
        resolve({ url, child, startMs: Math.round(performance.now() - t0), output: () => out })
      })()
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  })
}

/** Sends `signal` and resolves with the ms until the process has exited. */
export function signalAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(0)
  const t0 = performance.now()
  return new Promise((resolve) => {
    child.once('exit', () => resolve(Math.round(performance.now() - t0)))
    child.kill(signal)
  })
}

/** VmRSS (resident now) or VmHWM (peak since start or since `resetPeak`) of a process, in MB. */
export function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Math.round(Number(m![1]) / 1024)
}

/** Resets the process's VmHWM to its current resident set (Linux: `5` to /proc/<pid>/clear_refs). */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/** Samples VmRSS every `everyMs` until stopped; resolves the highest sample. */
export function sampleRss(pid: number, everyMs = 10): { stop: () => number } {
  let max = 0
  const timer = setInterval(() => {
    try {
      max = Math.max(max, memoryMb(pid, 'VmRSS'))
    } catch {
      // the process is gone
    }
  }, everyMs)
  return {
    stop: () => {
      clearInterval(timer)
      return max
    },
  }
}
