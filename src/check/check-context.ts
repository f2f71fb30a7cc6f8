/** What every check gets: the service's URLs, the secrets to sign with, fresh ids, and the sandbox's journal. */
import { performance } from 'node:perf_hooks'
import type { CheckResult, CheckStatus, Exchange } from './check.types.js'
import type { CheckTenant } from './sandbox-link.js'

export interface CheckContext {
  /** the service's webhook URL */
  target: string
  /** the service's SPI base (`${spiBase}/issue_code` …), when it has one */
  spiBase: string | undefined
  /** the tenant whose secret the service checks signatures with */
  tenant: CheckTenant
  /** another tenant's secret: what a request meant for someone else is signed with */
  otherSecret: string
  /** a fresh 19-digit id (order ids, msg ids, challenge numbers stay unique across runs) */
  newId(): string
  /** the Unix time in seconds, for the timestamps in the bodies */
  nowSeconds(): number
  /** the tenant's platform API calls once the service has stopped making them; undefined when unknown */
  settledCalls(): Promise<number | undefined>
}

/** Builds one check's result, timing it from when `start` is called. */
export function startCheck(id: string, group: CheckResult['group'], title: string) {
  const t0 = performance.now()
  const exchanges: Exchange[] = []
  return {
    exchanges,
    record(x: Exchange): Exchange {
      exchanges.push(x)
      return x
    },
    done(status: CheckStatus, message: string): CheckResult {
      return {
        id,
        group,
        title,
        status,
        message,
        exchanges,
        duration_ms: Math.round(performance.now() - t0),
      }
    },
  }
}
