/**
 * Scenarios against the user's own service: a named tenant whose secret the service knows, verdicts that say what
 * the target answered, partial targets, cleanup of the tenants a run made.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCENARIOS } from '../scenarios/index.js'
import { runScenarios } from '../scenarios/runner.js'
import { startReceiver, type Receiver } from '../src/testing/receiver.js'
import { startSandbox, type RunningSandbox } from '../src/testing/start.js'
import { readmeExamples } from './helpers/readme.js'

const byName = (name: string) => SCENARIOS.find((s) => s.name === name)!
const SECRET = 'the-secret-the-service-knows-0001'

let sandbox: RunningSandbox
beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(async () => {
  await sandbox?.close()
})

/** The service under test: a receiver that knows only the one tenant it was configured for. */
async function service(key: string): Promise<Receiver> {
  const r = await startReceiver()
  r.trust(key, SECRET)
  return r
}

describe('a scenario run against a named tenant', () => {
  it('signs every webhook with the secret the service was configured with, looked up or given', async () => {
    const sut = await service('merchant-under-test')
    try {
      const lines: string[] = []
      const given = await runScenarios([byName('cancel-within-hour')], {
        sandboxUrl: sandbox.url,
        target: sut.url,
        clientKey: 'merchant-under-test',
        clientSecret: SECRET,
        log: (l) => lines.push(l),
      })
      expect(given.failures, lines.join('\n')).toEqual([])
      expect(lines.join('\n')).toContain(`tenant merchant-under-test  client_secret ${SECRET}`)
      // the second run finds the tenant and looks its secret up
      const looked = await runScenarios([byName('product-audit')], {
        sandboxUrl: sandbox.url,
        target: sut.url,
        clientKey: 'merchant-under-test',
        log: (l) => lines.push(l),
      })
      expect(looked.failures, lines.join('\n')).toEqual([])
      expect(sut.arrivals.length).toBeGreaterThan(3)
      expect(sut.badSignatures()).toEqual([])
      const wrong = await runScenarios([byName('product-audit')], {
        sandboxUrl: sandbox.url,
        clientKey: 'merchant-under-test',
        clientSecret: 'another-secret-entirely-0000',
      })
      expect(wrong.failures[0]!.message).toBe(
        'tenant merchant-under-test exists with another client_secret than the one given',
      )
    } finally {
      await sut.close()
    }
  })

  it('says what the target answered when it answers 500, with status, event and attempt', async () => {
    const failing = createServer((_req, res) => res.writeHead(500).end('{"err":"boom"}'))
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', () => r()))
    const url = `http://127.0.0.1:${(failing.address() as { port: number }).port}/hook`
    try {
      const lines: string[] = []
      const r = await runScenarios([byName('cancel-within-hour')], {
        sandboxUrl: sandbox.url,
        target: url,
        skipChallenge: true,
        log: (l) => lines.push(l),
      })
      expect(r.failed).toBe(1)
      expect(r.failures[0]!.message).toMatch(
        /^your target answered 500 to life_\w+ \(attempt 1 of 4\) at http:\/\/127\.0\.0\.1:\d+\/hook; step /,
      )
      const out = lines.join('\n')
      expect(out).toContain('what the target answered:')
      expect(out).toMatch(/life_\w+ attempt 1 → HTTP 500 in \d+ ms: \{"err":"boom"\} \(failed\)/)
      // a run whose steps all hold still fails when the target did not acknowledge a webhook, and counts each
      // event once (its first attempt), not once per retry: eight verify events, as the scenario expects
      const visits = await runScenarios([byName('combo-pack-visits')], {
        sandboxUrl: sandbox.url,
        target: url,
        skipChallenge: true,
        log: () => undefined,
      })
      expect(visits.failures).toEqual([
        {
          name: 'combo-pack-visits',
          message: expect.stringMatching(
            /^your target answered 500 to life_\w+(\(\w+\))? \(attempt 1 of 4\) at .*; every step held, but the target did not acknowledge every webhook$/,
          ),
        },
      ])
    } finally {
      await new Promise((r) => failing.close(r))
    }
  })
})

describe('partial targets and cleanup', () => {
  it('runs a scripted-SPI scenario with --target only, and skips it once --spi sends SPI calls elsewhere', async () => {
    const sut = await service('partial-targets')
    try {
      const lines: string[] = []
      const opts = {
        sandboxUrl: sandbox.url,
        clientKey: 'partial-targets',
        clientSecret: SECRET,
        log: (l: string) => lines.push(l),
      }
      const targetOnly = await runScenarios([byName('third-party-codes')], { ...opts, target: sut.url })
      expect(targetOnly, lines.join('\n')).toMatchObject({ passed: 1, skipped: 0 })
      expect(sut.arrivals.some((a) => a.event === 'life_trade_order_notify')).toBe(true)
      for (const extra of [{ spiBase: sut.spiBase }, { spiBase: sut.spiBase, target: sut.url }]) {
        const skipped = await runScenarios([byName('third-party-codes')], { ...opts, ...extra })
        expect(skipped).toMatchObject({ passed: 0, skipped: 1 })
      }
      expect(lines.join('\n')).toContain('○ third-party-codes: skipped (it scripts the reference merchant')
      const spiOnly = await runScenarios([byName('product-audit')], { ...opts, spiBase: sut.spiBase })
      expect(spiOnly.passed).toBe(1)
    } finally {
      await sut.close()
    }
  })

  it('deletes the fresh tenants it made with cleanup, and keeps them without', async () => {
    const two = [byName('product-audit'), byName('partial-refund-pack')]
    const kept = await runScenarios(two, { sandboxUrl: sandbox.url })
    const cleaned = await runScenarios(two, { sandboxUrl: sandbox.url, cleanup: true })
    expect(kept.passed + cleaned.passed).toBe(4)
    const keys = (await sandbox.client.tenants()).map((t) => t.client_key)
    for (const t of kept.tenants) expect(keys).toContain(t.client_key)
    for (const t of cleaned.tenants) expect(keys).not.toContain(t.client_key)
  })
})

describe('a scenario file outside the repository', () => {
  const ROOT = fileURLToPath(new URL('..', import.meta.url))
  const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href // resolved from the repository
  /** `douyin-sandbox scenario …` through the CLI, from a directory outside the repository */
  async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string }> {
    try {
      const r = await promisify(execFile)(
        process.execPath,
        ['--import', TSX, join(ROOT, 'src/cli.ts'), 'scenario', ...args],
        {
          cwd,
          timeout: 120_000,
        },
      )
      return { code: 0, out: r.stdout + r.stderr }
    } catch (e) {
      const x = e as { code?: number; stdout?: string; stderr?: string }
      return { code: x.code ?? 1, out: `${x.stdout ?? ''}${x.stderr ?? ''}` }
    }
  }

  it("runs the README's example with the same runner, timeline and verdict, and refuses a malformed file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'my-scenarios-'))
    try {
      writeFileSync(join(dir, 'my-flow.mjs'), readmeExamples().get('my-flow.mjs')!)
      const ok = await cli(dir, './my-flow.mjs', '--sandbox', sandbox.url, '--cleanup')
      expect(ok.out).toContain('● my-flow — a consumer buys a set lunch')
      expect(ok.out).toContain('fired: life_trade_certificate_notify(verify) delivered')
      expect(ok.out).toContain('1 passed, 0 failed')
      expect(ok.code).toBe(0)
      writeFileSync(join(dir, 'broken.mjs'), 'export default { name: "broken", description: "no run" }\n')
      const bad = await cli(dir, './broken.mjs')
      expect(bad.code).toBe(2)
      expect(bad.out).toContain('broken.mjs: an exported scenario broken has no run(ctx) function')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
