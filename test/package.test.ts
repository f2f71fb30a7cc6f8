/**
 * The package as a user gets it: `npm pack`, installed into a new project outside this repository, then the
 * README's examples run there — plain Node ESM, a strict TypeScript consumer, the installed command with curl,
 * and a vitest file — and the command stops on SIGTERM to the PID the script holds.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listeningUrl, msUntilClosed } from './helpers/process.js'
import { readmeExamples } from './helpers/readme.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const run = promisify(execFile)
const examples = readmeExamples()
let dir: string
let consumer: string

/** Runs a command in the consumer project; resolves with its output, whatever its exit code. */
async function sh(cmd: string, args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(cmd, args, {
      cwd: consumer,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 240_000,
      maxBuffer: 1e7,
    })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof x.code === 'number' ? x.code : 1, out: `${x.stdout ?? ''}${x.stderr ?? ''}` }
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-consumer-'))
  await run('npm', ['pack', '--pack-destination', dir], { cwd: ROOT, timeout: 240_000, maxBuffer: 1e7 })
  const tarball = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
  )
  consumer = join(dir, 'app')
  await run('mkdir', ['-p', consumer])
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'merchant-app', private: true, type: 'module' }))
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: ['node'],
        noUncheckedIndexedAccess: true,
        lib: ['ES2023'],
      },
      include: ['typed.ts'],
    }),
  )
  for (const [file, code] of examples) writeFileSync(join(consumer, file), code)
  const ours = (name: string) =>
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
      .devDependencies[name]!
  const installed = await sh('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    tarball,
    `typescript@${ours('typescript')}`,
    '@types/node@latest',
    `vitest@${ours('vitest')}`,
  ])
  if (installed.code !== 0) throw new Error(`npm install in the consumer project failed:\n${installed.out}`)
}, 300_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

// each test runs npm, tsc or vitest in the consumer project: minutes on a busy 2-core machine, not seconds
describe('installed from the packed tarball into another project', { timeout: 180_000 }, () => {
  it('has every README example it runs', () => {
    expect([...examples.keys()].sort()).toEqual(['flow.mjs', 'flow.sh', 'my-flow.mjs', 'typed.ts', 'webhook.test.ts'])
    expect(examples.get('webhook.test.ts')!.trimEnd().split('\n').length).toBeLessThan(30)
  })

  it('runs the combo-pack till flow from plain Node ESM (client + testing kit)', async () => {
    const r = await sh(process.execPath, ['flow.mjs'])
    expect(r.out).toMatch(/client_token clt\./)
    expect(r.out).toMatch(/verified and cancelled \d+: status 1 /)
    expect(r.code).toBe(0)
  })

  it('type-checks a strict consumer against the newest @types/node, and a misspelt field does not compile', async () => {
    const ok = await sh('npx', ['tsc', '-p', '.'])
    expect(ok.out).toBe('')
    expect(ok.code).toBe(0)
    const typed = examples.get('typed.ts')!
    writeFileSync(
      join(consumer, 'typed.ts'),
      typed
        .replace("reason: '图片不清晰'", "reson: '图片不清晰'")
        .replace('.map((r) => r.verify_id)', '.map((r) => r.verify_idd)'),
    )
    const bad = await sh('npx', ['tsc', '-p', '.'])
    writeFileSync(join(consumer, 'typed.ts'), typed)
    expect(bad.code).not.toBe(0)
    expect(bad.out).toMatch(/typed\.ts.*'reson' does not exist/)
    expect(bad.out).toMatch(/typed\.ts.*'verify_idd' does not exist/)
  })

  it("runs the README's own scenario file with npx douyin-sandbox scenario, and cleans up its tenant", async () => {
    const r = await sh('npx', ['douyin-sandbox', 'scenario', './my-flow.mjs', '--cleanup'])
    expect(r.out).toContain('✓ my-flow')
    expect(r.out).toMatch(/fired: life_trade_certificate_notify\(verify\) delivered/)
    expect(r.out).toContain('1 passed, 0 failed')
    expect(r.code).toBe(0)
  })

  it('receives a signed webhook in a vitest file using the testing kit', async () => {
    const r = await sh('npx', ['vitest', 'run', '--reporter=default'])
    expect(r.out).toMatch(/1 passed/)
    expect(r.code).toBe(0)
  })

  it('starts with npx douyin-sandbox, serves the curl flow, and stops within 2 s of SIGTERM to its PID', async () => {
    const child = spawn('npx', ['douyin-sandbox', 'start', '--port', '0', '--memory'], {
      cwd: consumer,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const url = await listeningUrl(child)
    try {
      expect((await fetch(`${url}/sandbox/health`)).status).toBe(200)
      const flow = await sh('bash', ['flow.sh'], { SB: url })
      expect(flow.out).toMatch(/^\{"data":\{"error_code":0,"description":"success"\}/)
    } finally {
      const exited = new Promise<void>((r) => child.on('close', () => r()))
      const closed = msUntilClosed(url)
      child.kill('SIGTERM')
      const released = await closed
      await exited
      expect(released, 'the port was still answering 5 s after SIGTERM').toBeGreaterThanOrEqual(0)
      expect(released).toBeLessThan(2000)
    }
  })
})
