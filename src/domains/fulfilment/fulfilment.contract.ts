/** Wire schemas and routes of verification (douyin-api.md §3). */
import { createRoute, z } from '@hono/zod-openapi'
import { digitsIn } from '../../http/query.js'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { wireId, wireInt } from '../../http/wire-int.js'
import { certAmountSchema, certificateSchema, certSkuSchema, verifyAmountInfoSchema } from './certificate.schemas.js'

const int = z.number().int()
const num = (d: string) => z.string().regex(/^\d+$/, 'must be a number').openapi({ description: d }).transform(Number)
/** A coupon as 验券准备 answers it: with its booking's 预约人 (reserve_info). */
const preparedSchema = certificateSchema
  .extend({
    reserve_info: z
      .object({
        order_reserve_user_info_list: z
          .array(z.object({ name: z.string(), phone: z.string(), credential_type: int, credential_numb: z.string() }))
          .openapi({ description: "the 预约人 of the coupon's booking (waiting or confirmed); [] when none" }),
      })
      .openapi({ description: '预约信息' }),
  })
  .openapi('PreparedCertificate')

export const verifyResultSchema = z
  .object({
    result: int.openapi({ description: '0 success; else the reason code (docs/decisions.md lists them)' }),
    msg: z.string(),
    code: z.string(),
    origin_code: z.string(),
    verify_id: z.string(),
    certificate_id: z.string(),
    account_id: z.string(),
    order_id: z.string(),
    product_id: z.string(),
    out_good_id: z.string().openapi({ description: '商家平台子品ID (POS mapping) of a pack sub-item' }),
    verify_time: int,
  })
  .openapi('VerifyResult')
/** certificate/verify's results: with the 三方码 voucher fields of the official SDK's model. */
const verifyAnswerSchema = verifyResultSchema
  .extend({
    certificate_no: z.string().openapi({ description: '"": no 三方码 voucher number' }),
    id_card: z.string().openapi({ description: '""' }),
    qrcode: z.string().openapi({ description: '""' }),
    verify_amount_info: verifyAmountInfoSchema.optional(),
  })
  .openapi('CertificateVerifyResult')

const recordSchema = z
  .object({
    cursor: z.string(),
    verify_id: z.string(),
    certificate_id: z.string(),
    order_id: z.string(),
    poi_id: z.string(),
    code: z.string().optional(),
    encrypted_code: z.string(),
    verify_type: int,
    verify_time: int,
    status: int.openapi({ description: '1 已核销, 2 已撤销' }),
    cancel_time: int,
    can_cancel: z.boolean(),
    certificate_status: int,
    amount: certAmountSchema,
    sku: certSkuSchema,
    verify_amount_info: verifyAmountInfoSchema.optional(),
  })
  .openapi('VerifyRecord')

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })
const security = [{ accessToken: [] }]
const tags = ['fulfilment']

export const verifyBodySchema = z
  .object({
    verify_token: z.string().optional(),
    poi_id: wireId,
    encrypted_codes: z.array(z.string()).max(100).optional(),
    codes: z.array(z.string()).max(100).optional(),
    code_with_time_list: z
      .array(z.object({ code: z.string(), verify_time: wireInt() }).loose())
      .max(100)
      .optional(),
    order_id: z.string().optional(),
    account_id: z.string().optional(),
  })
  .loose()

export const prepareRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/fulfilment/certificate/prepare/',
  tags,
  security,
  operationId: 'certificatePrepare',
  summary: '验券准备',
  request: {
    query: z.object({
      code: z.string().optional(),
      encrypted_data: z.string().optional().openapi({ description: 'from the QR code, URL-encoded; wins over code' }),
      poi_id: z.string().optional(),
      account_id: z.string().optional(),
    }),
  },
  responses: jsonResponses(
    envelopeOf(
      'CertificatePrepare',
      z.object({
        verify_token: z.string(),
        order_id: z.string(),
        certificates: z.array(preparedSchema),
        certificates_v2: z.array(preparedSchema),
      }),
    ),
    'a verify_token and the usable coupons of the order',
  ),
})
export const verifyRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/fulfilment/certificate/verify/',
  tags,
  security,
  operationId: 'certificateVerify',
  summary: '验券',
  request: { body: json(verifyBodySchema) },
  responses: jsonResponses(
    envelopeOf('CertificateVerify', z.object({ verify_results: z.array(verifyAnswerSchema) })),
    'one result per code',
  ),
})
export const cancelRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/fulfilment/certificate/cancel/',
  tags,
  security,
  operationId: 'certificateCancel',
  summary: '撤销核销 (within 3600 s of the verification)',
  request: {
    body: json(
      z
        .object({
          verify_id: z
            .string()
            .min(1)
            .openapi({ description: 'from the verify result; "0" with times_card_cancel_count' }),
          certificate_id: z.string().min(1),
          account_id: z.string().optional(),
          times_card_cancel_count: wireInt({ min: 1 })
            .optional()
            .openapi({ description: '次卡: cancel this many of its latest uses (verify_id "0")' }),
          cancel_token: z.string().optional().openapi({
            description: '次卡: a repeat with the same token within 1 h succeeds without cancelling again',
          }),
        })
        .loose(),
    ),
  },
  responses: jsonResponses(
    envelopeOf(
      'CertificateCancel',
      z.object({
        cancel_results: z
          .array(
            z.object({
              verify_id: z.string(),
              order_id: z.string(),
              result_code: int.openapi({ description: '0: cancelled' }),
              result_msg: z.string(),
            }),
          )
          .openapi({ description: 'one per cancelled verification (a 次卡 may cancel several)' }),
        transaction_id: z.string().openapi({ description: '"": the sandbox keeps no payment transaction' }),
      }),
    ),
    'cancelled',
  ),
})
export const getRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/fulfilment/certificate/get/',
  tags,
  security,
  operationId: 'certificateGet',
  summary: '券状态查询',
  request: { query: z.object({ encrypted_code: z.string().min(1), account_id: z.string().optional() }) },
  responses: jsonResponses(
    envelopeOf('CertificateGet', z.object({ certificate: certificateSchema, certificate_v2: certificateSchema })),
    'the coupon',
  ),
})
export const queryRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/fulfilment/certificate/query/',
  tags,
  security,
  operationId: 'certificateQuery',
  summary: '券状态批量查询 (encrypted_code xor order_id)',
  request: {
    query: z.object({
      encrypted_code: z.string().optional(),
      order_id: z.string().optional(),
      account_id: z.string().optional(),
    }),
  },
  responses: jsonResponses(
    envelopeOf(
      'CertificateQuery',
      z.object({ certificates: z.array(certificateSchema), certificates_v2: z.array(certificateSchema) }),
    ),
    'the coupons',
  ),
})
export const recordsRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/fulfilment/certificate/verify_record/query/',
  tags,
  security,
  operationId: 'verifyRecordQuery',
  summary: '验券历史',
  request: {
    query: z.object({
      account_id: z.string(),
      cursor: z.string().openapi({ description: '"0" for the first page, then the last record\'s cursor' }),
      size: digitsIn(1, 20, 'page size (验券历史: 1–20)'),
      poi_ids: z.string().optional(),
      start_time: num('verify time from').optional(),
      end_time: num('verify time to').optional(),
    }),
  },
  responses: jsonResponses(
    envelopeOf(
      'VerifyRecordQuery',
      z.object({ records: z.array(recordSchema), records_v2: z.array(recordSchema), total: int }),
    ),
    'a page of verifications, newest first',
  ),
})
