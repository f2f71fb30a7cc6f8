/** What a conformance check sent, what came back, and the verdicts the reporters print. */

export type CheckStatus = 'passed' | 'failed' | 'not_applicable'

/** A request the checker sent to the merchant's service. */
export interface SentRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string
}

/** One request and its answer (or why there was none). */
export interface Exchange {
  /** what this request is, e.g. "signed with another tenant's secret" */
  note: string
  sent: SentRequest
  /** HTTP status, or null when no answer came (refused connection, timeout) */
  status: number | null
  /** the answer's body, up to 2 KiB */
  response: string
  /** milliseconds until the answer (or the give-up) */
  ms: number
  /** why there is no answer */
  error: string | null
}

export interface CheckResult {
  /** stable id, e.g. webhook.signature.missing */
  id: string
  /** webhook or spi (scenario for a scenario run's report) */
  group: string
  /** what the check asks of the service, as a sentence */
  title: string
  status: CheckStatus
  /** why it passed, failed or does not apply */
  message: string
  exchanges: Exchange[]
  duration_ms: number
}

export interface CheckReport {
  /** what made the report: `douyin-sandbox check` (the default) or a `douyin-sandbox scenario` run */
  kind?: 'check' | 'scenario'
  /** the webhook URL checked */
  target: string
  /** the SPI base checked, or null */
  spi: string | null
  /** the tenant whose secret signed the requests */
  client_key: string
  started_at: string
  duration_ms: number
  passed: number
  failed: number
  not_applicable: number
  results: CheckResult[]
}

/** The SPI calls the check sends to the merchant's service. */
export type SpiName = 'pre_create_order' | 'issue_code' | 'refund_apply' | 'refund_notice'

/** What a correctly signed SPI call sent and how the service answered it: `data`, or why it is not valid. */
export interface SpiOutcome {
  body: Record<string, unknown>
  data: Record<string, unknown> | string
}
