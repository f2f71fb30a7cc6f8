/** Bench helpers: child servers that print "READY <url>", autocannon runs, medians. */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

export const ROOT = fileURLToPath(new URL('../', import.meta.url))
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 6)
export const CONNECTIONS = 10

export interface Child {
  url: string
  child: ChildProcess
  output: () => string
  stop(): Promise<void>
}

/** Starts `node <args>` (or any command) and waits for the URL it prints. */
export function start(
  command: string,
  args: string[],
  ready: RegExp = /READY (\S+)/,
  timeoutMs = 120_000,
): Promise<Child> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} ${args.join(' ')} did not start: ${out.slice(-500)}`))
    }, timeoutMs)
    const onData = (d: Buffer) => {
      out += d.toString()
      const m = ready.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({
          url: m[1]!,
          child,
          output: () => out,
          stop: () =>
            new Promise((res) => {
              if (child.exitCode !== null) return res()
              child.on('exit', () => res())
              child.kill('SIGTERM')
              setTimeout(() => child.kill('SIGKILL'), 3000).unref()
            }),
        })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${command} exited with ${code}: ${out.slice(-500)}`))
    })
  })
}

/** The node flags `npm run start:dist` gives the server (package.json is the one place they are set). */
export const SERVER_FLAGS: string[] = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }
).scripts['start:dist']!.split(' ').filter((a) => a.startsWith('--'))

/** A bench server through tsx, with the server's node flags. */
export const tsx = (file: string, ...args: string[]): [string, string[]] => [
  process.execPath,
  [...SERVER_FLAGS, '--import', 'tsx', file, ...args],
]

export interface Measured {
  rps: number
  p50: number
  p99: number
  bad: number
}

/** One autocannon run. */
export async function load(opts: Parameters<typeof autocannon>[0]): Promise<Measured> {
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts })
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    bad: r.non2xx + r.errors + r.timeouts,
  }
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** A free TCP port on loopback (for servers that cannot take port 0, like Prism). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net')
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

/** A process's resident set (VmRSS) or its peak (VmHWM) from /proc, MB. */
export function procMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Math.round(Number(m![1]) / 1024)
}
