/**
 * What the platform does when a delivery fails (Webhooks 概述: a connection past 5 s is dropped and the event
 * retried, 3 times): a slow acknowledgement brings the same Msg-Id again while the service may still be working on
 * the first, and an order's later events can arrive before an earlier one's retry. Both are judged by what the
 * service then does on the platform API (the sandbox's request journal of its tenant).
 */
import { startCheck, type CheckContext } from './check-context.js'
import type { CheckResult, Exchange } from './check.types.js'
import { describeAnswer, is2xx } from './exchange.js'
import type { JournalCall } from './sandbox-link.js'
import { certificateEvent, deliver, orderEvent, seconds, send, signedRequest } from './webhook-events.js'

const NOT_OBSERVABLE = '(point its API base URL at the sandbox and run with the --client-key / --client-secret it uses)'

/** A fresh event once, then another given up on after the delivery timeout and retried at once. */
async function slowAckRetryCheck(ctx: CheckContext): Promise<CheckResult> {
  const c = startCheck(
    'webhook.retry.acted-once',
    'webhook',
    `acts once on an event the platform gave up on after ${seconds(ctx.ackTimeoutMs)} and retried (same Msg-Id), even while still working on the first delivery`,
  )
  // how many platform calls one event brings, for comparison
  const control = orderEvent(ctx)
  const before = await ctx.settledCalls()
  c.record(await send(ctx, 'a fresh event, delivered once (for comparison)', signedRequest(ctx, control)))
  const afterControl = await ctx.settledCalls()
  const e = orderEvent(ctx)
  const req = signedRequest(ctx, e)
  const first = c.record(
    await deliver(ctx, `another event; the platform drops the connection after ${seconds(ctx.ackTimeoutMs)}`, req),
  )
  const retry = c.record(await send(ctx, 'the retry: same Msg-Id and body', req))
  const after = await ctx.settledCalls()
  const late = first.status === null ? 'not acknowledged in time, ' : ''
  if (!is2xx(retry))
    return c.done(
      'failed',
      `${late}the retry was not acknowledged: ${describeAnswer(retry)}; the platform retries it again, and after its retries gives it up`,
    )
  if (before === undefined || afterControl === undefined || after === undefined)
    return c.done('not_applicable', "not observable: the sandbox's request journal could not be read")
  const perEvent = afterControl - before
  const made = after - afterControl
  if (perEvent === 0 && made === 0)
    return c.done(
      'not_applicable',
      `not observable: the service made no platform API call as ${ctx.tenant.client_key} for an event ${NOT_OBSERVABLE}`,
    )
  const how =
    first.status === null
      ? `the first delivery was not acknowledged within ${seconds(ctx.ackTimeoutMs)} (${describeAnswer(first)}), so the retry came while it may still have been worked on`
      : `the first delivery was acknowledged in ${first.ms} ms; the retry came as if its answer had been lost`
  if (made > perEvent)
    return c.done(
      'failed',
      `acted twice: ${made} platform call(s) for the event and its retry, ${perEvent} for an event delivered once; ${how}. Record the Msg-Id when the delivery arrives, not after the work`,
    )
  return c.done(
    'passed',
    `${made} platform call(s) for the event and its retry, as for one delivery (${perEvent}); ${how}`,
  )
}

/** Whether a journaled call names the order or the certificate. */
const names = (call: JournalCall, ids: string[]): boolean =>
  ids.some((id) => call.query.includes(id) || call.body.includes(id))

/** pay_success; the verify notice's first attempt lost; refund_success; then the verify notice's retry. */
async function outOfOrderCheck(ctx: CheckContext): Promise<CheckResult> {
  const c = startCheck(
    'webhook.order.out-of-order',
    'webhook',
    "ends an order's events in the right state when a retry arrives after a later event (a refund before the verify notice's retry)",
  )
  const orderId = ctx.newId()
  const ids = { order_id: orderId, certificate_id: ctx.newId() }
  const t = ctx.nowSeconds()
  const paid = orderEvent(ctx, 3000, orderId)
  const verify = certificateEvent(ctx, 'verify', ids, t)
  const refund = certificateEvent(ctx, 'refund_success', ids, t + 1)
  const beforeRun = await ctx.settledJournal()
  const sent: Exchange[] = [c.record(await send(ctx, 'pay_success of the order', signedRequest(ctx, paid)))]
  sent.push(
    c.record(
      await send(
        ctx,
        "refund_success of its certificate (the verify notice's first attempt was lost on the way)",
        signedRequest(ctx, refund),
      ),
    ),
  )
  const beforeStale = await ctx.settledJournal()
  sent.push(
    c.record(
      await send(ctx, 'the retry of the verify notice: its Msg-Id, its earlier msg_time', signedRequest(ctx, verify)),
    ),
  )
  const after = await ctx.settledJournal()
  const refused = sent.filter((x) => !is2xx(x))
  if (refused.length > 0)
    return c.done(
      'failed',
      `${refused.map((x) => `${x.note}: ${describeAnswer(x)}`).join('; ')}. An event refused for arriving out of order is retried until given up; acknowledge it and reconcile`,
    )
  if (beforeRun === undefined || beforeStale === undefined || after === undefined)
    return c.done('not_applicable', "not observable: the sandbox's request journal could not be read")
  const all = [orderId, ids.certificate_id]
  const aboutOrder = after.slice(beforeRun.length).filter((call) => names(call, all))
  if (aboutOrder.length === 0)
    return c.done(
      'not_applicable',
      `not observable: the service made no platform API call naming order ${orderId} ${NOT_OBSERVABLE}`,
    )
  const writes = after.slice(beforeStale.length).filter((call) => names(call, all) && call.method !== 'GET')
  if (writes.length > 0)
    return c.done(
      'failed',
      `acted on the stale verify notice after the refund: ${writes.map((w) => `${w.method} ${w.path}`).join(', ')}. Compare msg_time, or read the certificate's current state before acting`,
    )
  return c.done(
    'passed',
    `all acknowledged; ${aboutOrder.length} platform call(s) about the order, none but reads after the stale verify notice`,
  )
}

export async function retryChecks(ctx: CheckContext): Promise<CheckResult[]> {
  return [await slowAckRetryCheck(ctx), await outOfOrderCheck(ctx)]
}
