/** Wire schemas and routes of the 三方码 callbacks and of PUT/GET /sandbox/spi. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../http/envelope.schema.js'
import { wireInt, wireIntOf } from '../http/wire-int.js'

const int = z.number().int()
const security = [{ accessToken: [] }]
const url = z.string().min(1).max(2048)

export const spiTargetsSchema = z
  .object({
    pre_create_order: url.optional().openapi({ description: 'SPI trade.order.pre_create_order (5 s)' }),
    issue_code: url
      .optional()
      .openapi({ description: 'SPI fulfilment.order.tripartite_code (8 s, retried 10/30/60/120/120/240 s)' }),
    refund_apply: url.optional().openapi({ description: 'SPI fulfilment.order.refund_apply (8 s, retried hourly)' }),
    refund_notice: url.optional().openapi({ description: 'SPI fulfilment.order.refund_notice' }),
  })
  .strict()
  .openapi('SpiTargets')

const tenantHeader = z.object({ 'x-sandbox-client-key': z.string().optional() })

export const putSpiRoute = createRoute({
  method: 'put',
  path: '/sandbox/spi',
  tags: ['sandbox'],
  operationId: 'sandboxPutSpi',
  summary: "the merchant's SPI URLs for 三方码 (omitted ones are removed)",
  request: {
    headers: tenantHeader,
    body: { required: true, content: { 'application/json': { schema: spiTargetsSchema } } },
  },
  responses: jsonResponses(envelopeOf('SandboxPutSpi', z.object({ spi: spiTargetsSchema })), 'the SPI URLs'),
})
export const getSpiRoute = createRoute({
  method: 'get',
  path: '/sandbox/spi',
  tags: ['sandbox'],
  operationId: 'sandboxGetSpi',
  summary: "the merchant's SPI URLs",
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('SandboxGetSpi', z.object({ spi: spiTargetsSchema })), 'the SPI URLs'),
})

export const createCallbackRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/fulfilment/create/callback/',
  tags: ['fulfilment'],
  security,
  operationId: 'createCallback',
  summary: '发券回调: the merchant reports the codes of an "issuing" 三方码 order within 10 minutes',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              order_id: z.string().min(1),
              result: wireIntOf(1, 2).openapi({ description: '1 成功, 2 失败' }),
              codes: z.array(z.string().min(1)).max(500).optional(),
              third_order_id: z.string().optional(),
              fail_reason: z.string().optional(),
              fail_reason_desc: z.string().optional(),
            })
            .loose(),
        },
      },
    },
  },
  responses: jsonResponses(
    envelopeOf(
      'CreateCallback',
      z.object({ certificate_info_list: z.array(z.object({ certificate_id: z.string(), code: z.string() })) }),
    ),
    'accepted',
  ),
})

export const refundAuditRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/fulfilment/refund/audit/',
  tags: ['fulfilment'],
  security,
  operationId: 'refundAudit',
  summary: '三方码退款审核回调 (2023 shape: biz_uniq_key + audit_result; 2024 shape: after_sale_id + result + reason)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              order_id: z.string().optional(),
              biz_uniq_key: z.string().optional(),
              audit_result: wireInt().optional(),
              refund_fee_amount: wireInt().optional(),
              after_sale_id: z.string().optional(),
              certificate_id: z.string().optional(),
              code: z.string().optional(),
              result: wireInt().optional(),
              reason: z.string().optional(),
            })
            .loose(),
        },
      },
    },
  },
  responses: jsonResponses(
    envelopeOf('RefundAudit', z.object({ after_sale_id: z.string(), status: int })),
    'the decision is recorded',
  ),
})
