/** Wire schemas and routes of the merchant's refund APIs (订单退款: apply_refund, merchant_reject, audit/notify). */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { withExample } from '../../http/route-examples.js'
import { wireInt } from '../../http/wire-int.js'

const security = [{ accessToken: [] }]
const tags = ['after-sale']
const reasonSchema = z
  .object({
    reason_code: z.array(wireInt()).max(20).optional().openapi({ description: '原因码' }),
    desc: z.string().max(500).optional().openapi({ description: '商家可填写的备注信息' }),
  })
  .loose()
  .openapi('MerchantReason')
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
})
const afterSaleAnswer = (name: string) =>
  envelopeOf(
    name,
    z.object({
      after_sale_id: z
        .string()
        .openapi({ description: "the after-sale (the sandbox's addition to the documented answer)" }),
      status: z.number().int().openapi({ description: 'after-sale status: 1 待商家审核, 2 退款成功, 3 商家拒绝' }),
    }),
  )
const EXAMPLE_ANSWER = { after_sale_id: '7123456789012345601', status: 2 }

export const applyRefundRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/after_sale/order/apply_refund/',
  tags,
  security,
  operationId: 'afterSaleApplyRefund',
  summary: '商家取消订单',
  description: [
    'The merchant cancels an order: every coupon of it not refunded or being refunded, verified ones included, is',
    "refunded at once, without audit and whatever the product's refund rules (the merchant decides); a billed",
    'verification gets its reversing ledger record. Writes an after-sale (`initiator` "merchant",',
    '`out_biz_after_sale_id` = `out_after_sale_id`) that the after-sale queries show; the coupons become 退款成功',
    '(status 4), the order 101, stock goes back, and each coupon emits `life_trade_certificate_notify`',
    'refund_success. The same `out_after_sale_id` again answers the after-sale already made.',
    '',
    'Errors: 2100005 (order_id missing), 4000001 no such order, 4000002 no coupon left to refund (all refunded or',
    'being refunded).',
  ].join('\n'),
  request: {
    body: body(
      z
        .object({
          order_id: z.string().min(1).openapi({ description: '订单ID' }),
          out_after_sale_id: z.string().max(64).optional().openapi({ description: '外部退款单ID (idempotency key)' }),
          refund_reason: z
            .union([reasonSchema, z.array(reasonSchema).max(10)])
            .optional()
            .openapi({ description: '商家取消订单原因: one object (as in the example) or a list' }),
        })
        .loose()
        .openapi({
          example: {
            order_id: '8000001745679682306',
            out_after_sale_id: '1234567',
            refund_reason: { reason_code: [501, 502], desc: '不想要了' },
          },
        }),
    ),
  },
  responses: withExample(jsonResponses(afterSaleAnswer('AfterSaleApplyRefund'), 'refunded'), EXAMPLE_ANSWER),
})

export const merchantRejectRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/after_sale/order/merchant_reject/',
  tags,
  security,
  operationId: 'afterSaleMerchantReject',
  summary: '拒绝接单',
  description: [
    'The merchant refuses an order (拒单): allowed only while every coupon of it is unused (no verification, no',
    'refund under way, no 次卡 use); the whole order is refunded at once and closed (order_status 101). Writes an',
    'after-sale (`initiator` "merchant", `refund_type` 1) with the reason codes, the coupons become 退款成功, stock',
    'goes back and each coupon emits `life_trade_certificate_notify` refund_success.',
    '',
    'Errors: 2100005 (order_id or reject_reason missing, a reason with neither reason_code nor desc), 4000001 no',
    'such order, 4000002 a coupon is already used or refunding, or the order is refunded already.',
  ].join('\n'),
  request: {
    body: body(
      z
        .object({
          order_id: z.string().min(1).openapi({ description: '订单id' }),
          reject_reason: reasonSchema.openapi({ description: '拒单原因 (reason_code and/or desc)' }),
        })
        .loose()
        .openapi({
          example: {
            order_id: '8000001745679682306',
            reject_reason: { reason_code: [501, 502], desc: '超出配送范围' },
          },
        }),
    ),
  },
  responses: withExample(
    jsonResponses(afterSaleAnswer('AfterSaleMerchantReject'), 'rejected and refunded'),
    EXAMPLE_ANSWER,
  ),
})

export const auditNotifyRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/after_sale/audit/notify/',
  tags,
  security,
  operationId: 'afterSaleAuditNotify',
  summary: '商家同意/拒绝退款',
  description: [
    "The merchant's answer on a refund waiting for its audit (after-sale status 1, announced by",
    '`life_hermes_akte_after_sale_audit` or the refund_apply SPI), named by `after_sale_id`. Approval pays the',
    'refund (coupons 退款成功, ledger reversed for billed ones, stock back, refund_success events); rejection puts the',
    'coupons back as they were and closes the after-sale (status 3, `reject_reason`). The audit-timeout job of the',
    'after-sale is cancelled either way.',
    '',
    'Errors: 2100005 (after_sale_id or is_approved missing, a rejection without reason_code or desc), 4000001 no',
    'such after-sale, 4000002 the after-sale is not waiting for the merchant (already approved, rejected or paid).',
  ].join('\n'),
  request: {
    body: body(
      z
        .object({
          after_sale_id: z.string().min(1).openapi({ description: '售后单ID' }),
          is_approved: z.boolean().openapi({ description: '是否审核通过' }),
          out_after_sale_id: z
            .string()
            .max(64)
            .optional()
            .openapi({ description: '外部售后单ID (kept for reference)' }),
          reject_reason: reasonSchema
            .optional()
            .openapi({ description: '拒绝退款原因: required when is_approved is false' }),
        })
        .loose()
        .openapi({
          example: {
            after_sale_id: '8000001745679682306',
            out_after_sale_id: '7073845037515147278',
            is_approved: false,
            reject_reason: { reason_code: [101, 102], desc: '商家已出餐' },
          },
        }),
    ),
  },
  responses: withExample(jsonResponses(afterSaleAnswer('AfterSaleAuditNotify'), 'the decision is applied'), {
    after_sale_id: '8000001745679682306',
    status: 3,
  }),
})
