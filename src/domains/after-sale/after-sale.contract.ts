/** Wire schemas and routes of 抖音码 after-sales (douyin-api.md §5.1) and of POST /sandbox/refunds. */
import { createRoute, z } from '@hono/zod-openapi'
import { digitsIn, digitsNumber } from '../../http/query.js'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { wireInt } from '../../http/wire-int.js'

const int = z.number().int()
const refundInfoSchema = z.object({
  refund_id: z.string(),
  certificate_id: z.string(),
  order_item_id: z.string(),
  code: z.string(),
  refund_status: int.openapi({ description: '1 退款中, 2 退款成功, 3 退款关闭' }),
  is_verified: z.boolean(),
  total_refund_amount: int,
  user_refund_amount: int,
  market_refund_amount: int,
  user_deduct_fee_amount: int,
  market_deduct_fee_amount: int,
  platform_market_refund_amount: int.openapi({
    description: 'the platform-subsidised share: 0, as market_refund_amount',
  }),
  platform_market_deduct_fee_amount: int,
  deduct_fee_amount: int,
  real_refund_amount: int,
  apply_time: int,
  create_time: int,
  update_time: int,
  complete_time: int,
  times_card_refund_info_list: z
    .array(
      z.object({
        serial_number: int.openapi({ description: 'the use given back (次序号)' }),
        origin_amount: int,
        refund_amount: int.openapi({ description: "the use's pay_amount; they sum to the item's refund amount" }),
        user_amount: int,
        marketing_amount: int,
        platform_market_amount: int,
        deduct_fee_amount: int,
        user_deduct_fee_amount: int,
        platform_market_deduct_fee_amount: int,
      }),
    )
    .openapi({ description: '次卡: the refund by use; [] for other coupons' }),
})
export const afterSaleSchema = z
  .object({
    after_sale_id: z.string(),
    out_biz_after_sale_id: z.string(),
    order_id: z.string(),
    out_refund_payment_id: z.string(),
    status: int.openapi({ description: '1 待商家审核, 2 退款成功, 3 商家拒绝' }),
    refund_type: int.openapi({ description: '1 整单退, 2 部分退, 3 指定金额退' }),
    order_type: int,
    trade_type: int,
    initiator: z.enum(['user', 'customer_service', 'system', 'merchant']),
    refund_amount: int,
    user_refund_amount: int,
    market_refund_amount: int,
    user_deduct_fee_amount: int,
    market_deduct_fee_amount: int,
    deduct_fee_amount: int,
    total_refund_amount: int,
    real_refund_amount: int,
    merchant_account_id: z.string(),
    audit_result: z.string(),
    audit_time: int.openapi({ description: 'ms' }),
    reject_reason: z.string(),
    create_time: int,
    update_time: int,
    complete_time: int,
    reason: z.object({
      reason_code: z.array(int),
      desc: z.string(),
      show_reason: z.array(z.object({ reason_code: int, msg: z.string() })),
    }),
    refund_info_list: z.array(refundInfoSchema),
  })
  .openapi('AfterSaleOrder')

const listData = z.object({
  after_sale_order_list: z.array(afterSaleSchema),
  has_more: z.boolean(),
  cursor: z.string(),
})
const security = [{ accessToken: [] }]
const tags = ['after-sale']

export const orderDetailRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/akte/after_sale/order_detail/get/',
  tags,
  security,
  operationId: 'afterSaleOrderDetailGet',
  summary: '售后单详情',
  request: {
    query: z.object({ account_id: z.string(), order_id: z.string().min(1), certificate_id: z.string().optional() }),
  },
  responses: jsonResponses(envelopeOf('AfterSaleOrderDetail', listData), 'the after-sales of the order'),
})
export const afterSaleQueryRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/akte/after_sale/order/query/',
  tags,
  security,
  operationId: 'afterSaleOrderQuery',
  summary: '退款单列表',
  request: {
    query: z.object({
      account_id: z.string(),
      page_size: digitsIn(1, 100, 'page size'),
      cursor: z.string().optional().openapi({ description: '"0" first' }),
      create_order_start_time: digitsNumber.optional(),
      create_order_end_time: digitsNumber.optional(),
      refund_done_start_time: digitsNumber.optional(),
      refund_done_end_time: digitsNumber.optional(),
      refund_status: digitsNumber.optional(),
    }),
  },
  responses: jsonResponses(envelopeOf('AfterSaleOrderQuery', listData), 'a page of after-sales, newest first'),
})
export const auditRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/akte/after_sale/order/audit/',
  tags,
  security,
  operationId: 'afterSaleOrderAudit',
  summary: '抖音码退款审批 (a reject needs reject_reason)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              account_id: z.string().optional(),
              order_id: z.string().min(1),
              certificate_id: z.string().optional(),
              audit_status: z.boolean().openapi({ description: 'true approve, false reject' }),
              reject_reason: z.string().max(500).optional(),
            })
            .loose(),
        },
      },
    },
  },
  responses: jsonResponses(
    envelopeOf('AfterSaleOrderAudit', z.object({ reentry: z.boolean(), after_sale_id: z.string(), status: int })),
    'the audit is recorded',
  ),
})

export const refundBodySchema = z
  .object({
    order_id: z.string().min(1),
    certificate_ids: z.array(z.string()).max(200).optional(),
    by: z.enum(['user', 'customer_service', 'system']).optional().openapi({ description: 'default user' }),
    amount: wireInt({ min: 1 }).optional().openapi({ description: 'fen; 指定金额退 (仅退款), customer_service only' }),
    reason: z.string().max(200).optional(),
  })
  .strict()

export const sandboxRefundRoute = createRoute({
  method: 'post',
  path: '/sandbox/refunds',
  tags: ['sandbox'],
  operationId: 'sandboxRefund',
  summary: "a refund request from the consumer, customer service or the system, under seed 000's rules",
  request: {
    headers: z.object({ 'x-sandbox-client-key': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: refundBodySchema } } },
  },
  responses: jsonResponses(
    envelopeOf('SandboxRefund', z.object({ after_sale: afterSaleSchema })),
    'the after-sale (status 1 while the merchant must confirm)',
  ),
})
