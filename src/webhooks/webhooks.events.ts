/**
 * The event catalogue: one zod schema per event's `content` (douyin-api.md §2.12, §4.3, §5.1.4, §8;
 * samples/EventSamples-*.json). Used to build every event and to document them in openapi.json.
 */
import { z } from '@hono/zod-openapi'

const id = z.string().regex(/^\d+$/)
const auditContent = z.object({ product_id: id, status: z.enum(['PASS', 'FAIL']), reason: z.string() })

/** event name → what it is about and the shape of its content */
export const EVENT_CATALOGUE = {
  life_product_audit: {
    summary: '商品审核结果同步',
    entity: 'product',
    content: auditContent,
  },
  life_product_common_audit: {
    summary: '商品审核结果通知 (PASS / FAIL)',
    entity: 'product',
    content: auditContent,
  },
  life_product_status_change: {
    summary: '商品状态变更通知',
    entity: 'product',
    content: z.object({
      product_id: id,
      status: z.enum(['GOODS_ONLINE', 'GOODS_OFFLINE', 'GOODS_DELETE', 'GOODS_BAN']),
    }),
  },
  life_trade_order_notify: {
    summary: '订单消息 (pay_success)',
    entity: 'order',
    content: z.object({
      action: z.enum(['pay_success']),
      msg_time: z.number().int(),
      order: z.object({
        order_id: id,
        account_id: id,
        pay_amount: z.number().int(),
        original_amount: z.number().int(),
        create_time: z.number().int(),
        pay_time: z.number().int(),
      }),
    }),
  },
  life_trade_certificate_notify: {
    summary:
      '券消息 (verify / verify_cancel / refund_success; expiry of a no-partial-refund pack arrives as verify with verify_source expire_auto)',
    entity: 'certificate',
    content: z.object({
      action: z.enum(['verify', 'verify_cancel', 'refund_success']),
      msg_time: z.number().int(),
      certificate: z.object({ certificate_id: id, order_id: id, account_id: id }),
      verify_source: z.enum(['merchant', 'expire_auto']).optional(),
    }),
  },
  life_hermes_akte_after_sale_audit: {
    summary: '抖音码退款申请通知 (the merchant answers with akte/after_sale/order/audit)',
    entity: 'certificate',
    content: z.object({
      account_id: id,
      order_id: id,
      certificate_id: id,
      refund_amount: z.number().int(),
      refund_time: z.number().int(),
      apply_reason: z.object({
        code: z.array(z.number().int()),
        reason_items: z.array(z.object({ code: z.number().int(), msg: z.string() })),
        additional_msg: z.string(),
      }),
    }),
  },
} as const

export type EventName = keyof typeof EVENT_CATALOGUE
export type EventContent<E extends EventName> = z.infer<(typeof EVENT_CATALOGUE)[E]['content']>
export const EVENT_NAMES = Object.keys(EVENT_CATALOGUE) as EventName[]

/** The id of the entity an event is about (product, order or certificate), for per-entity ordering. */
export function entityIdOf(event: EventName, content: Record<string, unknown>): string {
  const entity = EVENT_CATALOGUE[event].entity
  const nested = content[entity] as Record<string, unknown> | undefined
  return String(nested?.[`${entity}_id`] ?? content[`${entity}_id`])
}

/** What a receiver dedupes on besides the entity: the action or status. */
export function actionOf(content: Record<string, unknown>): string {
  return String(content.action ?? content.status ?? '')
}

/** The webhook body as the platform sends it; `content` is a JSON string. */
export const webhookBodySchema = z
  .object({
    event: z.string(),
    client_key: z.string(),
    from_user_id: z.string(),
    to_user_id: z.string().optional(),
    content: z.string().openapi({ description: "JSON-encoded content; its schema is the event's *Content component" }),
    log_id: z.string(),
    msg_id: z.string(),
  })
  .openapi('WebhookBody')
