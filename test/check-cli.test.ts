/** `douyin-sandbox check` from the command line: flags, reporters written to a file, exit codes for CI. */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { checkCommand } from '../src/cli/check.js'
import { startReceiver } from '../src/testing/receiver.js'
import { startSandbox, type RunningSandbox } from '../src/testing/start.js'
import { validateJunit } from './helpers/junit-schema.js'
import { startMerchant } from './helpers/merchants.js'

const BIN = ['--import', 'tsx', fileURLToPath(new URL('../src/cli.ts', import.meta.url))]
/** `douyin-sandbox check <args>` in this process: its exit code and what it wrote */
async function inProcess(...args: string[]) {
  const written = { stdout: '', stderr: '' }
  const spies = (['stdout', 'stderr'] as const).map((name) =>
    vi.spyOn(process[name], 'write').mockImplementation((chunk: string | Uint8Array) => {
      written[name] += String(chunk)
      return true
    }),
  )
  try {
    return { code: await checkCommand(args), ...written }
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
}
/**
 * async: the sandbox and the services answer from this process, so the event loop must stay free (a synchronous
 * child blocks it for seconds, and a kept-alive connection to the sandbox can then be closed under the next request)
 */
const run = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [...BIN, ...args], { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })

/** these services make their platform calls before they answer: a short quiet spell in the journal sees them all */
const QUIET = ['--quiet', '0.2']

let sb: RunningSandbox
let dir: string
beforeAll(async () => {
  sb = await startSandbox()
  dir = mkdtempSync(join(tmpdir(), 'check-cli-'))
})
afterAll(async () => {
  await sb?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('douyin-sandbox check', { timeout: 60_000 }, () => {
  it('explains itself and refuses bad flags with exit code 2', async () => {
    // through the command itself: the usage, and a refusal's exit code
    expect((await run('--help')).stdout).toContain('check      conformance checks')
    const none = await run('check')
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('--target is required')
    // the rest in this process (the same checkCommand the command runs, without a Node start each)
    const help = await inProcess('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--reporter <name>')
    expect(help.stdout).toContain('--quiet <s>')
    const reporter = await inProcess('--target', 'http://127.0.0.1:1/hook', '--reporter', 'tap')
    expect(reporter.code).toBe(2)
    expect(reporter.stderr).toContain('--reporter must be one of text, junit, json, got tap')
    expect((await inProcess('--target', 'not a url')).stderr).toContain('--target must be a URL')
    const wait = await inProcess('--target', 'http://127.0.0.1:1/hook', '--callback-wait', 'soon')
    expect(wait.code).toBe(2)
    expect(wait.stderr).toContain('--callback-wait must be a number of seconds, got soon')
    const quiet = await inProcess('--target', 'http://127.0.0.1:1/hook', '--quiet', 'brief')
    expect(quiet.code).toBe(2)
    expect(quiet.stderr).toContain('--quiet must be a number of seconds, got brief')
    const secretOnly = await inProcess('--target', 'http://127.0.0.1:1/hook', '--client-secret', 's')
    expect(secretOnly.code).toBe(2)
    expect(secretOnly.stderr).toContain('--client-secret needs --client-key')
  })

  it('exits 0 for a correct service and prints the summary', async () => {
    const t = await sb.newTenant()
    const receiver = await startReceiver()
    receiver.trust(t)
    try {
      const r = await run(
        'check',
        '--sandbox',
        sb.url,
        '--target',
        receiver.url,
        '--spi',
        receiver.spiBase,
        '--client-key',
        t.credentials.client_key,
        ...QUIET,
      )
      expect(r.code, r.stdout + r.stderr).toBe(0)
      expect(r.stdout).toContain('21 checks: 16 passed, 0 failed, 5 not applicable')
    } finally {
      await receiver.close()
    }
  })

  it('exits 1 for a careless service and writes a valid JUnit report, or JSON, to --output', async () => {
    const t = await sb.newTenant()
    const m = await startMerchant({ sandboxUrl: sb.url, tenant: t.credentials, careless: true })
    const common = ['check', '--sandbox', sb.url, '--target', m.url, '--client-key', t.credentials.client_key, ...QUIET]
    try {
      const xmlFile = join(dir, 'report.xml')
      const junit = await run(...common, '--reporter', 'junit', '--output', xmlFile)
      expect(junit.code, junit.stderr).toBe(1)
      expect(junit.stdout).toContain('✗ webhook.signature.missing')
      expect(junit.stdout).toContain(`junit report written to ${xmlFile}`)
      const xml = readFileSync(xmlFile, 'utf8')
      expect(await validateJunit(xml)).toEqual([])
      expect(xml).toContain('failures="7"')
      const json = await run(...common, '--reporter', 'json')
      expect(json.code).toBe(1)
      const report = JSON.parse(json.stdout) as { failed: number; results: Array<{ id: string; status: string }> }
      expect(report.failed).toBe(7)
      expect(report.results.find((c) => c.id === 'webhook.signature.other-tenant')?.status).toBe('failed')
    } finally {
      await m.close()
    }
  })

  it('scenario runs write the same JUnit and JSON reports', async () => {
    const xmlFile = join(dir, 'scenarios.xml')
    const junit = await run('scenario', 'product-audit', '--reporter', 'junit', '--output', xmlFile)
    expect(junit.code, junit.stdout + junit.stderr).toBe(0)
    expect(junit.stdout).toContain(`junit report written to ${xmlFile}`)
    const xml = readFileSync(xmlFile, 'utf8')
    expect(await validateJunit(xml)).toEqual([])
    expect(xml).toContain('tests="1" failures="0"')
    // named after the run and the scenario, not the check
    expect(xml).toContain('<testsuites name="douyin-sandbox scenario" ')
    expect(xml).toMatch(/<testcase classname="douyin-sandbox\.scenario\.product-audit" name="product-audit: /)
    expect(xml).not.toContain('douyin-sandbox.check')
    // on stdout only the report; the timeline goes to stderr
    const json = await run('scenario', 'product-audit', '--reporter', 'json')
    expect(json.code).toBe(0)
    const report = JSON.parse(json.stdout) as { passed: number; results: Array<{ id: string; status: string }> }
    expect(report.results).toEqual([expect.objectContaining({ id: 'product-audit', status: 'passed' })])
    expect(json.stderr).toContain('✓ product-audit')
    expect((await run('scenario', 'product-audit', '--reporter', 'xml')).code).toBe(2)
  })

  it('exits 2 naming the sandbox when it cannot be reached', async () => {
    const r = await run('check', '--sandbox', 'http://127.0.0.1:1', '--target', 'http://127.0.0.1:1/hook')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('cannot reach the sandbox at http://127.0.0.1:1')
  })
})
