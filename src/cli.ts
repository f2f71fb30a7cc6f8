#!/usr/bin/env node
/** The `douyin-sandbox` command: start | scenario | check | tenants. */
import { parseArgs } from 'node:util'
import { startCommand } from './cli/start.js'

const HELP = `usage: douyin-sandbox <command> [options]
  start      start the sandbox (douyin-sandbox start --help)
  scenario   run scenario scripts (douyin-sandbox scenario --help)
  check      conformance checks of your webhook and SPI endpoints, for CI (douyin-sandbox check --help)
  tenants    list the tenants of a running sandbox with their credentials (douyin-sandbox tenants --help)`

const TENANTS_HELP = `usage: douyin-sandbox tenants [--sandbox <URL>]
  --sandbox <URL>   the running sandbox (default http://127.0.0.1:8787)`

async function tenantsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { sandbox: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    process.stdout.write(`${TENANTS_HELP}\n`)
    return 0
  }
  const url = (values.sandbox ?? 'http://127.0.0.1:8787').replace(/\/+$/, '')
  try {
    const res = await fetch(`${url}/sandbox/tenants`)
    const { data } = (await res.json()) as {
      data: {
        tenants: Array<{
          is_default: boolean
          client_key: string
          client_secret: string
          account_id: string
          poi_ids: string[]
        }>
      }
    }
    for (const t of data.tenants) {
      process.stdout.write(
        `${t.is_default ? '*' : ' '} ${t.client_key}  secret=${t.client_secret}  account_id=${t.account_id}  poi_ids=${t.poi_ids.join(',')}\n`,
      )
    }
    return 0
  } catch (e) {
    process.stderr.write(`douyin-sandbox: cannot reach ${url}: ${(e as Error).message}\n`)
    return 1
  }
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  try {
    if (command === 'start') return await startCommand(rest)
    if (command === 'scenario') {
      const { scenarioCommand } = await import('../scenarios/cli.js')
      process.exitCode = await scenarioCommand(rest)
      return
    }
    if (command === 'check') {
      const { checkCommand } = await import('./cli/check.js')
      process.exitCode = await checkCommand(rest)
      return
    }
    if (command === 'tenants') {
      process.exitCode = await tenantsCommand(rest)
      return
    }
  } catch (e) {
    // parseArgs: an unknown flag or a missing value
    process.stderr.write(`douyin-sandbox ${command}: ${(e as Error).message}\n`)
    process.exitCode = 2
    return
  }
  process.stdout.write(`${HELP}\n`)
  process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2
}

await run(process.argv.slice(2))
