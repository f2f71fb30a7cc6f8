/**
 * `npm run bench:startup`: how long the installed command takes from launch to its first 200 (`start --memory`,
 * polling GET /sandbox/health every 3 ms), from the packed tarball installed into a new project as a user has
 * it — the command as installed (node_modules/.bin/douyin-sandbox, the bundle in dist/bin), the same through
 * `npx` (which starts npm first), and the unbundled ES modules in dist/src (what the command ran before it was
 * bundled). Wall time is the target's figure; CPU time (user + system of the server process, from /proc) is
 * printed beside it because it moves much less when other work shares the machine. Target: bin ≤ 200 ms.
 * BENCH_STARTUP_RUNS (default 10) runs of each; BENCH_STARTUP_DIR keeps the installed project for reruns.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { englishOnlyZod } from '../scripts/english-only-zod.mjs'
import { freePort, median, ROOT } from './lib.js'

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 10)

/** A project with the packed tarball installed (built and packed now, unless BENCH_STARTUP_DIR holds one). */
function installedProject(): string {
  const dir = process.env.BENCH_STARTUP_DIR ?? mkdtempSync(join(tmpdir(), 'sandbox-startup-'))
  const app = join(dir, 'app')
  mkdirSync(dir, { recursive: true })
  if (existsSync(join(app, 'node_modules/.bin/douyin-sandbox'))) return app
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' })
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, stdio: 'ignore' })
  const tarball = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
  )
  mkdirSync(app, { recursive: true })
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'startup-bench', private: true }))
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
    cwd: app,
    stdio: 'ignore',
  })
  return app
}

/** CPU time (user + system, ms) a process has used so far. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // clock ticks of 10 ms
}

interface Variant {
  name: string
  cmd: string
  args: (port: number) => string[]
  /** whether the spawned process is the server (under npx it is npm) */
  cpu: boolean
}

/** One start: ms from launch to the first 200, and the server's CPU ms then (null under npx: npm runs it). */
async function once(app: string, v: Variant): Promise<{ wall: number; cpu: number | null }> {
  const port = await freePort()
  const t0 = performance.now()
  const child = spawn(v.cmd, v.args(port), { cwd: app, stdio: 'ignore' })
  const exited = new Promise((r) => child.once('exit', r))
  const deadline = t0 + 30_000
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/sandbox/health`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ok) break
    if (performance.now() > deadline) throw new Error(`${v.name}: no 200 within 30 s`)
    await new Promise((r) => setTimeout(r, 3))
  }
  const wall = performance.now() - t0
  const used = v.cpu ? cpuMs(child.pid!) : null
  child.kill('SIGTERM')
  await exited
  return { wall, cpu: used }
}

/**
 * The libraries the sandbox is built on, without the sandbox, bundled as the command is (one ES module, zod's
 * English messages only): how much of the start-up they take before any sandbox code runs.
 */
async function stackBundles(dir: string): Promise<{ hono: string; stack: string }> {
  const listen = `const port = Number(process.argv[process.argv.indexOf('--port') + 1])
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' })`
  const sources = {
    hono: `import { Hono } from 'hono'
import { serve } from '@hono/node-server'
const app = new Hono()
app.get('/sandbox/health', (c) => c.json({ ok: true }, 200))
${listen}`,
    stack: `import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { serve } from '@hono/node-server'
const app = new OpenAPIHono()
const ok = z.object({ ok: z.boolean() })
const health = createRoute({ method: 'get', path: '/sandbox/health',
  responses: { 200: { description: 'ok', content: { 'application/json': { schema: ok } } } } })
app.openapi(health, (c) => c.json({ ok: true }, 200))
${listen}`,
  }
  const out = { hono: join(dir, 'stack-hono.mjs'), stack: join(dir, 'stack-zod-openapi.mjs') }
  for (const name of ['hono', 'stack'] as const) {
    await build({
      stdin: { contents: sources[name], resolveDir: ROOT, loader: 'ts' },
      outfile: out[name],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      minifyWhitespace: true,
      minifySyntax: true,
      plugins: [englishOnlyZod],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'warning',
    })
  }
  return out
}

const app = installedProject()
const stack = await stackBundles(join(app, '..'))
const start = (port: number) => ['start', '--memory', '--port', String(port)]
const variants: Variant[] = [
  {
    name: 'installed bin (node_modules/.bin/douyin-sandbox)',
    cmd: 'node_modules/.bin/douyin-sandbox',
    args: start,
    cpu: true,
  },
  { name: 'npx douyin-sandbox', cmd: 'npx', args: (port) => ['douyin-sandbox', ...start(port)], cpu: false },
  {
    name: 'unbundled dist/src/cli.js (the command before the bundle)',
    cmd: process.execPath,
    args: (port) => ['node_modules/douyin-sandbox/dist/src/cli.js', ...start(port)],
    cpu: true,
  },
  {
    // the fixed libraries alone: a one-route @hono/zod-openapi app on @hono/node-server, bundled like the command
    name: 'reference: the libraries alone (one @hono/zod-openapi route on @hono/node-server)',
    cmd: process.execPath,
    args: (port) => [stack.stack, '--port', String(port)],
    cpu: true,
  },
  {
    name: 'reference: Hono and @hono/node-server alone (no zod)',
    cmd: process.execPath,
    args: (port) => [stack.hono, '--port', String(port)],
    cpu: true,
  },
  {
    // what this machine allows at best: Node itself, answering 200 from a bare HTTP server
    name: 'reference: bare node:http server',
    cmd: process.execPath,
    args: (port) => [
      '-e',
      `require('node:http').createServer((q, s) => s.end()).listen(${port}, '127.0.0.1')`,
      '/sandbox/health',
    ],
    cpu: true,
  },
]
const results = new Map(variants.map((v) => [v.name, { wall: [] as number[], cpu: [] as number[] }]))
await once(app, variants[0]!) // warms the file cache
for (let i = 0; i < RUNS; i++) {
  // interleaved, so a busy moment of the machine weighs on every variant alike
  for (const v of variants) {
    const r = await once(app, v)
    results.get(v.name)!.wall.push(r.wall)
    if (r.cpu !== null) results.get(v.name)!.cpu.push(r.cpu)
  }
}
const fmt = (xs: number[]) =>
  xs.length === 0 ? '—' : `${Math.round(median(xs))} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`
console.log(`start-up to the first 200, ${RUNS} runs each, load average ${loadavg()[0]!.toFixed(1)} on this machine`)
console.log('| command | wall, median (min–max) | server CPU, median (min–max) |')
console.log('|---|---|---|')
for (const v of variants) {
  const r = results.get(v.name)!
  console.log(`| ${v.name} | ${fmt(r.wall)} | ${fmt(r.cpu)} |`)
}
