/** Wire schemas and routes of orders (douyin-api.md §4) and of the simulated consumer (POST /sandbox/orders). */
import { createRoute, z } from '@hono/zod-openapi'
import { digitsFrom, digitsIn, digitsNumber } from '../../http/query.js'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { amountSchema } from '../fulfilment/certificate.schemas.js'
import { wireInt } from '../../http/wire-int.js'

const int = z.number().int()

const discountSchema = z.object({
  discount_type: int,
  discount_amount: int,
  merchant_discount_amount: int,
  platform_discount_amount: int,
  brand_discount_amount: int.openapi({ description: '品牌优惠: 0 in the sandbox' }),
  provider_discount_amount: int.openapi({ description: '服务商优惠: 0 in the sandbox' }),
})

/** 动态面值 (dynamic par) of a voucher in the product snapshot: none in the sandbox. */
const dynamicParSchema = z.object({
  voucher_par_type: int.openapi({ description: '0: not a dynamic-par voucher' }),
  dynamic_par_rule: z.object({
    dynamic_par_rule_item_list: z.array(
      z.object({
        day_of_week: z.array(int),
        time_period: z.object({
          use_start_time: z.string(),
          use_end_time: z.string(),
          end_time_is_next_day: z.boolean(),
        }),
        deductible_amount: int,
      }),
    ),
    dynamic_par_rule_desc: z.string(),
    dynamic_par_min_amount: int,
    dynamic_par_max_amount: int,
  }),
})

const orderSchema = z
  .object({
    order_id: z.string(),
    order_type: int.openapi({ description: '21 团购, 51 次卡' }),
    order_status: int.openapi({ description: '201 待使用, 1 交易成功, 101 关闭' }),
    sku_id: z.string(),
    sku_name: z.string(),
    third_sku_id: z.string(),
    count: int,
    original_amount: int,
    pay_amount: int,
    discount_amount: int,
    payment_discount: int,
    discounts: z.array(discountSchema),
    order_pay_amount: int,
    receipt_amount: int.openapi({ description: '实收: pay_amount' }),
    amount_info: z.object({
      origin_amount: int,
      product_origin_amount: int,
      sale_price: int.openapi({ description: '售卖价: original_amount' }),
      pay_amount: int,
      order_pay_amount: int,
      pay_discount_amount: int,
      merchant_discount_amount: int,
      platform_discount_amount: int,
      brand_discount_amount: int,
      provider_discount_amount: int,
      activities_fee_amount: int,
      freight_pay_amount: int.openapi({ description: 'delivery orders only: 0' }),
      merchant_deliver_freight_fee: int,
      platform_deliver_freight_fee: int,
      commission_amount: int.openapi({
        description: "platform commission: (original − merchant discount) × the tenant's commission rate",
      }),
      estimated_order_income: int.openapi({ description: 'original − merchant discount − commission' }),
    }),
    sub_order_amount_infos: z.array(
      z.object({
        sub_order_id: z.string(),
        sub_order_type: int.openapi({ description: '100 商品 (the only kind the sandbox sells)' }),
        sku_id: z.string(),
        sub_sku_id: z.string(),
        combination_id: z.string(),
        origin_amount: int,
        pay_amount: int,
        discount_amount: int,
        receipt_amount: int,
        sub_coupon_pay_amount: int,
        discounts: z.array(discountSchema),
      }),
    ),
    create_order_time: int,
    update_order_time: int,
    pay_time: int,
    open_id: z.string(),
    user_id: z.string().openapi({ description: '抖音用户id: digits, the same for every order of one open_id' }),
    poi_id: z.string(),
    intention_poi_id: z.string().openapi({ description: 'the POI the order was bought for' }),
    room_id: z.string().openapi({ description: 'live-room orders only: ""' }),
    attribute_info: z.object({ room_id: z.string() }),
    has_donated_items: z.boolean(),
    poi: z.object({
      poi_id: z.string(),
      poi_name: z.string(),
      intention_poi_id: z.string(),
      intention_poi_name: z.string(),
    }),
    merchant_info: z.object({ account_id: z.string(), account_name: z.string() }),
    certificate: z.array(
      z.object({
        certificate_id: z.string(),
        order_item_id: z.string(),
        item_status: int.openapi({ description: '100 待使用, 1 交易成功, 300 退款中, 301 已退款' }),
        item_update_time: int,
        refund_amount: int,
        refund_time: int,
        combination_id: z.string(),
        sub_product_id: z.string(),
        sku_id: z.string(),
        sub_sku_id: z.string().openapi({ description: 'a combo pack\'s sub-item sku; "" otherwise' }),
        origin_certificate_id: z.string().openapi({ description: 'gifted coupons only: ""' }),
        is_donated_item: z.boolean(),
      }),
    ),
    goods: z.array(
      z.object({
        sku_id: z.string(),
        sku_name: z.string(),
        third_sku_id: z.string(),
        count: int,
        goods_detail: z
          .object({
            product_type: int,
            show_channel: int,
            goods_attr: dynamicParSchema,
            product_attr: z
              .record(z.string(), z.string())
              .openapi({ description: "the product's attr_key_value_map at purchase" }),
            sku_attr: z
              .record(z.string(), z.string())
              .openapi({ description: "the sku's attr_key_value_map at purchase" }),
          })
          .openapi({ description: 'the product snapshot (as at purchase; later edits do not change it)' }),
      }),
    ),
    contacts: z.array(z.object({ name: z.string(), phone: z.string() })),
    products: z.array(
      z.object({
        product_id: z.string(),
        sku_id: z.string(),
        product_name: z.string(),
        num: int,
        origin_amount: int,
        snapshot_product: z
          .object({
            product_attr: dynamicParSchema.extend({ show_channel: int }),
            tag_info_list: z
              .array(z.object({ TagKey: z.string(), TagName: z.string(), TagValue: z.string() }))
              .openapi({ description: '[]: the sandbox keeps no product tags' }),
          })
          .openapi({ description: 'the product snapshot (as at purchase; later edits do not change it)' }),
      }),
    ),
  })
  .openapi('Order')

export const orderQuerySchema = z.object({
  account_id: z.string(),
  page_num: digitsFrom(1, 'page number'),
  page_size: digitsIn(1, 100, 'page size'),
  order_id: z.string().optional(),
  ext_order_id: z.string().optional(),
  open_id: z.string().optional(),
  order_status: digitsNumber.optional(),
  create_order_start_time: digitsNumber.optional(),
  create_order_end_time: digitsNumber.optional(),
  update_order_start_time: digitsNumber.optional(),
  update_order_end_time: digitsNumber.optional(),
  get_secret_number: z.string().optional(),
  cursor: z.string().optional(),
})

const orderPageSchema = z.object({ page_num: int, page_size: int, total: int })
const lastCursor = z.array(z.string()).openapi({ description: "the page's last order: [create_order_time, order_id]" })
const orderQueryResponses = jsonResponses(
  envelopeOf(
    'OrderQuery',
    z.object({
      orders: z.array(orderSchema),
      page: orderPageSchema,
      search_after: z.object({ Size: int, CursorValue: lastCursor }),
    }),
  ),
  'a page of orders, newest first',
)
export const orderQueryRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/trade/order/query/',
  tags: ['trade'],
  security: [{ accessToken: [] }],
  operationId: 'tradeOrderQuery',
  summary: '订单查询',
  request: { query: orderQuerySchema },
  responses: orderQueryResponses,
})
export const akteOrderQueryRoute = createRoute({
  ...orderQueryRoute,
  path: '/goodlife/v1/akte/order/query/',
  operationId: 'akteOrderQuery',
  summary: '餐饮团购-订单查询',
  responses: jsonResponses(
    envelopeOf(
      'AkteOrderQuery',
      z.object({
        orders: z.array(orderSchema),
        page: orderPageSchema,
        search_after: z.object({
          size: int,
          cursor: lastCursor,
          all_cursor: z.array(z.array(z.string())).openapi({ description: 'each order of the page: its cursor' }),
        }),
      }),
    ),
    'a page of orders, newest first',
  ),
})

export const purchaseBodySchema = z
  .object({
    product_id: z.string().regex(/^\d+$/).optional(),
    out_id: z.string().min(1).optional(),
    count: wireInt({ min: 1, max: 100 }).optional(),
    open_id: z.string().min(1).max(128).optional(),
    pay_amount: wireInt({ min: 0 })
      .optional()
      .openapi({ description: 'fen; the rest of original_amount becomes a platform discount' }),
    discounts: z
      .array(
        z
          .object({
            discount_type: wireInt().optional(),
            merchant_discount_amount: wireInt({ min: 0 }).optional(),
            platform_discount_amount: wireInt({ min: 0 }).optional(),
          })
          .strict(),
      )
      .max(10)
      .optional(),
    poi_id: z.string().optional(),
  })
  .strict()

const issuedSchema = z
  .object({
    certificate_id: z.string(),
    code: z.string(),
    encrypted_code: z.string(),
    encrypted_data: z.string().openapi({ description: 'the QR payload; URL-encode it for prepare' }),
    code_source_type: int,
    start_time: int,
    expire_time: int,
    amount: amountSchema,
    combination_id: z.string(),
    sub_product_id: z.string(),
    sub_item_name: z.string(),
    out_good_id: z.string(),
  })
  .openapi('IssuedCertificate')

export const purchaseRoute = createRoute({
  method: 'post',
  path: '/sandbox/orders',
  tags: ['sandbox'],
  operationId: 'sandboxPurchase',
  summary: 'a simulated consumer buys a product (one coupon per unit; a pack gives one per sub-item per unit)',
  request: {
    headers: z.object({ 'x-sandbox-client-key': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: purchaseBodySchema } } },
  },
  responses: jsonResponses(
    envelopeOf('SandboxPurchase', z.object({ order: orderSchema, certificates: z.array(issuedSchema) })),
    'the paid order and its coupons',
  ),
})

export const sandboxOrderRoute = createRoute({
  method: 'get',
  path: '/sandbox/orders/{order_id}',
  tags: ['sandbox'],
  operationId: 'sandboxGetOrder',
  summary:
    "the consumer's view of an order now: its coupons with the current QR encrypted_data (a coupon's change voids the previous one)",
  request: {
    headers: z.object({ 'x-sandbox-client-key': z.string().optional() }),
    params: z.object({ order_id: z.string().min(1) }),
  },
  responses: jsonResponses(
    envelopeOf('SandboxGetOrder', z.object({ order: orderSchema, certificates: z.array(issuedSchema) })),
    'the order and its coupons',
  ),
})
