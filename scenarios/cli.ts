/**
 * `douyin-sandbox scenario` (and `npm run scenario --`): runs built-in scenarios or the user's own files against a
 * sandbox (one started in-process on a free port unless --sandbox is given), each in a fresh tenant frozen at
 * 2022-06-01 Beijing time (or in the tenant --client-key names), with webhooks and SPI calls sent to --target /
 * --spi or to the built-in reference merchant. Prints a timeline and a verdict; exit code 1 on the first failure.
 */
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { systemTime } from '../src/core/clock.js'
import { REPORTERS, renderReport, type ReporterName } from '../src/check/reporters.js'
import { scenarioReport } from './report.js'
import { runScenarios } from './runner.js'
import { SCENARIOS } from './index.js'
import type { Scenario } from './lib/scenario.js'
import { isScenarioFile, loadScenarioFile } from './load.js'

const USAGE = `usage: douyin-sandbox scenario <name | ./file.mjs>… | --all | --list [options]
  --target <URL>         webhook URL of your service (default: the built-in reference merchant)
  --spi <URL>            SPI base URL of your service; <URL>/issue_code etc. (default: the reference merchant)
  --sandbox <URL>        a running sandbox (default: one started in-process)
  --client-key <key>     run in this tenant (created when missing) instead of a fresh one per scenario
  --client-secret <s>    its secret: the one your service checks signatures with (looked up when omitted)
  --cleanup              delete the fresh tenants when the run is done
  --skip-challenge       register the webhook URL without the verify_webhook challenge
  --reporter <name>      also write the verdicts as junit (JUnit XML) or json (to --output, else stdout)
  --output <file>        the file for --reporter`

/** Runs the command with these arguments; resolves with the exit code. */
export async function scenarioCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      all: { type: 'boolean' },
      list: { type: 'boolean' },
      target: { type: 'string' },
      spi: { type: 'string' },
      sandbox: { type: 'string' },
      'skip-challenge': { type: 'boolean' },
      'client-key': { type: 'string' },
      'client-secret': { type: 'string' },
      cleanup: { type: 'boolean' },
      reporter: { type: 'string' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help || (!values.all && !values.list && positionals.length === 0)) {
    process.stdout.write(`${USAGE}\n`)
    return values.help ? 0 : 2
  }
  if (values.list) {
    for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(22)} ${s.description}\n`)
    return 0
  }
  if (values['client-secret'] !== undefined && values['client-key'] === undefined) {
    process.stderr.write('--client-secret needs --client-key (the tenant the secret belongs to)\n')
    return 2
  }
  const reporter = values.reporter as ReporterName | undefined
  if (reporter !== undefined && !REPORTERS.includes(reporter)) {
    process.stderr.write(`--reporter must be one of ${REPORTERS.join(', ')}, got ${reporter}\n`)
    return 2
  }
  // a report on stdout keeps stdout for itself: the timeline goes to stderr
  const toStdout = reporter !== undefined && reporter !== 'text' && values.output === undefined
  const out = (text: string) => (toStdout ? process.stderr : process.stdout).write(text)
  const chosen: Scenario[] = values.all ? [...SCENARIOS] : []
  for (const arg of positionals) {
    if (isScenarioFile(arg)) {
      try {
        chosen.push(...(await loadScenarioFile(arg)))
      } catch (e) {
        process.stderr.write(`${(e as Error).message}\n`)
        return 2
      }
      continue
    }
    const builtIn = SCENARIOS.find((s) => s.name === arg)
    if (!builtIn) {
      process.stderr.write(
        `unknown scenario: ${arg} (douyin-sandbox scenario --list; a file needs a path: ./${arg}.mjs)\n`,
      )
      return 2
    }
    chosen.push(builtIn)
  }
  const startedAt = new Date(systemTime()).toISOString()
  const report = await runScenarios(chosen, {
    sandboxUrl: values.sandbox,
    target: values.target,
    spiBase: values.spi,
    skipChallenge: values['skip-challenge'] === true,
    clientKey: values['client-key'],
    clientSecret: values['client-secret'],
    cleanup: values.cleanup === true,
    log: (line) => out(`${line}\n`),
  })
  out(`\n${report.passed} passed, ${report.failed} failed${report.skipped ? `, ${report.skipped} skipped` : ''}\n`)
  if (reporter !== undefined) {
    const where = { target: values.target, spi: values.spi, clientKey: values['client-key'], startedAt }
    const rendered = renderReport(scenarioReport(report, where), reporter)
    if (values.output) {
      await writeFile(values.output, rendered)
      process.stdout.write(`${reporter} report written to ${values.output}\n`)
    } else process.stdout.write(rendered)
  }
  return report.failed > 0 ? 1 : 0
}
