/** Wire schemas and routes of 餐饮评价: akte/comment/query, akte/comment/reply, akte/comment/score/query, POST /sandbox/comments. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { digits, digitsIn } from '../../http/query.js'
import { wireId, wireInt } from '../../http/wire-int.js'

const int = z.number().int()
const int64 = int.openapi({ description: 'int64, an exact JSON number' })
const security = [{ accessToken: [] }]
const tags = ['comment']
export const MAX_COMMENTS_PER_PAGE = 100
export const MAX_REPLY_CHARS = 500
const ID_LIST = /^\[?\s*"?\d+"?(\s*,\s*"?\d+"?)*\s*\]?$/

/** A list of numeric ids in a query string: comma-separated (as the SDKs send arrays), `[1,2]` or `x[]=1&x[]=2`. */
const idList = (what: string) =>
  z
    .string()
    .regex(ID_LIST, 'must be numeric ids, comma-separated')
    .optional()
    .openapi({ description: `${what}, comma-separated (int64)` })

const commentItem = z.object({
  poi_id: int64,
  comment_info: z.object({
    rate_id: int64.openapi({ description: '评价 id (int64)' }),
    rate_score: int.openapi({ description: '评分, 1–5 stars' }),
    rate_text: z.string(),
    rate_img_list: z.array(z.string()),
    create_time: int.openapi({ description: 'Unix seconds' }),
    nickname: z.string(),
    has_merchant_reply: z.boolean(),
    digg_cnt: int,
    rate_expore_cnt: int.openapi({ description: 'exposure count (the platform spells it rate_expore_cnt)' }),
  }),
  product_info: z
    .object({ product_id: int64, product_name: z.string(), product_type: int })
    .optional()
    .openapi({ description: 'absent when the review names no product' }),
  reply_list: z
    .array(z.object({ reply_id: int64, text: z.string(), create_time: int }))
    .openapi({ description: "the merchant's reply (at most one)" }),
})

export const commentQueryRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/akte/comment/query/',
  tags,
  security,
  operationId: 'akteCommentQuery',
  summary: '评价查询',
  request: {
    query: z.object({
      account_id: z.string().min(1),
      poi_id_list: idList('门店 ids'),
      product_id_list: idList('商品 ids'),
      cursor: digits.optional().openapi({ description: '"0" for the first page, then the cursor answered' }),
      count: digitsIn(1, MAX_COMMENTS_PER_PAGE, 'page size').optional(),
      start_time: digits.optional().openapi({ description: 'Unix seconds: reviews created at or after' }),
      end_time: digits.optional().openapi({ description: 'Unix seconds: reviews created at or before' }),
    }),
  },
  responses: jsonResponses(
    envelopeOf(
      'AkteCommentQuery',
      z.object({
        comments: z.array(commentItem),
        has_more: z.boolean(),
        cursor: z.string().openapi({ description: 'pass it back for the next page' }),
      }),
    ),
    'the page of reviews, newest first',
  ),
})

export const commentReplyRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/akte/comment/reply/',
  tags,
  security,
  operationId: 'akteCommentReply',
  summary: '回复评价',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              account_id: z.string().min(1),
              poi_id: wireId.openapi({ description: 'the POI of the review (int64)' }),
              rate_id: wireId.openapi({ description: '评价 id (int64)' }),
              text: z
                .string()
                .trim()
                .min(1)
                .max(MAX_REPLY_CHARS)
                .openapi({ description: `回复内容, 1–${MAX_REPLY_CHARS} chars` }),
            })
            .loose()
            .openapi({
              example: {
                account_id: '7136075629856040972',
                poi_id: '123123123123',
                rate_id: '7301234567890123456',
                text: '感谢您的好评,欢迎再次光临',
              },
            }),
        },
      },
    },
  },
  responses: jsonResponses(envelopeOf('AkteCommentReply', z.object({ reply_id: int64 })), 'the reply'),
})

export const scoreQueryRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/akte/comment/score/query/',
  tags,
  security,
  operationId: 'akteCommentScoreQuery',
  summary: '查询评分',
  request: { query: z.object({ account_id: z.string().min(1), poi_id_list: idList('门店 ids (default every POI)') }) },
  responses: jsonResponses(
    envelopeOf(
      'AkteCommentScoreQuery',
      z.object({
        score_info_list: z.array(
          z.object({
            poi_id: int64,
            score: z.string().openapi({ description: 'average rating, one decimal ("0.0" without reviews)' }),
            yesterday_score: z.string().openapi({ description: 'the average as it stood at the end of yesterday' }),
            query_time: int.openapi({ description: 'Unix seconds' }),
          }),
        ),
      }),
    ),
    "each POI's score",
  ),
})

export const sandboxCommentRoute = createRoute({
  method: 'post',
  path: '/sandbox/comments',
  tags: ['sandbox'],
  operationId: 'sandboxWriteComment',
  summary: 'a consumer reviews a verified coupon (certificate_id) or a POI freely',
  request: {
    headers: z.object({ 'x-sandbox-client-key': z.string().optional() }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              certificate_id: wireId
                .optional()
                .openapi({ description: 'a verified coupon: the review takes its POI and product' }),
              poi_id: wireId.optional().openapi({ description: "one of the account's POIs (default the first)" }),
              product_id: wireId.optional(),
              open_id: z.string().max(64).optional(),
              nickname: z.string().max(64).optional(),
              rate_score: wireInt({ min: 1, max: 5 }).openapi({ description: '1–5 stars' }),
              text: z.string().max(2000).optional(),
              images: z.array(z.string().max(1000)).max(9).optional(),
            })
            .strict(),
        },
      },
    },
  },
  responses: jsonResponses(
    envelopeOf(
      'SandboxWriteComment',
      z.object({
        comment: commentItem.extend({
          open_id: z.string(),
          certificate_id: z.string().nullable(),
        }),
      }),
    ),
    'the review as akte/comment/query shows it',
  ),
})
