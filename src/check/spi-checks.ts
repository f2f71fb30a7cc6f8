/**
 * The SPI checks, per SPI the platform calls (pre_create_order, issue_code, refund_apply, refund_notice): a
 * correctly signed call answered in the documented shape within the documented timeout, and a call with a forged
 * x-life-sign refused. Signed as the platform signs (开放平台 SPI 签名规则): query client_key + timestamp, header
 * x-life-sign = sha256(secret&client_key=…&timestamp=…&http_body=<body>).
 */
import { spiSignature } from '../webhooks/signing.js'
import { startCheck, type CheckContext } from './check-context.js'
import type { CheckResult, Exchange, SentRequest, SpiName, SpiOutcome } from './check.types.js'
import { callbackChecks } from './callback-checks.js'
import { answerJson, describeAnswer, exchange, is2xx } from './exchange.js'

interface SpiSpec {
  /** the platform's timeout for this SPI (预下单 5 s; 发券, 退款申请 8 s) */
  timeoutMs: number
  body(ctx: CheckContext): Record<string, unknown>
  /** what is wrong with a successful answer's data (error_code 0), or undefined */
  shapeProblem?(data: Record<string, unknown>, body: Record<string, unknown>): string | undefined
  /** whether an error_code other than 0 is a valid answer to a correct call */
  mayRefuse: boolean
}

function issueCodeProblem(data: Record<string, unknown>, body: Record<string, unknown>): string | undefined {
  if (typeof data.result !== 'number') return 'data.result must be a number (1 issued, 2 failed, else issuing)'
  if (data.result !== 1) return undefined
  const certs = body.certificates as unknown[]
  const codes = data.codes
  if (!Array.isArray(codes) || !codes.every((c) => typeof c === 'string' && c !== ''))
    return 'with result 1, data.codes must be the issued codes (non-empty strings)'
  if (codes.length !== certs.length)
    return `with result 1, data.codes must hold one code per certificate: ${certs.length} asked, ${codes.length} given`
  return undefined
}

export const SPI_SPECS: Record<SpiName, SpiSpec> = {
  pre_create_order: {
    timeoutMs: 5000,
    mayRefuse: true, // a reason code (1–7, 20) refuses the order
    body: (ctx) => ({
      order_id: ctx.newId(),
      sku_id: ctx.newId(),
      third_product_id: 'check-product',
      third_sku_id: 'check-sku',
      count: 1,
      order_item_id: [ctx.newId()],
      order_type: 21,
      original_amount: 3000,
      currency_code: 'CNY',
      create_order_time: ctx.nowSeconds(),
    }),
  },
  issue_code: {
    timeoutMs: 8000,
    mayRefuse: false,
    body: (ctx) => ({
      order_id: ctx.newId(),
      sku_id: ctx.newId(),
      count: 2,
      open_id: `check-${ctx.newId()}`,
      pay_amount: 3000,
      original_amount: 3000,
      create_order_time: ctx.nowSeconds(),
      certificates: [0, 1].map(() => ({ certificate_id: ctx.newId(), order_item_id: ctx.newId() })),
    }),
    shapeProblem: issueCodeProblem,
  },
  refund_apply: {
    timeoutMs: 8000,
    mayRefuse: false,
    body: (ctx) => {
      const after = ctx.newId()
      return {
        order_id: ctx.newId(),
        biz_uniq_key: after,
        after_sale_id: after,
        refund_amount: 1500,
        refund_info_list: [
          {
            order_item_id: ctx.newId(),
            item_refund_amount: 1500,
            certificate: { certificate_id: ctx.newId(), code: `CHECK${ctx.newId().slice(0, 8)}` },
          },
        ],
        refund_reason: 'conformance check',
        handle_time: ctx.nowSeconds() * 1000,
      }
    },
    shapeProblem: (data) =>
      data.result === undefined || typeof data.result === 'number'
        ? undefined
        : 'data.result must be a number (1 approve, 2 reject, else pending)',
  },
  refund_notice: {
    timeoutMs: 8000,
    mayRefuse: false, // a notification SPI answers business problems with success; only system errors retry
    body: (ctx) => ({
      order_id: ctx.newId(),
      after_sale_id: ctx.newId(),
      refund_type: 1,
      notice_list: [
        {
          certificate_id: ctx.newId(),
          code: `CHECK${ctx.newId().slice(0, 8)}`,
          apply_time: ctx.nowSeconds() - 60,
          audit_time: ctx.nowSeconds(),
          audit_result: 1,
        },
      ],
    }),
  },
}

function spiRequest(ctx: CheckContext, name: SpiName, body: string, secret: string): SentRequest {
  const query = { client_key: ctx.tenant.client_key, timestamp: String(ctx.nowSeconds() * 1000) }
  const url = new URL(`${ctx.spiBase!.replace(/\/+$/, '')}/${name}`)
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
  return {
    method: 'POST',
    url: url.toString(),
    headers: {
      'content-type': 'application/json',
      'x-life-clientkey': ctx.tenant.client_key,
      'x-life-sign': spiSignature(secret, query, body),
      'x-bytedance-logid': ctx.newId(),
    },
    body,
  }
}

/** The answer's `data` when it is the documented {data:{error_code:<number>, …}}, else why not. */
function dataOf(x: Exchange): Record<string, unknown> | string {
  if (x.status === null) return describeAnswer(x)
  if (!is2xx(x)) return `HTTP ${x.status}`
  const data = answerJson(x)?.data
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'the answer is not {"data": {…}}'
  const d = data as Record<string, unknown>
  if (typeof d.error_code !== 'number') return 'data.error_code must be a number (a string "0" counts as an error)'
  return d
}

async function spiChecks1(
  ctx: CheckContext,
  name: SpiName,
  outcomes: Map<SpiName, SpiOutcome>,
): Promise<CheckResult[]> {
  const spec = SPI_SPECS[name]
  const answer = startCheck(
    `spi.${name}.answer`,
    'spi',
    `answers signed ${name} calls in the documented shape within ${spec.timeoutMs / 1000} s`,
  )
  const forged = startCheck(`spi.${name}.forged`, 'spi', `refuses ${name} calls with a forged x-life-sign`)
  if (!ctx.spiBase) {
    const why = 'no SPI base given (--spi)'
    return [answer.done('not_applicable', why), forged.done('not_applicable', why)]
  }
  const body = spec.body(ctx)
  const x = answer.record(
    await exchange(
      'correctly signed',
      spiRequest(ctx, name, JSON.stringify(body), ctx.tenant.client_secret),
      spec.timeoutMs,
    ),
  )
  const data = dataOf(x)
  outcomes.set(name, { body, data })
  let problem: string | undefined
  if (typeof data === 'string') problem = data
  else if (data.error_code !== 0 && !spec.mayRefuse)
    problem = `data.error_code ${String(data.error_code)}: a correct call should succeed (${String(data.description ?? '')})`
  else if (data.error_code === 0) problem = spec.shapeProblem?.(data, body)
  const results = [
    problem === undefined
      ? answer.done('passed', describeAnswer(x))
      : answer.done('failed', `${problem}; got ${describeAnswer(x)}`),
  ]
  if (typeof data === 'string' || data.error_code !== 0) {
    results.push(
      forged.done(
        'not_applicable',
        `the correctly signed call did not succeed (spi.${name}.answer), so a refusal would prove nothing`,
      ),
    )
    return results
  }
  const f = forged.record(
    await exchange(
      "signed with another tenant's secret",
      spiRequest(ctx, name, JSON.stringify(spec.body(ctx)), ctx.otherSecret),
      spec.timeoutMs,
    ),
  )
  const fd = dataOf(f)
  const refused = f.status !== null && (typeof fd === 'string' || fd.error_code !== 0)
  results.push(
    refused
      ? forged.done('passed', `refused: ${describeAnswer(f)}`)
      : forged.done(
          'failed',
          f.status === null
            ? `expected a refusal, got ${describeAnswer(f)}`
            : `accepted (${describeAnswer(f)}): anyone who knows the URL can forge this call; check x-life-sign`,
        ),
  )
  return results
}

export async function spiChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const out: CheckResult[] = []
  const outcomes = new Map<SpiName, SpiOutcome>()
  for (const name of Object.keys(SPI_SPECS) as SpiName[]) out.push(...(await spiChecks1(ctx, name, outcomes)))
  out.push(...(await callbackChecks(ctx, outcomes)))
  return out
}
