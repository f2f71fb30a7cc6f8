/** What every check gets: the service's URLs, the secrets to sign with, fresh ids, and the sandbox's journal. */
import { performance } from 'node:perf_hooks'
import type { CheckResult, CheckStatus, Exchange } from './check.types.js'
import type { CheckTenant, JournalCall } from './sandbox-link.js'

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
  /** the platform's webhook delivery timeout: it drops a connection after this long and retries (5 s) */
  ackTimeoutMs: number
  /** how long to wait for the service's own callbacks to the platform (发券回调, 审核回调) */
  callbackWaitMs: number
  /** the tenant's platform API calls once the service has stopped making them; undefined when unknown */
  settledCalls(): Promise<number | undefined>
  /** the tenant's platform API calls (oldest first) once the service has stopped making them; undefined when unknown */
  settledJournal(): Promise<JournalCall[] | undefined>
  /** calls to `path` the sandbox could not tie to any tenant (a refused access-token), oldest first */
  unauthenticatedCalls(path: string): Promise<JournalCall[]>
  /** waits up to `ms` for the first of the tenant's calls to `path` that `match` accepts */
  waitForCall(path: string, match: (c: JournalCall) => boolean, ms: number): Promise<JournalCall | undefined>
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
