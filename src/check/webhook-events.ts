/**
 * The webhook requests the checks send, built and signed the way the platform does (生活服务消息推送): an order's
 * pay_success, a certificate's verify or refund_success, each with its Msg-Id, sent straight to the service.
 */
import { webhookSignature } from '../webhooks/signing.js'
import type { CheckContext } from './check-context.js'
import type { Exchange, SentRequest } from './check.types.js'
import { exchange } from './exchange.js'

export interface WebhookEvent {
  body: string
  msgId: string
}

/** The envelope of a life event: `content` is a JSON string. */
function envelope(ctx: CheckContext, event: string, content: object, msgId: string): WebhookEvent {
  const body = JSON.stringify({
    event,
    client_key: ctx.tenant.client_key,
    from_user_id: '',
    content: JSON.stringify(content),
    log_id: ctx.newId(),
    msg_id: msgId,
  })
  return { body, msgId }
}

/** A life_trade_order_notify(pay_success) event for an order (a fresh one unless given), as the platform sends it. */
export function orderEvent(ctx: CheckContext, amount = 3000, orderId = ctx.newId()): WebhookEvent {
  const now = ctx.nowSeconds()
  const content = {
    action: 'pay_success',
    msg_time: now,
    order: {
      order_id: orderId,
      account_id: ctx.tenant.account_id,
      pay_amount: amount,
      original_amount: amount,
      create_time: now - 60,
      pay_time: now,
    },
  }
  return envelope(ctx, 'life_trade_order_notify', content, ctx.newId())
}

/** A life_trade_certificate_notify event (verify or refund_success) of a certificate of an order. */
export function certificateEvent(
  ctx: CheckContext,
  action: 'verify' | 'refund_success',
  ids: { order_id: string; certificate_id: string },
  msgTime: number,
): WebhookEvent {
  const content = {
    action,
    msg_time: msgTime,
    certificate: { ...ids, account_id: ctx.tenant.account_id },
    ...(action === 'verify' ? { verify_source: 'merchant' } : {}),
  }
  return envelope(ctx, 'life_trade_certificate_notify', content, ctx.newId())
}

/** The POST of an event to the service's webhook URL, with the signature given (none when undefined). */
export function webhookRequest(ctx: CheckContext, e: WebhookEvent, signature: string | undefined): SentRequest {
  return {
    method: 'POST',
    url: ctx.target,
    headers: {
      'content-type': 'application/json',
      'msg-id': e.msgId,
      ...(signature === undefined ? {} : { 'x-douyin-signature': signature }),
    },
    body: e.body,
  }
}

/** The event signed with the tenant's secret, as the platform sends it. */
export const signedRequest = (ctx: CheckContext, e: WebhookEvent): SentRequest =>
  webhookRequest(ctx, e, webhookSignature(ctx.tenant.client_secret, e.body))

/** Sends a webhook, waiting past the delivery timeout (to say how slow a slow answer is). */
export const send = (ctx: CheckContext, note: string, req: SentRequest): Promise<Exchange> =>
  exchange(note, req, ctx.ackTimeoutMs + 1000)

/** Sends a webhook the way the platform does: it gives up (drops the connection) after the delivery timeout. */
export const deliver = (ctx: CheckContext, note: string, req: SentRequest): Promise<Exchange> =>
  exchange(note, req, ctx.ackTimeoutMs)

/** "5 s", or "0.3 s" for a shortened timeout. */
export const seconds = (ms: number): string => `${ms / 1000} s`
