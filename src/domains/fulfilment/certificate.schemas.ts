/** Wire schemas of a coupon (certificate) as the fulfilment answers give it: amounts, sku, verifications, 次卡. */
import { z } from '@hono/zod-openapi'

const int = z.number().int()
export const amountSchema = z
  .object({
    original_amount: int,
    pay_amount: int,
    coupon_pay_amount: int,
    merchant_ticket_amount: int,
    platform_discount_amount: int,
    payment_discount_amount: int,
    list_market_amount: int,
  })
  .openapi('Amount', { description: 'fen' })
/** A coupon's amounts in the fulfilment answers: with the newer fields of the official SDK's models. */
export const certAmountSchema = amountSchema
  .extend({
    brand_ticket_amount: int.openapi({ description: '品牌券: 0 in the sandbox' }),
    origin_list_market_amount: int.openapi({ description: 'list_market_amount' }),
    original_currency: z.string().openapi({ description: 'CNY' }),
  })
  .openapi('CertificateAmount', { description: 'fen' })
export const certSkuSchema = z
  .object({
    sku_id: z.string(),
    title: z.string(),
    account_id: z.string(),
    third_sku_id: z.string(),
    groupon_type: int,
    market_price: int,
    sold_start_time: int,
  })
  .openapi('CertificateSku')
const verifySchema = z.object({
  verify_id: z.string(),
  certificate_id: z.string(),
  verify_type: int,
  verify_time: int,
  can_cancel: z.boolean(),
  verifier_unique_id: z.string(),
  poi_id: z.string(),
  times_card_serial_num: int.optional().openapi({ description: '次卡: the serial number (次序号) of this use' }),
})
const timeCardSchema = z
  .object({
    times_count: int.openapi({ description: '次卡总次数' }),
    times_used: int.openapi({ description: '次卡已经使用次数 (standing uses; a cancelled use is given back)' }),
    serial_amount_list: z
      .array(z.object({ serial_numb: int, amount: certAmountSchema }))
      .openapi({ description: "each use's share of the coupon's amounts, by serial number" }),
  })
  .openapi('TimeCard', { description: '次卡信息 (product_type 15 only)' })

export const certificateSchema = z
  .object({
    certificate_id: z.string(),
    encrypted_code: z.string(),
    code: z.string().optional().openapi({ description: 'absent while unused or still cancellable' }),
    status: int.openapi({ description: '1 未使用, 2 已使用, 3 退款申请中, 4 退款成功, 5 退款失败, 6 退款中' }),
    used_status_type: int.openapi({
      description:
        "核销类型: 0 not used, 1 used up, 2 a 次卡 with uses left (the sandbox's reading; values not published)",
    }),
    start_time: int,
    expire_time: int,
    amount: certAmountSchema,
    sku: certSkuSchema,
    verify: verifySchema.optional().openapi({ description: 'the standing verification; absent while there is none' }),
    verify_records: z.array(verifySchema),
    order_id: z.string(),
    combination_id: z.string().openapi({ description: 'the combo pack, "" for ordinary products' }),
    out_good_id: z.string().openapi({ description: '商家平台子品ID of a pack sub-item' }),
    sub_item_name: z.string(),
    time_card: timeCardSchema.optional(),
    not_available_time_info: z
      .object({
        can_no_use_week_day: z
          .array(z.string())
          .openapi({ description: 'days_of_week of can_no_use_date: "1" Monday … "7" Sunday' }),
        can_no_use_date: z.array(z.object({ start_time: int, end_time: int })).openapi({
          description:
            'date_list and holiday_dates: Unix seconds from the first to the last second of the Beijing days',
        }),
        fulfil_enable: z.boolean().openapi({ description: "true: the sandbox's till does not refuse on these days" }),
      })
      .openapi('NotAvailableTimeInfo', {
        description: "the product's 不可使用日期 (can_no_use_date); empty while off",
      }),
  })
  .openapi('Certificate')

export const verifyAmountInfoSchema = z
  .object({
    times_card_serial_amount: z.object({ serial_numb: int, amount: certAmountSchema }),
    time_card_amount: z.object({
      amount: int.openapi({ description: 'what this verification paid down: the pay_amount of the use' }),
    }),
  })
  .openapi('VerifyAmountInfo', { description: '次卡: the amounts of this use (absent for other coupons)' })
