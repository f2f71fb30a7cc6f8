#!/usr/bin/env node
// `npm test`: format check, lint and type-check side by side, then every vitest suite, then the plain closing
// line CI reads ("N passed, N failed"), since vitest's own summary is not one of the formats CI understands.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const RESULTS = '.vitest-results.json'
const bin = (name) => `node_modules/.bin/${name}`

/** Runs a check, keeping its output to print after it ends (checks run at the same time). */
function check(name, cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(bin(cmd), args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (code) => resolve({ name, code, out }))
  })
}

const checks = await Promise.all([
  check('format (prettier --check)', 'prettier', ['--check', '--log-level', 'warn', '.']),
  check('lint (eslint)', 'eslint', ['--max-warnings', '0', '.']),
  check('typecheck (tsc --noEmit)', 'tsc', ['--noEmit', '-p', '.']),
])
const failed = checks.filter((c) => c.code !== 0)
for (const c of checks) console.log(`${c.code === 0 ? '✓' : '✗'} ${c.name}`)
if (failed.length > 0) {
  for (const c of failed) console.log(`\n${c.name} failed:\n${c.out}`)
  console.log(`0 passed, ${failed.length} failed`)
  process.exit(1)
}

rmSync(RESULTS, { force: true })
const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}`, ...process.argv.slice(2)]
const vitest = spawnSync(bin('vitest'), args, { stdio: 'inherit' })
if (!existsSync(RESULTS)) {
  console.log('vitest wrote no results')
  console.log('0 passed, 1 failed')
  process.exit(vitest.status || 1)
}
const r = JSON.parse(readFileSync(RESULTS, 'utf8'))
// a suite that fails to load has no failed tests; count it so the line never reads "0 failed" on a red run
const failedTests = r.numFailedTests || r.numFailedTestSuites || (vitest.status === 0 ? 0 : 1)
console.log(`${r.numPassedTests} passed, ${failedTests} failed`)
process.exit(vitest.status ?? 1)
