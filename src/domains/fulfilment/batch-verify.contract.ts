/** Wire schema and route of 跨订单验券 (certificate/batch_verify, douyin-api.md §3.8). */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { withExample } from '../../http/route-examples.js'
import { verifyBodySchema, verifyResultSchema } from './fulfilment.contract.js'
import { wireId } from '../../http/wire-int.js'

/** The most orders one batch_verify call may verify (the sandbox's limit; the documents give none). */
export const MAX_BATCH_ORDERS = 20

const itemSchema = verifyBodySchema.omit({ poi_id: true }).openapi('BatchVerifyItem', {
  description:
    "one order's verification: the fields of certificate/verify (verify_token + encrypted_codes for 抖音码, order_id + codes or code_with_time_list for 三方码); poi_id is the call's",
})

const itemResultSchema = z
  .object({
    error_code: z.number().int().openapi({ description: '0, or why this whole item failed (its verify_token, …)' }),
    description: z.string().openapi({ description: "the code's standard text (3000001: the reason)" }),
    sub_error_code: z
      .number()
      .int()
      .openapi({ description: 'the specific code of a failed item, as extra.sub_error_code of certificate/verify' }),
    sub_description: z.string().openapi({ description: 'the detail of a failed item, naming the field' }),
    verify_results: z.array(verifyResultSchema).openapi({ description: 'as certificate/verify answers them' }),
  })
  .openapi('BatchVerifyItemResult')

const ENC = 'CgwIARDhJxjLoQ8gASgBEhAIARgBIAEoATABOAFAAUgBGgA='
export const batchVerifyExample = {
  request: {
    poi_id: '123123123123',
    certificate_batch_verify_list: [
      { verify_token: '78a23d74-d0f5-4235-a491-5f68f8c23825', encrypted_codes: [ENC] },
      { order_id: '7136578623947210000', codes: ['TP0001'] },
    ],
  },
}

export const batchVerifyRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/fulfilment/certificate/batch_verify/',
  tags: ['fulfilment'],
  security: [{ accessToken: [] }],
  operationId: 'certificateBatchVerify',
  summary: '跨订单验券',
  description: [
    'Verifies the coupons of several orders in one call at one store: each item of `certificate_batch_verify_list` is',
    'a certificate/verify body (one order) and is verified exactly as certificate/verify would, in order, with one',
    'answer per item in `certificate_verify_resp_list`. Reads and changes the same state as certificate/verify:',
    'certificates (status, 次卡 uses), verify records, verify_tokens (each used once), order statuses, the ledger',
    '(a bill when the hour is over) and `life_trade_certificate_notify` events. An item that fails as a whole (bad',
    'verify_token, missing order_id) does not stop the others.',
    '',
    `Errors of the call: 2100005 (poi_id missing, an empty list or more than ${MAX_BATCH_ORDERS} items). Per item:`,
    '2100005, or 3000001 with sub_error_code 4000108 verify_token 无效 / 4000110 verify_token 已过期 (4000109 only with',
    'verify_token_single_use; the legacy setting verify_errors_own_codes answers these codes in error_code); per coupon in',
    'verify_results[].result: 4000101–4000107, 4000111, 4000115, 4000116, and 1208 on a repeated verify_token (see certificate/verify).',
  ].join('\n'),
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              poi_id: wireId.openapi({ description: "the store verifying every item (one of the products' POIs)" }),
              certificate_batch_verify_list: z
                .array(itemSchema)
                .min(1)
                .max(MAX_BATCH_ORDERS)
                .openapi({ description: `one entry per order, 1–${MAX_BATCH_ORDERS}` }),
            })
            .loose()
            .openapi({ example: batchVerifyExample.request }),
        },
      },
    },
  },
  responses: withExample(
    jsonResponses(
      envelopeOf(
        'CertificateBatchVerify',
        z.object({
          certificate_verify_resp_list: z
            .array(itemResultSchema)
            .openapi({ description: 'one answer per item, in the order of the request' }),
        }),
      ),
      'one verify-style answer per item',
    ),
    {
      certificate_verify_resp_list: [
        {
          error_code: 0,
          description: 'success',
          sub_error_code: 0,
          sub_description: '',
          verify_results: [
            {
              result: 0,
              msg: '验券成功',
              code: ENC,
              origin_code: '102539929601',
              verify_id: '7123456789012345678',
              certificate_id: '7123456789012345679',
              account_id: '7113893944009705516',
              order_id: '7123456789012345670',
              product_id: '7123456789012345671',
              out_good_id: '',
              verify_time: 1767240000,
            },
          ],
        },
        {
          error_code: 3000001,
          description: 'verify_token 无效',
          sub_error_code: 4000108,
          sub_description: 'no prepare issued this verify_token',
          verify_results: [],
        },
      ],
    },
  ),
})
