/**
 * checkMerchant(): the conformance checks of `douyin-sandbox check` from a Node test suite: signed webhooks and
 * SPI calls, forged ones, duplicates and slow answers sent straight to the service; a report of what passed.
 * @example
 * const report = await checkMerchant({ target: 'http://127.0.0.1:3000/douyin/webhook', sandbox: sb })
 * expect(report.results.filter((r) => r.status === 'failed')).toEqual([])
 */
import { runChecks, type CheckOptions } from '../check/runner.js'
import type { CheckReport } from '../check/check.types.js'
import { startSandbox, type RunningSandbox } from './start.js'

export interface CheckMerchantOptions extends Omit<CheckOptions, 'sandboxUrl'> {
  /** the sandbox whose tenants sign the requests: a running one (or its URL); one started for the run when omitted */
  sandbox?: RunningSandbox | string
}

export async function checkMerchant(opts: CheckMerchantOptions): Promise<CheckReport> {
  const { sandbox, ...rest } = opts
  const own = sandbox === undefined ? await startSandbox() : undefined
  const url = typeof sandbox === 'string' ? sandbox : (sandbox ?? own!).url
  try {
    return await runChecks({ ...rest, sandboxUrl: url })
  } finally {
    await own?.close()
  }
}
