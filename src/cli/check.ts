/**
 * `douyin-sandbox check`: the conformance checks against the merchant's own webhook URL (and SPI base), signed
 * by a tenant of a sandbox (one started in-process unless --sandbox is given). Prints a summary; writes the
 * report as text, JUnit XML or JSON. Exit code 1 when a check fails, 2 when the checks could not run.
 */
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { REPORTERS, renderReport, textReport, type ReporterName } from '../check/reporters.js'
import { CheckSetupError } from '../check/sandbox-link.js'
import { checkMerchant } from '../testing/check.js'

export const CHECK_USAGE = `usage: douyin-sandbox check --target <webhook URL> [options]
  --target <URL>         your service's webhook URL (required)
  --spi <URL>            your service's SPI base URL: <URL>/pre_create_order, /issue_code, /refund_apply,
                         /refund_notice (without it the SPI checks are not applicable)
  --sandbox <URL>        a running sandbox (default: one started in-process)
  --control-token <t>    the sandbox's control token, when it was started with one
  --client-key <key>     the tenant your service checks signatures as (created when missing; default: a fresh one)
  --client-secret <s>    its secret (looked up when omitted)
  --callback-wait <s>    seconds to wait for your callbacks (发券回调, 审核回调) after an SPI you answered
                         "pending" (default 10)
  --quiet <s>            seconds the sandbox's journal must stay unchanged after a delivery before your service
                         counts as done acting on it (default 1; more if it works on after answering)
  --reporter <name>      text (default), junit or json
  --output <file>        write the report to this file (a text summary still goes to stdout)
exit code: 0 all passed or not applicable, 1 a check failed, 2 the checks could not run`

/** Runs the command with these arguments; resolves with the exit code. */
export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      spi: { type: 'string' },
      sandbox: { type: 'string' },
      'control-token': { type: 'string' },
      'client-key': { type: 'string' },
      'client-secret': { type: 'string' },
      'callback-wait': { type: 'string' },
      quiet: { type: 'string' },
      reporter: { type: 'string' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write(`${CHECK_USAGE}\n`)
    return 0
  }
  const usage = (message: string) => (process.stderr.write(`douyin-sandbox check: ${message}\n${CHECK_USAGE}\n`), 2)
  if (positionals.length > 0) return usage(`unexpected argument ${positionals[0]}`)
  if (!values.target) return usage('--target is required')
  for (const [flag, url] of [
    ['--target', values.target],
    ['--spi', values.spi],
    ['--sandbox', values.sandbox],
  ] as const)
    if (url !== undefined && !URL.canParse(url)) return usage(`${flag} must be a URL, got ${JSON.stringify(url)}`)
  const reporter = (values.reporter ?? 'text') as ReporterName
  if (!REPORTERS.includes(reporter)) return usage(`--reporter must be one of ${REPORTERS.join(', ')}, got ${reporter}`)
  if (values['client-secret'] !== undefined && values['client-key'] === undefined)
    return usage('--client-secret needs --client-key (the tenant the secret belongs to)')
  const seconds: Record<'callback-wait' | 'quiet', number | undefined> = {
    'callback-wait': undefined,
    quiet: undefined,
  }
  for (const flag of ['callback-wait', 'quiet'] as const) {
    const given = values[flag]
    if (given === undefined) continue
    seconds[flag] = Number(given)
    if (!(seconds[flag] >= 0)) return usage(`--${flag} must be a number of seconds, got ${given}`)
  }
  const ms = (s: number | undefined) => (s === undefined ? undefined : s * 1000)
  let report
  try {
    report = await checkMerchant({
      target: values.target,
      spiBase: values.spi,
      sandbox: values.sandbox,
      clientKey: values['client-key'],
      clientSecret: values['client-secret'],
      callbackWaitMs: ms(seconds['callback-wait']),
      quietMs: ms(seconds.quiet),
      headers: values['control-token'] ? { authorization: `Bearer ${values['control-token']}` } : {},
    })
  } catch (e) {
    if (!(e instanceof CheckSetupError)) throw e
    process.stderr.write(`douyin-sandbox check: ${e.message}\n`)
    return 2
  }
  const rendered = renderReport(report, reporter)
  if (values.output) {
    await writeFile(values.output, rendered)
    process.stdout.write(textReport(report))
    process.stdout.write(`${reporter} report written to ${values.output}\n`)
  } else process.stdout.write(rendered)
  return report.failed > 0 ? 1 : 0
}
