/** Runs src/main.ts in a child process (through tsx), as `npm start` does. */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

function spawnMain(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--max-semi-space-size=8', '--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Runs main to completion (for start-up failures). */
export function runMain(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawnMain(args, env)
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d) => (stdout += d))
    child.stderr!.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** Starts main and resolves with the URL it prints; `stop()` ends it. */
export function startMain(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawnMain(args, env)
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`sandbox did not start: ${out}`))
    }, 15_000)
    const onData = (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({
          url: m[1]!,
          output: () => out,
          stop: (signal = 'SIGTERM') =>
            new Promise((res) => {
              child.removeAllListeners('close')
              child.on('close', (code) => res(code))
              child.kill(signal)
            }),
        })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('close', (code) => {
      clearTimeout(timer)
      reject(new Error(`sandbox exited with ${code}: ${out}`))
    })
  })
}

/** Resolves with the URL a started sandbox prints ("listening on …"), from any child process. */
export function listeningUrl(child: ChildProcess, timeoutMs = 30_000): Promise<string> {
  let out = ''
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within ${timeoutMs} ms: ${out}`)), timeoutMs)
    const onData = (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
  })
}

/** Milliseconds from now until `url` stops answering, or -1 when it still answers after `limitMs`. */
export async function msUntilClosed(url: string, limitMs = 5000): Promise<number> {
  const t0 = performance.now()
  while (performance.now() - t0 < limitMs) {
    if (
      !(await fetch(`${url}/sandbox/health`).then(
        () => true,
        () => false,
      ))
    )
      return performance.now() - t0
    await new Promise((r) => setTimeout(r, 50))
  }
  return -1
}
