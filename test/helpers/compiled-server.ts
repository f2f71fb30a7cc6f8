/**
 * The compiled server (what `npx douyin-sandbox start` runs), built by tsc into a private temporary package so
 * it never races another suite rebuilding `dist/` (npm pack runs the build): the tmp directory holds the
 * compiled `dist/`, a copy of package.json and links to fixtures/, openapi/ and node_modules/.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { listeningUrl } from './process.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface CompiledServer {
  url: string
  output: () => string
  close: () => Promise<void>
}

/**
 * Compiles src/ with tsconfig.build.json into a new temporary package; answers its directory. The emit skips
 * type checking (--noCheck: a quarter of the CPU time), which `npm test` does for the same files beforehand.
 */
export async function buildCompiled(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-compiled-'))
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'))
  for (const name of ['fixtures', 'openapi', 'node_modules']) symlinkSync(join(ROOT, name), join(dir, name), 'dir')
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  const args = ['-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist'), '--declaration', 'false', '--noCheck']
  await promisify(execFile)(process.execPath, [tsc, ...args, '--sourceMap', 'false'], {
    cwd: ROOT,
    timeout: 300_000,
    maxBuffer: 1e7,
  })
  return dir
}

/** Starts `node dist/src/main.js --port 0 --memory` of a package built by buildCompiled. */
export async function startCompiled(dir: string, args: string[] = []): Promise<CompiledServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(dir, 'dist', 'src', 'main.js'), '--port', '0', '--memory', '--log-level', 'warn', ...args],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  const url = await listeningUrl(child, 60_000).catch((e: Error) => {
    child.kill('SIGKILL')
    throw e
  })
  return {
    url,
    output: () => out,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/** Removes a package made by buildCompiled (the links only, never what they point to). */
export function removeCompiled(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}
