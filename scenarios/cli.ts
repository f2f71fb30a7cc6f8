/**
 * `douyin-sandbox scenario` (and `npm run scenario --`): <name> | --all | --list [--target <webhook URL>]
 * [--spi <SPI base URL>] [--sandbox <URL>] [--skip-challenge]. Runs scenarios against a sandbox (one started
 * in-process on a free port unless --sandbox is given), each in a fresh tenant frozen at 2022-06-01, with
 * webhooks (and SPI calls) sent to --target / --spi or to the built-in receiver. Prints a timeline; the exit
 * code is 1 on the first failed expectation.
 */
import { parseArgs } from 'node:util'
import { runScenarios } from './runner.js'
import { SCENARIOS } from './index.js'

const USAGE =
  'usage: douyin-sandbox scenario <name> | --all | --list [--target <webhook URL>] [--spi <SPI base URL>] [--sandbox <URL>] [--skip-challenge]'

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
  const chosen = values.all ? [...SCENARIOS] : positionals.map((n) => SCENARIOS.find((s) => s.name === n) ?? n)
  const unknown = chosen.filter((s) => typeof s === 'string')
  if (unknown.length > 0) {
    process.stderr.write(`unknown scenario(s): ${unknown.join(', ')} (douyin-sandbox scenario --list)\n`)
    return 2
  }
  const report = await runScenarios(
    chosen.filter((s) => typeof s !== 'string'),
    {
      sandboxUrl: values.sandbox,
      target: values.target,
      spiBase: values.spi,
      skipChallenge: values['skip-challenge'] === true,
      log: (line) => process.stdout.write(`${line}\n`),
    },
  )
  process.stdout.write(
    `\n${report.passed} passed, ${report.failed} failed${report.skipped ? `, ${report.skipped} skipped` : ''}\n`,
  )
  return report.failed > 0 ? 1 : 0
}
