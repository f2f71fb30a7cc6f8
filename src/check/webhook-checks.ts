/**
 * The webhook checks: the verify_webhook challenge, signatures (correct, wrong, missing, another tenant's, over
 * another body), the 5 s acknowledgement, and the same Msg-Id twice (acknowledged both times, acted on once).
 * Every request is built and signed here the way the platform does it, and sent straight to the service.
 */
import { webhookSignature } from '../webhooks/signing.js'
import { startCheck, type CheckContext } from './check-context.js'
import type { CheckResult, SentRequest } from './check.types.js'
import { answerJson, describeAnswer, is2xx } from './exchange.js'
import { orderEvent, seconds, send, signedRequest, webhookRequest } from './webhook-events.js'

async function challengeCheck(ctx: CheckContext): Promise<CheckResult> {
  const c = startCheck('webhook.challenge', 'webhook', 'answers the verify_webhook challenge with {"challenge": n}')
  const n = Number(ctx.newId().slice(0, 9))
  const body = JSON.stringify({ event: 'verify_webhook', client_key: '', content: { challenge: n } })
  const sig = webhookSignature(ctx.tenant.client_secret, body)
  const x = c.record(await send(ctx, 'the challenge', webhookRequest(ctx, { body, msgId: ctx.newId() }, sig)))
  const echoed = answerJson(x)?.challenge
  if (is2xx(x) && String(echoed) === String(n)) return c.done('passed', `echoed ${n}`)
  return c.done(
    'failed',
    `expected HTTP 200 {"challenge":${n}}, got ${describeAnswer(x)}; the platform saves the webhook URL only once it is echoed`,
  )
}

/** A refusal check: the request must get an HTTP answer that is not 2xx. */
async function refusalCheck(
  ctx: CheckContext,
  id: string,
  title: string,
  note: string,
  req: SentRequest,
  validAccepted: boolean,
): Promise<CheckResult> {
  const c = startCheck(id, 'webhook', title)
  if (!validAccepted)
    return c.done(
      'not_applicable',
      'the correctly signed webhook was not accepted either (webhook.signature.valid), so a refusal would prove nothing',
    )
  const x = c.record(await send(ctx, note, req))
  if (x.status !== null && !is2xx(x)) return c.done('passed', `refused: ${describeAnswer(x)}`)
  if (x.status === null) return c.done('failed', `expected a non-2xx answer, got ${describeAnswer(x)}`)
  return c.done('failed', `accepted (${describeAnswer(x)}): anyone who knows the URL can forge this event`)
}

async function signatureChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const secret = ctx.tenant.client_secret
  const valid = startCheck(
    'webhook.signature.valid',
    'webhook',
    'accepts a webhook signed with its client_secret (X-Douyin-Signature = sha1(secret + body))',
  )
  const ok = orderEvent(ctx)
  const vx = valid.record(await send(ctx, 'correctly signed', signedRequest(ctx, ok)))
  const accepted = is2xx(vx)
  const results = [
    valid.done(
      accepted ? 'passed' : 'failed',
      accepted
        ? `accepted: ${describeAnswer(vx)}`
        : `expected a 2xx, got ${describeAnswer(vx)}; does the service check signatures with the secret of ${ctx.tenant.client_key}? (--client-key / --client-secret)`,
    ),
  ]
  const wrong = orderEvent(ctx)
  results.push(
    await refusalCheck(
      ctx,
      'webhook.signature.wrong',
      'refuses a webhook whose X-Douyin-Signature is wrong',
      'wrong signature',
      webhookRequest(ctx, wrong, webhookSignature(secret, `${wrong.body} `)),
      accepted,
    ),
  )
  const missing = orderEvent(ctx)
  results.push(
    await refusalCheck(
      ctx,
      'webhook.signature.missing',
      'refuses a webhook without X-Douyin-Signature',
      'no signature',
      webhookRequest(ctx, missing, undefined),
      accepted,
    ),
  )
  const other = orderEvent(ctx)
  results.push(
    await refusalCheck(
      ctx,
      'webhook.signature.other-tenant',
      "refuses a webhook signed with another tenant's client_secret",
      "signed with another tenant's secret",
      webhookRequest(ctx, other, webhookSignature(ctx.otherSecret, other.body)),
      accepted,
    ),
  )
  // the signature of a 1-fen order sent over the body of a 3000-fen one
  const cheap = orderEvent(ctx, 1)
  const tampered = { body: cheap.body.replace('"pay_amount\\":1,', '"pay_amount\\":3000,'), msgId: cheap.msgId }
  results.push(
    await refusalCheck(
      ctx,
      'webhook.signature.tampered-body',
      'refuses a webhook whose body is not the one signed',
      'signature of another body',
      webhookRequest(ctx, tampered, webhookSignature(secret, cheap.body)),
      accepted,
    ),
  )
  return results
}

/** The same event twice; then whether both were acknowledged, within 5 s, and acted on once. */
async function duplicateChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const acked = startCheck(
    'webhook.duplicate.acknowledged',
    'webhook',
    'acknowledges the same event (same Msg-Id) both times it is delivered',
  )
  const once = startCheck(
    'webhook.duplicate.acted-once',
    'webhook',
    'acts on an event delivered twice only once (seen in the platform calls it makes)',
  )
  const fast = startCheck(
    'webhook.ack-time',
    'webhook',
    `acknowledges a webhook within ${seconds(ctx.ackTimeoutMs)} (slower ones are dropped and retried)`,
  )
  const e = orderEvent(ctx)
  const req = signedRequest(ctx, e)
  const before = await ctx.settledCalls()
  const first = await send(ctx, 'first delivery', req)
  const afterFirst = await ctx.settledCalls()
  const second = await send(ctx, 'second delivery, same Msg-Id and body', req)
  const afterSecond = await ctx.settledCalls()
  for (const x of [first, second]) {
    acked.record(x)
    once.record(x)
    fast.record(x)
  }
  const results: CheckResult[] = []
  const both = is2xx(first) && is2xx(second)
  results.push(
    both
      ? acked.done('passed', `both acknowledged (${first.status}, ${second.status})`)
      : acked.done(
          'failed',
          `first: ${describeAnswer(first)}; second: ${describeAnswer(second)}. A duplicate that is not acknowledged is retried again and again`,
        ),
  )
  if (before === undefined || afterFirst === undefined || afterSecond === undefined)
    results.push(once.done('not_applicable', "not observable: the sandbox's request journal could not be read"))
  else if (afterFirst === before)
    results.push(
      once.done(
        'not_applicable',
        `not observable: the service made no platform API call as ${ctx.tenant.client_key} after the first delivery ` +
          '(point its API base URL at the sandbox and run with the --client-key / --client-secret it uses)',
      ),
    )
  else if (afterSecond > afterFirst)
    results.push(
      once.done(
        'failed',
        `acted twice: ${afterFirst - before} platform call(s) after the first delivery, ${afterSecond - afterFirst} more after the duplicate; deduplicate on Msg-Id`,
      ),
    )
  else
    results.push(
      once.done('passed', `${afterFirst - before} platform call(s) after the first delivery, none after the duplicate`),
    )
  const slow = [first, second].filter((x) => x.status === null || x.ms > ctx.ackTimeoutMs)
  results.push(
    slow.length === 0
      ? fast.done('passed', `answered in ${first.ms} ms and ${second.ms} ms`)
      : fast.done(
          'failed',
          `${slow.map(describeAnswer).join('; ')}: the platform drops the connection after ${seconds(ctx.ackTimeoutMs)} and retries the event; acknowledge first, work afterwards`,
        ),
  )
  return results
}

export async function webhookChecks(ctx: CheckContext): Promise<CheckResult[]> {
  return [await challengeCheck(ctx), ...(await signatureChecks(ctx)), ...(await duplicateChecks(ctx))]
}
