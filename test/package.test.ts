/**
 * The package as a user gets it: built, `npm pack`ed, installed into a new project outside this repository
 * (that install alone, checked for install scripts), then the README's examples run there — plain Node ESM, a
 * strict TypeScript consumer (a misspelt platform field fails to compile, a webhook arrival is typed without a
 * cast), a CommonJS project requiring both entry points, the webhook test under vitest and under Jest (CommonJS,
 * ts-jest), the installed command with curl and the CI wait snippet — and the command stops on SIGTERM to the
 * PID the script holds. The demo console's browser code is served from each of the three builds (ES modules,
 * the CommonJS kit, the command), inline and allowed by its hash.
 */
import { execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
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
/** a project with the package alone installed */
let alone: string
/** what `npm install <tarball>` printed, and the installed packages that have install scripts */
let installOutput = ''
let withInstallScripts: string[] = []

/** Runs a command in the consumer project (or a folder of it); resolves with its output, whatever its exit code. */
async function sh(cmd: string, args: string[], env: Record<string, string> = {}, sub = '') {
  try {
    const r = await run(cmd, args, {
      cwd: join(consumer, sub),
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

/** The README's webhook test as a Jest project would have it: the import of the runner's functions changed. */
const jestVersion = (test: string) => test.replace(/from 'vitest'.*$/m, "from '@jest/globals'")

/** A CommonJS consumer: both entry points (and the root) through require, the till flow, a typed webhook. */
const CJS_MAIN = `const { startSandbox, startReceiver } = require('douyin-sandbox/testing')
const { SandboxClient, SandboxApiError } = require('douyin-sandbox/client')
const root = require('douyin-sandbox')

async function main() {
  const sb = await startSandbox()
  const t = await sb.newTenant()
  const receiver = await startReceiver()
  receiver.trust(t)
  await t.client.setWebhook(receiver.url)
  const { product_id } = await t.publish(t.products.groupon({ price: 1990 }))
  const { order, certificates } = await t.client.buy({ product_id })
  const hook = await receiver.waitFor('life_trade_order_notify')
  const client = new SandboxClient(sb.url, t.credentials)
  const prep = await client.op.certificatePrepare({ code: certificates[0].code })
  const refused = await client.op.certificateGet({ encrypted_code: 'no-such-code' }).catch((e) => e)
  console.log(JSON.stringify({
    order: hook.content.order.order_id === order.order_id,
    prepared: prep.certificates.length,
    apiError: refused instanceof SandboxApiError,
    sameClass: root.SandboxClient === SandboxClient && t.client instanceof SandboxClient,
  }))
  await receiver.close()
  await sb.close()
}
main().catch((e) => { console.error(e); process.exit(1) })
`

/** What GET /sandbox/ui serves: its status, whether the CSP allows its inline script, and that script's marks. */
const CONSOLE_CHECK = `async function consoleServed(url) {
  const r = await fetch(url + '/sandbox/ui')
  const script = /<script>([\\s\\S]*?)<\\/script>/.exec(await r.text())?.[1] ?? ''
  const hash = createHash('sha256').update(script).digest('base64')
  return {
    status: r.status,
    allowed: (r.headers.get('content-security-policy') ?? '').includes("'sha256-" + hash + "'"),
    console: script.includes('/sandbox/ui/state') && script.includes('createDataURL'),
  }
}
`
const CONSOLE_ESM = `import { createHash } from 'node:crypto'
import { startSandbox } from 'douyin-sandbox/testing'
${CONSOLE_CHECK}
const sb = await startSandbox()
console.log(JSON.stringify(await consoleServed(sb.url)))
await sb.close()
`
const CONSOLE_CJS = `const { createHash } = require('node:crypto')
const { startSandbox } = require('douyin-sandbox/testing')
${CONSOLE_CHECK}
startSandbox().then(async (sb) => {
  console.log(JSON.stringify(await consoleServed(sb.url)))
  await sb.close()
})
`
const CONSOLE_SERVED = { status: 200, allowed: true, console: true }

/** A free loopback port (held by nothing once this resolves). */
async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  const { port } = s.address() as { port: number }
  await new Promise((r) => s.close(r))
  return port
}

/** The README's CI snippet on `port`, with the user's suite replaced by an echo. */
function ciScript(port: number): string {
  const snippet = examples.get('ci.sh')!
  expect(snippet).toContain('./gradlew test')
  return snippet
    .replaceAll('8787', String(port))
    .replace('./gradlew test', `sh -c 'echo "suite ran against $DOUYIN_BASE_URL"'`)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-consumer-'))
  consumer = join(dir, 'app')
  mkdirSync(join(consumer, 'cjs'), { recursive: true })
  mkdirSync(join(consumer, 'jest'), { recursive: true })
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
      include: ['typed.ts', 'webhook.test.ts'],
    }),
  )
  for (const [file, code] of examples) writeFileSync(join(consumer, file), code)
  // (b) CommonJS: a folder whose package.json says so, resolving the package from the project's node_modules
  writeFileSync(join(consumer, 'cjs/package.json'), JSON.stringify({ name: 'cjs-app', private: true }))
  writeFileSync(join(consumer, 'cjs/main.js'), CJS_MAIN)
  writeFileSync(join(consumer, 'cjs/console.js'), CONSOLE_CJS)
  writeFileSync(join(consumer, 'console.mjs'), CONSOLE_ESM)
  // (c) Jest in CommonJS with ts-jest (which type-checks the test)
  writeFileSync(join(consumer, 'jest/package.json'), JSON.stringify({ name: 'jest-app', private: true }))
  writeFileSync(
    join(consumer, 'jest/jest.config.js'),
    "module.exports = { testEnvironment: 'node', transform: { '^.+\\.ts$': ['ts-jest', {}] } }\n",
  )
  writeFileSync(
    join(consumer, 'jest/tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, types: ['node'] } }),
  )
  writeFileSync(join(consumer, 'jest/webhook.test.ts'), jestVersion(examples.get('webhook.test.ts')!))

  // the test tools need no tarball: they install while the package is built and packed
  const ours = (name: string) =>
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
      .devDependencies[name]!
  const tools = sh('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    `typescript@${ours('typescript')}`,
    '@types/node@latest',
    `vitest@${ours('vitest')}`,
    'jest@30',
    '@jest/globals@30',
    'ts-jest@29',
  ])
  // dist/ is built here, explicitly: no install script builds it (npm ci runs none of ours)
  const tarball = await (async () => {
    await run('npm', ['run', 'build'], { cwd: ROOT, timeout: 240_000, maxBuffer: 1e7 })
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {
      cwd: ROOT,
      timeout: 240_000,
      maxBuffer: 1e7,
    })
    return join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
    )
  })().catch(async (e: unknown) => {
    await tools // a failed build still waits for npm to leave the consumer folder
    throw e
  })

  // the package alone, as a user installs it, in a project of its own: its output is checked for install scripts
  alone = join(dir, 'alone')
  mkdirSync(alone)
  writeFileSync(join(alone, 'package.json'), JSON.stringify({ name: 'merchant-app', private: true, type: 'module' }))
  const installed = await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {}, '../alone')
  if (installed.code !== 0) throw new Error(`npm install of the tarball failed:\n${installed.out}`)
  installOutput = installed.out
  const tree = JSON.parse(readFileSync(join(alone, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, { hasInstallScript?: boolean }>
  }
  withInstallScripts = Object.entries(tree.packages)
    .filter(([, p]) => p.hasInstallScript)
    .map(([name]) => name)
  const toolsInstalled = await tools
  if (toolsInstalled.code !== 0) throw new Error(`npm install of the test tools failed:\n${toolsInstalled.out}`)
  // then into the project with the tools, where the examples run
  const beside = await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball])
  if (beside.code !== 0) throw new Error(`npm install of the tarball beside the tools failed:\n${beside.out}`)
}, 600_000)

// the consumer's node_modules (TypeScript, vitest, Jest) is large: removing it takes a while on a busy machine
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
}, 120_000)

// each test runs npm, tsc or vitest in the consumer project: minutes on a busy 2-core machine, not seconds
describe('installed from the packed tarball into another project', { timeout: 180_000 }, () => {
  it('has every README example it runs', () => {
    expect([...examples.keys()].sort()).toEqual([
      'ci.sh',
      'flow.mjs',
      'flow.sh',
      'my-flow.mjs',
      'typed.ts',
      'webhook.test.ts',
    ])
    expect(examples.get('webhook.test.ts')!.trimEnd().split('\n').length).toBeLessThan(30)
  })

  it('installs without running or announcing any install script, and without @scarf/scarf', () => {
    expect(installOutput).not.toMatch(/install.?script|postinstall|preinstall|prepare|allowScripts|scarf/i)
    expect(withInstallScripts).toEqual([])
    expect(readdirSync(join(alone, 'node_modules'))).not.toContain('@scarf')
  })

  it('runs the combo-pack till flow from plain Node ESM (client + testing kit)', async () => {
    const r = await sh(process.execPath, ['flow.mjs'])
    expect(r.out).toMatch(/client_token clt\./)
    expect(r.out).toMatch(/verified and cancelled \d+: status 1 /)
    expect(r.code).toBe(0)
  })

  it('type-checks a strict consumer: misspelt platform, control-plane and answer fields fail, webhooks need no cast', async () => {
    // incremental: the second run re-checks only the two files changed, not the libraries' declarations again
    const tsc = ['tsc', '-p', '.', '--incremental', '--tsBuildInfoFile', 'tsc.tsbuildinfo']
    const ok = await sh('npx', tsc)
    expect(ok.out).toBe('')
    expect(ok.code).toBe(0)
    const typed = examples.get('typed.ts')!
    const webhook = examples.get('webhook.test.ts')!
    expect(typed).toContain('verify_token: prep.verify_token')
    expect(webhook).toContain('expect(hook.content.order.order_id)')
    writeFileSync(
      join(consumer, 'typed.ts'),
      typed
        .replace('verify_token: prep.verify_token', 'verify_tokn: prep.verify_token')
        .replace("reason: '图片不清晰'", "reson: '图片不清晰'")
        .replace('.map((r) => r.verify_id)', '.map((r) => r.verify_idd)'),
    )
    writeFileSync(
      join(consumer, 'webhook.test.ts'),
      webhook.replace('expect(hook.content.order.order_id)', 'expect(hook.content.order.order_idd)'),
    )
    const bad = await sh('npx', tsc)
    writeFileSync(join(consumer, 'typed.ts'), typed)
    writeFileSync(join(consumer, 'webhook.test.ts'), webhook)
    expect(bad.code).not.toBe(0)
    expect(bad.out).toMatch(/typed\.ts.*'verify_tokn' does not exist/)
    expect(bad.out).toMatch(/typed\.ts.*'reson' does not exist/)
    expect(bad.out).toMatch(/typed\.ts.*'verify_idd' does not exist/)
    expect(bad.out).toMatch(/webhook\.test\.ts.*'order_idd' does not exist/)
  })

  it('requires both entry points from a CommonJS project', async () => {
    const r = await sh(process.execPath, ['main.js'], {}, 'cjs')
    expect(r.code, r.out).toBe(0)
    expect(JSON.parse(r.out.trim().split('\n').pop()!)).toEqual({
      order: true,
      prepared: 1,
      apiError: true,
      sameClass: true,
    })
  })

  it('serves the demo console with its browser code from the ES-module and the CommonJS builds', async () => {
    for (const [file, sub] of [
      ['console.mjs', ''],
      ['console.js', 'cjs'],
    ] as const) {
      const r = await sh(process.execPath, [file], {}, sub)
      expect(r.code, r.out).toBe(0)
      expect(JSON.parse(r.out.trim().split('\n').pop()!), file).toEqual(CONSOLE_SERVED)
    }
  })

  it("runs the README's webhook test under Jest (CommonJS, type-checked by ts-jest)", async () => {
    const r = await sh('npx', ['jest', '--ci'], {}, 'jest')
    expect(r.out).toMatch(/Tests:\s+1 passed, 1 total/)
    expect(r.code).toBe(0)
  })

  it("runs the README's own scenario file with npx douyin-sandbox scenario, and cleans up its tenant", async () => {
    const r = await sh('npx', ['douyin-sandbox', 'scenario', './my-flow.mjs', '--cleanup'])
    expect(r.out).toContain('✓ my-flow')
    expect(r.out).toMatch(/fired: life_trade_certificate_notify\(verify\) delivered/)
    expect(r.out).toContain('1 passed, 0 failed')
    expect(r.code).toBe(0)
  })

  it('receives a signed webhook in a vitest file using the testing kit', async () => {
    const r = await sh('npx', ['vitest', 'run', '--reporter=default', '--exclude', 'jest/**'])
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
      const page = await fetch(`${url}/sandbox/ui`)
      const script = /<script>([\s\S]*?)<\/script>/.exec(await page.text())?.[1] ?? ''
      const hash = createHash('sha256').update(script).digest('base64')
      expect(page.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`)
      expect(script).toContain('/sandbox/ui/state')
      const flow = await sh('bash', ['flow.sh'], { SB: url })
      // the cancel's answer: the one verification cancelled, and success
      expect(flow.out).toMatch(/^\{"data":\{"cancel_results":\[\{"verify_id":"\d+","order_id":"\d+","result_code":0,/)
      expect(flow.out).toContain('"transaction_id":"","error_code":0,"description":"success"}')
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
  it('CI snippet: waits for the installed command, runs the suite, and stops it', async () => {
    const port = await freePort()
    writeFileSync(join(consumer, 'ci-ok.sh'), ciScript(port))
    const r = await sh('bash', ['ci-ok.sh'])
    expect(r.out).toContain(`suite ran against http://127.0.0.1:${port}`)
    expect(r.code).toBe(0)
    const released = await msUntilClosed(`http://127.0.0.1:${port}`)
    expect(released, 'the sandbox was still answering 5 s after the snippet ended').toBeGreaterThanOrEqual(0)
  })

  it("CI snippet: gives up at once with the server's own error when it cannot start", async () => {
    const port = await freePort()
    // a leftover server holding the port and answering every request 200, as a sandbox left running would
    const holder: Server = createServer((q, s) => s.end('{"data":{"error_code":0}}'))
    await new Promise<void>((r) => holder.listen(port, '127.0.0.1', () => r()))
    try {
      writeFileSync(join(consumer, 'ci-taken.sh'), ciScript(port))
      const started = Date.now()
      const r = await sh('bash', ['ci-taken.sh'])
      expect(r.code).toBe(1)
      expect(r.out).toContain(`douyin-sandbox: cannot listen on 127.0.0.1:${port}`)
      expect(r.out).not.toContain('suite ran')
      expect(Date.now() - started).toBeLessThan(20_000) // the snippet's own limit, not the runner's
    } finally {
      await new Promise((r) => holder.close(r))
    }
  })
})
