/** Wire schemas and routes of 保存SPU (spu/save), 保存日历属性 and 保存日历库存 (calendar groups). */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { withExample } from '../../http/route-examples.js'
import { CALENDAR_DAYS } from './calendar.js'
import { SPU_PRODUCT_TYPES } from './spu.js'
import { wireInt, wireIntOf } from '../../http/wire-int.js'

const int = z.number().int()
const security = [{ accessToken: [] }]
const tags = ['goods']
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })

const itemBase = {
  type: wireInt().openapi({ description: '1 DATE_RANGE, 2 WEEK_RANGE, 3 DATE_VALUE, 4 WEEK_VALUE' }),
  value: z
    .object({
      values: z
        .array(z.string())
        .max(366)
        .openapi({ description: 'dates YYYY-MM-DD (types 1, 3) or weekdays "1"–"7" (types 2, 4); a range takes 2' }),
      exclude_dates: z.array(z.string()).max(366).optional().openapi({ description: 'dates left out' }),
    })
    .loose(),
  status: wireIntOf(1, -1).optional().openapi({ description: '1 ONLINE (default), -1 DELETE the days' }),
}
const productRef = {
  product_id: z.string().optional().openapi({ description: '关联的商品Id (or product_out_id)' }),
  product_out_id: z.string().optional().openapi({ description: '关联的外部商品id' }),
}
const CAL_RULES = `Items cover days (Beijing) from today to ${CALENDAR_DAYS - 1} days ahead: a date range, a weekday range or weekdays over that window, or dates; exclude_dates are left out.`
const CAL_ERRORS = `Errors: 2100005 (neither product_id nor product_out_id; a bad type, date or weekday; a day outside the ${CALENDAR_DAYS}-day window), 4000001 (no such product).`

export const spuSaveRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/goods/spu/save/',
  tags,
  security,
  operationId: 'goodsSpuSave',
  summary: '保存SPU',
  description: [
    'Creates or updates a standard product (标品) of the tenant: the same `out_spu_id` (or a given `spu_id`) updates',
    'it. Checks the category against the category tree and the POIs against the account (one at most). Writes the',
    "tenant's SPUs; nothing else reads them yet.",
    '',
    'Errors: 2100005 (spu, spu_name, product_type or category_id missing; neither out_spu_id nor spu_id; a',
    'product_type outside the list; more than one POI; an unknown category), 2137000328 (a POI of another',
    'account), 4000001 (spu_id names no SPU).',
  ].join('\n'),
  request: {
    body: json(
      z
        .object({
          account_id: z.string().optional().openapi({ description: '商家ID' }),
          spu: z
            .object({
              spu_id: z.string().optional().openapi({ description: '标品Id (update)' }),
              out_spu_id: z.string().max(64).optional().openapi({ description: '外部标品id' }),
              spu_name: z.string().min(1).max(100).openapi({ description: '标品名' }),
              product_type: wireIntOf(...SPU_PRODUCT_TYPES).openapi({
                description: `商品类型: ${SPU_PRODUCT_TYPES.join(', ')}`,
              }),
              category_id: wireInt().openapi({ description: '商品类目 (category tree)' }),
              spu_status: wireIntOf(1, -1).optional().openapi({ description: '1 使用, -1 禁用' }),
              biz_line: wireInt().optional().openapi({ description: '1 闭环自研开发者, 3 直连服务商, 5 小程序' }),
              pois: z
                .array(z.object({ poi_id: z.string().optional(), supplier_ext_id: z.string().optional() }).loose())
                .max(10)
                .optional()
                .openapi({ description: 'at most one store' }),
              attr_key_value_map: z.record(z.string(), z.string()).optional(),
              desc: z.string().max(2000).optional(),
            })
            .loose(),
        })
        .loose()
        .openapi({
          example: {
            account_id: '7113893944009705516',
            spu: {
              out_spu_id: 'spu-1',
              spu_name: '双人下午茶',
              product_type: 1,
              category_id: 1001001,
              pois: [{ poi_id: '123123123123' }],
            },
          },
        }),
    ),
  },
  responses: withExample(jsonResponses(envelopeOf('GoodsSpuSave', z.object({ spu_id: z.string() })), 'the SPU id'), {
    spu_id: '7123456789012345800',
  }),
})

export const calendarAttrSaveRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/goods/calendar_static_attr_group/save/',
  tags,
  security,
  operationId: 'goodsCalendarStaticAttrGroupSave',
  summary: '保存日历属性',
  description: [
    `Sets (status 1, merged per key) or deletes (status -1) the attributes of each day an item covers on the product's calendar. ${CAL_RULES}`,
    "Writes the product's calendar.",
    '',
    CAL_ERRORS,
  ].join('\n'),
  request: {
    body: json(
      z
        .object({
          account_id: z.string().optional().openapi({ description: '商品所属商家ID' }),
          calendar_static_attr_group: z
            .object({
              ...productRef,
              calendar_static_attrs: z
                .array(
                  z.object({ ...itemBase, attr_key_value_map: z.record(z.string(), z.string()).optional() }).loose(),
                )
                .min(1)
                .max(100),
            })
            .loose(),
        })
        .loose()
        .openapi({
          example: {
            calendar_static_attr_group: {
              product_id: '7123456789012345001',
              calendar_static_attrs: [
                { type: 2, value: { values: ['6', '7'] }, attr_key_value_map: { price_tag: 'weekend' }, status: 1 },
              ],
            },
          },
        }),
    ),
  },
  responses: withExample(
    jsonResponses(
      envelopeOf('GoodsCalendarStaticAttrGroupSave', z.object({ days: int.openapi({ description: 'days changed' }) })),
      'saved',
    ),
    { days: 26 },
  ),
})

export const calendarStockSaveRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/goods/calendar_stock_group/save/',
  tags,
  security,
  operationId: 'goodsCalendarStockGroupSave',
  summary: '保存日历库存',
  description: [
    `Sets (status 1) or deletes (status -1) the stock of each day an item covers on the product's calendar. ${CAL_RULES}`,
    'Once a product has day stock, each booking (POST /sandbox/bookings) takes one unit per coupon from its day and a',
    'day without stock or fully booked refuses it (4000002); a failed booking gives its units back. Writes the',
    "product's calendar.",
    '',
    `${CAL_ERRORS} 4000002 (a stock_qty below the coupons already booked that day).`,
  ].join('\n'),
  request: {
    body: json(
      z
        .object({
          account_id: z.string().optional().openapi({ description: '商品所属商家ID' }),
          calendar_stock_group: z
            .object({
              ...productRef,
              calendar_stocks: z
                .array(
                  z
                    .object({
                      ...itemBase,
                      stock_qty_limit_type: wireIntOf(1, 2)
                        .optional()
                        .openapi({ description: '1 LIMITED (default), 2 UNLIMITED' }),
                      stock_qty: wireInt({ min: 0 }).optional().openapi({ description: '总库存 (可以为0)' }),
                    })
                    .loose(),
                )
                .min(1)
                .max(100),
            })
            .loose(),
        })
        .loose()
        .openapi({
          example: {
            calendar_stock_group: {
              product_id: '7123456789012345001',
              calendar_stocks: [
                { type: 1, value: { values: ['2026-01-01', '2026-01-31'] }, stock_qty_limit_type: 1, stock_qty: 20 },
              ],
            },
          },
        }),
    ),
  },
  responses: withExample(
    jsonResponses(
      envelopeOf('GoodsCalendarStockGroupSave', z.object({ days: int.openapi({ description: 'days changed' }) })),
      'saved',
    ),
    { days: 31 },
  ),
})
