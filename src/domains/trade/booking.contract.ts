/** Wire schemas and routes of bookings: 查询预约单 (trade/book/get), 确认订单 (merchant_confirm_order), POST /sandbox/bookings. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { withExample } from '../../http/route-examples.js'
import { BOOK_CONFIRM_SECONDS } from './booking.service.js'
import { wireInt } from '../../http/wire-int.js'

const int = z.number().int()
const security = [{ accessToken: [] }]

const bookInfo = z
  .object({
    book_id: z.string().openapi({ description: '预约单id' }),
    order_id: z.string(),
    out_book_no: z.string(),
    status: z
      .enum(['BOOKING', 'SUCCESS', 'FAIL', 'CANCEL'])
      .openapi({ description: 'BOOKING 待商家确认, SUCCESS 预约成功, FAIL 超时未确认, CANCEL 已取消' }),
    create_time: int,
    confirm_time: int.openapi({ description: '0 until confirmed' }),
    book_child_info_list: z.array(
      z.object({
        book_start_time: int.openapi({ description: 'ms' }),
        book_end_time: int.openapi({ description: 'ms' }),
        goods_id: z.string().openapi({ description: 'the sku_id' }),
        item_order_id: z.string(),
        certificate_id: z.string(),
        poi_id: z.string(),
        user_info_list: z.array(z.object({ name: z.string(), phone: z.string(), id_card_no: z.string() })),
      }),
    ),
  })
  .openapi('BookInfo')

const LIFECYCLE = `A booking is made by the simulated consumer (POST /sandbox/bookings) in status BOOKING; 确认订单 (trade/buy/merchant_confirm_order) turns it SUCCESS; unconfirmed ${BOOK_CONFIRM_SECONDS / 3600} virtual hours after it was made it turns FAIL.`

export const bookGetRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/trade/book/get/',
  tags: ['trade'],
  security,
  operationId: 'tradeBookGet',
  summary: '查询预约单',
  description: [
    `The bookings (预约单) of an order (order_id, every booking of it; wins) or one booking (book_id). ${LIFECYCLE}`,
    'Reads bookings, orders and certificates.',
    '',
    'Errors: 2100005 (account_id missing; neither book_id nor order_id), 2119005 (another account). An id that names',
    'nothing answers an empty list.',
  ].join('\n'),
  request: {
    query: z.object({
      account_id: z.string().openapi({ description: '商户id' }),
      book_id: z.string().optional().openapi({ description: '预约单id' }),
      order_id: z.string().optional().openapi({ description: '抖音订单id (wins over book_id)' }),
    }),
  },
  responses: withExample(
    jsonResponses(envelopeOf('TradeBookGet', z.object({ book_info_list: z.array(bookInfo) })), 'the bookings'),
    {
      book_info_list: [
        {
          book_id: '7123456789012345700',
          order_id: '7123456789012345701',
          out_book_no: '',
          status: 'SUCCESS',
          create_time: 1767240000,
          confirm_time: 1767240600,
          book_child_info_list: [
            {
              book_start_time: 1767326400000,
              book_end_time: 1767330000000,
              goods_id: '7123456789012345702',
              item_order_id: '71234567890123457030000000',
              certificate_id: '7123456789012345704',
              poi_id: '123123123123',
              user_info_list: [{ name: '张伟', phone: '13800138000', id_card_no: '' }],
            },
          ],
        },
      ],
    },
  ),
})

export const merchantConfirmRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/trade/buy/merchant_confirm_order/',
  tags: ['trade'],
  security,
  operationId: 'tradeMerchantConfirmOrder',
  summary: '确认订单',
  description: [
    `The merchant accepts (接单) an order: it is marked confirmed (a later merchant_reject is refused) and its bookings`,
    `waiting in BOOKING become SUCCESS (their timeout is cancelled). ${LIFECYCLE} Confirming again changes nothing.`,
    '',
    'Errors: 2100005 (order_id missing), 4000001 (no such order), 4000002 (the order is closed: refunded or rejected).',
  ].join('\n'),
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ order_id: z.string().min(1).openapi({ description: '订单id' }) })
            .loose()
            .openapi({ example: { order_id: '7123456789012345701' } }),
        },
      },
    },
  },
  responses: withExample(
    jsonResponses(
      envelopeOf(
        'TradeMerchantConfirmOrder',
        z.object({
          confirmed_bookings: int.openapi({ description: "bookings this call confirmed (the sandbox's addition)" }),
        }),
      ),
      'the order is confirmed',
    ),
    { confirmed_bookings: 1 },
  ),
})

export const sandboxBookRoute = createRoute({
  method: 'post',
  path: '/sandbox/bookings',
  tags: ['sandbox'],
  operationId: 'sandboxBook',
  summary: 'the consumer books (预约) unused coupons of an order for a time; the merchant must confirm it',
  request: {
    headers: z.object({ 'x-sandbox-client-key': z.string().optional() }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              order_id: z.string().min(1),
              certificate_ids: z.array(z.string()).max(100).optional().openapi({ description: 'default every coupon' }),
              book_start_time: wireInt({ min: 0 }).openapi({ description: 'Unix seconds, in the future' }),
              book_end_time: wireInt({ min: 0 })
                .optional()
                .openapi({ description: 'default one hour after the start' }),
              poi_id: z.string().optional().openapi({ description: "one of the product's POIs (default its first)" }),
              out_book_no: z.string().max(64).optional(),
              user_info_list: z
                .array(
                  z
                    .object({
                      name: z.string().min(1).max(64),
                      phone: z.string().regex(/^\+?\d{5,20}$/, 'must be a phone number (digits)'),
                      id_card_no: z.string().max(32).optional(),
                    })
                    .strict(),
                )
                .min(1)
                .max(10)
                .optional()
                .openapi({
                  description:
                    '预约人: answered by trade/book/get (user_info_list) and 验券准备 (reserve_info); default one ' +
                    'consumer made up from the seed (a name and a mobile number)',
                }),
            })
            .strict(),
        },
      },
    },
  },
  responses: jsonResponses(envelopeOf('SandboxBook', z.object({ booking: bookInfo })), 'the booking (BOOKING)'),
})
