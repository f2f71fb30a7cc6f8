/** Wire schemas and routes of 预导码: 批量增加券码 (reserve_code/batch_import) and 查询券码对应订单信息 (bind_order_info). */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { withExample } from '../../http/route-examples.js'
import { MAX_IMPORT } from './reserve-codes.js'
import { wireInt } from '../../http/wire-int.js'

const security = [{ accessToken: [] }]
const tags = ['fulfilment']

export const batchImportRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/fulfilment/reserve_code/batch_import/',
  tags,
  security,
  operationId: 'reserveCodeBatchImport',
  summary: '批量增加券码',
  description: [
    'Adds 预导码 to the pool of a sku whose `code_source_type` is "3": each purchase of the product then takes the',
    "oldest unused codes not past their `expired_time` as its coupons' codes (one per coupon; too few left refuses",
    'the purchase with 4000002). Those coupons are verified with `codes` on certificate/verify, without order_id,',
    "and bind_order_info finds their order. Changes the tenant's code pool.",
    '',
    `Errors: 2100005 (sku_id, codes or expired_time missing; more than ${MAX_IMPORT} codes; expired_time not in the`,
    'future), 4000001 (no such sku), 4000002 (the sku is not a 预导码 sku; a code already imported or in use).',
  ].join('\n'),
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              account_id: z.string().optional().openapi({ description: '商户ID' }),
              sku_id: z.string().min(1).openapi({ description: '商品ID (the sku_id of a 预导码 product)' }),
              third_sku_id: z.string().optional().openapi({ description: "三方商品ID (default the sku's out_sku_id)" }),
              codes: z
                .array(z.string().min(1).max(64))
                .min(1)
                .max(MAX_IMPORT)
                .openapi({ description: `the codes, 1–${MAX_IMPORT}` }),
              expired_time: wireInt().openapi({ description: '码过期秒时间戳: not handed out after it' }),
            })
            .loose()
            .openapi({
              example: {
                account_id: '7113893944009705516',
                sku_id: '7123456789012345002',
                third_sku_id: 'ab123',
                codes: ['x1', 'x2'],
                expired_time: 1798761600,
              },
            }),
        },
      },
    },
  },
  responses: withExample(
    jsonResponses(
      envelopeOf(
        'ReserveCodeBatchImport',
        z.object({ imported: z.number().int().openapi({ description: "codes added (the sandbox's addition)" }) }),
      ),
      'the codes are in the pool',
    ),
    { imported: 2 },
  ),
})

const amountInfo = z.object({
  original_amount: z.number().int(),
  pay_amount: z.number().int(),
  platform_ticket_amount: z.number().int(),
  merchant_ticket_amount: z.number().int(),
  fee_amount: z.number().int(),
  payment_discount_amount: z.number().int(),
})

export const bindOrderInfoRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/fulfilment/reserve_code/bind_order_info/',
  tags,
  security,
  operationId: 'reserveCodeBindOrderInfo',
  summary: '查询券码对应订单信息',
  description: [
    'The order a 预导码 was sold with: its id, every code of the order, its amounts (fen) and creation time. Reads',
    'the code pool, orders and certificates.',
    '',
    'Errors: 2100005 (code or sku_id missing), 4000001 (no such code of that sku, or the code is not sold yet).',
  ].join('\n'),
  request: {
    query: z.object({
      account_id: z.string().optional().openapi({ description: '商户ID' }),
      code: z.string().min(1).openapi({ description: '预置码' }),
      sku_id: z.string().min(1).openapi({ description: '该预置码适用的商品ID' }),
    }),
  },
  responses: withExample(
    jsonResponses(
      envelopeOf(
        'ReserveCodeBindOrderInfo',
        z.object({
          order: z.object({
            order_id: z.string(),
            sku_id: z.string(),
            third_sku_id: z.string(),
            codes: z.array(z.string()),
            create_time: z.number().int(),
            amount_info: amountInfo,
            amount: amountInfo.openapi({ description: "amount_info again, under the official SDK model's name" }),
            tourists: z
              .array(z.object({ name: z.string(), phone: z.string(), id_card: z.string() }))
              .openapi({ description: 'always empty: the simulated consumer leaves no tourist data' }),
          }),
        }),
      ),
      'the order of the code',
    ),
    {
      order: {
        order_id: '7123456789012345003',
        sku_id: '7123456789012345002',
        third_sku_id: 'ab123',
        codes: ['x1'],
        create_time: 1767240000,
        amount_info: {
          original_amount: 9900,
          pay_amount: 9900,
          platform_ticket_amount: 0,
          merchant_ticket_amount: 0,
          fee_amount: 0,
          payment_discount_amount: 0,
        },
        amount: {
          original_amount: 9900,
          pay_amount: 9900,
          platform_ticket_amount: 0,
          merchant_ticket_amount: 0,
          fee_amount: 0,
          payment_discount_amount: 0,
        },
        tourists: [],
      },
    },
  ),
})
