/** The douyin-sandbox command (package.json bin), run from its TypeScript source (test/package.test.ts runs the built one). */
import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../src/testing/index.js'

const BIN = ['--import', 'tsx', fileURLToPath(new URL('../src/cli.ts', import.meta.url))]
const run = (...args: string[]) => spawnSync(process.execPath, [...BIN, ...args], { encoding: 'utf8', timeout: 20_000 })

describe('douyin-sandbox CLI', () => {
  // five Node starts through tsx: seconds each on a busy 2-core machine
  it('explains its commands, and each command has --help', { timeout: 60_000 }, () => {
    const main = run('--help')
    expect(main.status).toBe(0)
    expect(main.stdout).toMatch(/start[\s\S]*scenario[\s\S]*tenants/)
    expect(run('start', '--help').stdout).toContain('--port <n>')
    expect(run('scenario', '--help').stdout).toContain('--client-key <key>')
    expect(run('tenants', '--help').stdout).toContain('--sandbox <URL>')
    expect(run('nonsense').status).toBe(2)
  })

  it('lists the tenants of a running sandbox', async () => {
    const sb = await startSandbox()
    try {
      // async: the sandbox answers from this process, so the event loop must stay free
      const r = await promisify(execFile)(process.execPath, [...BIN, 'tenants', '--sandbox', sb.url], {
        encoding: 'utf8',
        timeout: 20_000,
      })
      expect(r.stdout).toContain('* awsandboxdefault  secret=sandbox-default-secret-0000000000')
    } finally {
      await sb.close()
    }
  })
})
