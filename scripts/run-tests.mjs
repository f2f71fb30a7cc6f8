#!/usr/bin/env node
// `npm test`: type-check, run every vitest suite, then print the plain closing line CI reads
// ("N passed, N failed"), since vitest's own summary is not one of the formats CI understands.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const RESULTS = '.vitest-results.json'
const bin = (name) => `node_modules/.bin/${name}`

const tsc = spawnSync(bin('tsc'), ['--noEmit', '-p', '.'], { stdio: 'inherit' })
if (tsc.status !== 0) {
  console.log('typecheck failed')
  console.log('0 passed, 1 failed')
  process.exit(tsc.status ?? 1)
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
const failed = r.numFailedTests || r.numFailedTestSuites || (vitest.status === 0 ? 0 : 1)
console.log(`${r.numPassedTests} passed, ${failed} failed`)
process.exit(vitest.status ?? 1)
