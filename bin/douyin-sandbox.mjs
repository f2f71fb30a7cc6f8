#!/usr/bin/env node
// douyin-sandbox start | scenario | tenants — runs the TypeScript entry points through tsx from a checkout.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsx = createRequire(import.meta.url).resolve('tsx/cli')
const [command, ...args] = process.argv.slice(2)

const HELP = {
  main: `usage: douyin-sandbox <command> [options]
  start      start the sandbox (douyin-sandbox start --help)
  scenario   run scenario scripts (douyin-sandbox scenario --help)
  tenants    list the tenants of a running sandbox with their credentials (douyin-sandbox tenants --help)`,
  tenants: `usage: douyin-sandbox tenants [--sandbox <URL>]
  --sandbox <URL>   the running sandbox (default http://127.0.0.1:8787)`,
}

function run(file, rest, nodeFlags = []) {
  const r = spawnSync(process.execPath, [tsx, ...nodeFlags, join(root, file), ...rest], { stdio: 'inherit' })
  process.exit(r.status ?? 1)
}

// the young generation's size, as package.json's start scripts (README: Benchmarks)
if (command === 'start') run('src/main.ts', args, ['--max-semi-space-size=8'])
else if (command === 'scenario') run('scenarios/run.ts', args)
else if (command === 'tenants') {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP.tenants)
    process.exit(0)
  }
  const i = args.indexOf('--sandbox')
  const url = i >= 0 ? args[i + 1] : 'http://127.0.0.1:8787'
  try {
    const res = await fetch(`${url}/sandbox/tenants`)
    const { data } = await res.json()
    for (const t of data.tenants) console.log(`${t.is_default ? '*' : ' '} ${t.client_key}  secret=${t.client_secret}  account_id=${t.account_id}  poi_ids=${t.poi_ids.join(',')}`)
  } catch (e) {
    console.error(`douyin-sandbox: cannot reach ${url}: ${e.message}`)
    process.exit(1)
  }
} else {
  console.log(HELP.main)
  process.exit(command === undefined || command === '--help' || command === '-h' ? 0 : 2)
}
