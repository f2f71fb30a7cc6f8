/**
 * The merchant's own calls back to the platform after an SPI it answered "pending": 发券回调 (POST
 * fulfilment/create/callback/) after issue_code answered "issuing", 审核回调 (POST fulfilment/refund/audit/) after
 * refund_apply answered "pending". Like every OpenAPI call they carry the app's `access-token` (a client_token the
 * platform issued) and a JSON body; they are seen in the sandbox's request journal: under the tenant when the token
 * was accepted, unattributed when it was refused.
 */
import { startCheck, type CheckContext } from './check-context.js'
import type { CheckResult, Exchange, SpiName, SpiOutcome } from './check.types.js'
import type { JournalCall } from './sandbox-link.js'

interface CallbackSpec {
  spi: SpiName
  path: string
  /** the callback's page title */
  title: string
  /** the SPI answer that asks for the callback */
  pending: string
  /** whether a successful answer must carry a numeric result (issue_code: 1, 2 or another number for issuing) */
  resultRequired: boolean
  /** the ids in the SPI request the callback must name */
  ids(body: Record<string, unknown>): string[]
  /** what is wrong with the callback's body, or undefined */
  problem(b: Record<string, unknown>, spiBody: Record<string, unknown>): string | undefined
}

const decided = (v: unknown): boolean => v === 1 || v === 2

function issueCallbackProblem(b: Record<string, unknown>, spiBody: Record<string, unknown>): string | undefined {
  if (b.order_id !== spiBody.order_id) return `order_id must be the SPI's order_id ${String(spiBody.order_id)}`
  if (!decided(b.result)) return 'result must be 1 (issued) or 2 (failed), a number'
  if (b.result === 2) return undefined
  const certs = (spiBody.certificates as unknown[]).length
  const codes = b.codes
  if (!Array.isArray(codes) || !codes.every((c) => typeof c === 'string' && c !== ''))
    return 'with result 1, codes must be the issued codes (non-empty strings)'
  if (codes.length !== certs) return `with result 1, codes must hold one code per certificate: ${certs} asked`
  return undefined
}

function auditCallbackProblem(b: Record<string, unknown>, spiBody: Record<string, unknown>): string | undefined {
  const id = spiBody.after_sale_id
  // two documented shapes: biz_uniq_key + audit_result (2023), after_sale_id + result (+ reason to reject)
  if (b.biz_uniq_key !== undefined) {
    if (b.biz_uniq_key !== id) return `biz_uniq_key must be the SPI's biz_uniq_key ${String(id)}`
    if (!decided(b.audit_result)) return 'audit_result must be 1 (approve) or 2 (reject), a number'
    return undefined
  }
  if (b.after_sale_id !== id) return `after_sale_id (or biz_uniq_key) must be the SPI's ${String(id)}`
  if (!decided(b.result)) return 'result must be 1 (approve) or 2 (reject), a number'
  if (b.result === 2 && (typeof b.reason !== 'string' || b.reason.trim() === ''))
    return 'a rejection needs a reason (the platform refuses it otherwise)'
  return undefined
}

const CALLBACKS: CallbackSpec[] = [
  {
    spi: 'issue_code',
    path: '/goodlife/v1/fulfilment/create/callback/',
    title: '发券回调',
    pending: 'issuing (result neither 1 nor 2)',
    resultRequired: true,
    ids: (b) => [String(b.order_id)],
    problem: issueCallbackProblem,
  },
  {
    spi: 'refund_apply',
    path: '/goodlife/v1/fulfilment/refund/audit/',
    title: '审核回调',
    pending: 'pending (result neither 1 nor 2)',
    resultRequired: false,
    ids: (b) => [String(b.after_sale_id)],
    problem: auditCallbackProblem,
  },
]

/** The journaled call as an exchange of the report: what the service sent the platform and what it got. */
function asExchange(note: string, call: JournalCall, base: string): Exchange {
  return {
    note,
    sent: { method: call.method, url: `${base}${call.path}`, headers: call.request_headers, body: call.body },
    status: call.status,
    response: call.response_body,
    ms: 0,
    error: null,
  }
}

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body)
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

async function callbackCheck(ctx: CheckContext, spec: CallbackSpec, outcome: SpiOutcome | undefined) {
  const c = startCheck(
    `spi.${spec.spi}.callback`,
    'spi',
    `after answering ${spec.spi} ${spec.pending.split(' (')[0]}, calls ${spec.title} (POST ${spec.path}) with its access-token and a valid body`,
  )
  if (!ctx.spiBase) return c.done('not_applicable', 'no SPI base given (--spi)')
  const data = outcome?.data
  if (!outcome || typeof data !== 'object' || data.error_code !== 0)
    return c.done('not_applicable', `the ${spec.spi} call did not succeed (spi.${spec.spi}.answer)`)
  // an answer without the result it needs is the answer check's failure, not a promise to call back
  if (spec.resultRequired && typeof data.result !== 'number')
    return c.done('not_applicable', `the ${spec.spi} answer has no numeric data.result (spi.${spec.spi}.answer)`)
  if (decided(data.result))
    return c.done('not_applicable', `the service answered ${spec.spi} with result ${String(data.result)}: no callback`)
  const ids = spec.ids(outcome.body)
  const names = (call: JournalCall) => ids.every((id) => call.body.includes(id))
  const call = await ctx.waitForCall(spec.path, names, ctx.callbackWaitMs)
  const wait = `${ctx.callbackWaitMs / 1000} s`
  if (!call) {
    const refused = (await ctx.unauthenticatedCalls(spec.path)).filter(names)
    for (const r of refused) c.record(asExchange('the callback, refused by the platform', r, ''))
    if (refused.length > 0)
      return c.done(
        'failed',
        `the callback came with an access-token the platform did not accept (HTTP ${refused[0]!.status}, error_code ${String(refused[0]!.error_code)}): get a client_token for ${ctx.tenant.client_key} (POST /oauth/client_token/) and send it as access-token`,
      )
    const journal = await ctx.settledJournal()
    if (!journal || journal.length === 0)
      return c.done(
        'not_applicable',
        `not observable: the service answered ${spec.pending} and made no platform API call as ${ctx.tenant.client_key} within ${wait} (point its API base URL at the sandbox)`,
      )
    return c.done(
      'failed',
      `the service answered ${spec.pending} but did not call ${spec.path} naming ${ids.join(', ')} within ${wait}; without it the platform ${spec.spi === 'issue_code' ? 'marks issuing failed after 10 minutes and refunds the order' : 'approves the refund when the audit window closes'}`,
    )
  }
  c.record(asExchange(`the ${spec.title} the service made`, call, ''))
  const json = parse(call.body)
  const type = call.request_headers['content-type'] ?? ''
  const problem = !/json/i.test(type)
    ? `Content-Type must be application/json, was "${type}"`
    : json === undefined
      ? 'the body is not a JSON object'
      : spec.problem(json, outcome.body)
  if (problem) return c.done('failed', `${problem}; sent ${call.body.slice(0, 300)}`)
  return c.done(
    'passed',
    `called with an accepted access-token and a valid body (the sandbox answered HTTP ${call.status}, error_code ${String(call.error_code)}; the made-up order may be unknown to it)`,
  )
}

export async function callbackChecks(ctx: CheckContext, outcomes: Map<SpiName, SpiOutcome>): Promise<CheckResult[]> {
  const out: CheckResult[] = []
  for (const spec of CALLBACKS) out.push(await callbackCheck(ctx, spec, outcomes.get(spec.spi)))
  return out
}
