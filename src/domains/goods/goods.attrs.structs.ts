/**
 * Zod schemas of the struct value_types of `attr_key_value_map` (seed 003 "属性结构详解", seed 004).
 * Thrift `required` fields are required, `optional` ones optional; unknown fields are allowed.
 */
import { z } from 'zod'

const int = () => z.number().int()
const str = () => z.string()
const bool = () => z.boolean()
/** A thrift enum with contiguous values lo..hi. */
const intIn = (lo: number, hi: number) => {
  const problem = `must be an integer from ${lo} to ${hi}`
  return int().min(lo, problem).max(hi, problem)
}
/** A thrift enum with scattered values. */
const intOf = (...values: number[]) => int().refine((v) => values.includes(v), `must be one of ${values.join(', ')}`)
const obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape).loose()

/** The schemas, built on first use: most runs of the sandbox never save a product with these attributes. */
function build(): Record<string, z.ZodType> {
  const commonEnum = obj({ key: int(), value: str().min(1, 'must be a non-empty string') })
  const note = obj({ note_type: intIn(1, 2).optional(), content: str().optional() })
  const commonTime = obj({ time: int(), time_type: intIn(1, 4) })
  // Thrift says `string num`, but seed 003's own demos send {"num":1, "unit":"FEN"}: both are accepted.
  const numOrStr = z.union([str(), z.number()], {
    error: (iss) => (iss.input === undefined ? 'is required' : 'must be a string or a number'),
  })
  const commonQuantity = obj({ num: numOrStr, unit: str() })

  const timePeriod = obj({ use_start_time: str(), use_end_time: str(), end_time_is_next_day: bool().optional() })

  // HolidayEnum: seed 003 lists 1-9, seed 001 adds UNSET = 0 and 10-17; the wider range is accepted.
  const holiday = intIn(0, 17)

  const appointment = obj({
    need_appointment: bool().optional(),
    ahead_day_num: int().optional(),
    external_link: str().optional(),
    order_appointment_time_url: str().optional(),
    ahead_time_type: intIn(1, 3).optional(),
    ahead_hour_num: int().optional(),
    ahead_minute_num: int().optional(),
  }).superRefine((v, ctx) => {
    // "need_appointment = true时该字段必填"
    if (v.need_appointment === true && v.ahead_time_type === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ahead_time_type'], message: 'is required when need_appointment is true' })
    }
  })

  // RealNameInfoSceneEnum is 1-3, but the seed-003 example sends {"enable":false,"scene":0}: 0 is allowed while disabled.
  const realNameInfo = obj({ enable: bool(), scene: intIn(0, 3) }).superRefine((v, ctx) => {
    if (v.enable && v.scene === 0)
      ctx.addIssue({ code: 'custom', path: ['scene'], message: 'must be 1, 2 or 3 when enable is true' })
  })

  const item = obj({ name: str(), price: int(), count: int(), unit: str().optional() })
  const itemGroup = obj({
    group_name: str(),
    total_count: int().optional(),
    option_count: int(),
    item_list: z.array(item),
  })

  const limitRuleItem = obj({ subject_type: intIn(1, 5), range_type: intIn(1, 4), limit_num: int(), unit: str() })

  const ticketCollectionInfo = obj({
    postage_collection: intOf(1).optional(),
    postage_amount: int().optional(),
    lastest_delivery_time: intIn(1, 3).optional(),
    delivery_time_duration: commonTime.optional(),
    delivery_date: str().optional(),
    ticket_collection_address: str().optional(),
    ticket_collection_time: commonTime.optional(),
    ticket_collection_voucher: intIn(1, 3).optional(),
  })

  // Not defined by the seeds; inferred from product.pois[] ({poi_id?, supplier_ext_id?}, one of the two) and the seed-003 example.
  const poi = obj({ poi_id: str().optional(), supplier_ext_id: str().optional() }).superRefine((v, ctx) => {
    if (v.poi_id === undefined && v.supplier_ext_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['poi_id'], message: 'is required (or supplier_ext_id)' })
    }
  })

  // Not defined by the seeds; inferred from sku.stock {limit_type 1 有限 / 2 无限, stock_qty} and the seed-003 example.
  const stockInfo = obj({
    limit_type: intIn(1, 2),
    stock_qty: int().min(0).optional(),
    avail_qty: int().min(0).optional(),
  }).superRefine((v, ctx) => {
    if (v.limit_type === 1 && v.stock_qty === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stock_qty'], message: 'is required when limit_type is 1' })
    }
  })

  /** One schema per struct value_type; a list attribute (is_multi) validates each element with it. */
  return {
    COMMON_ENUM: commonEnum,
    APPLICABLE_MODELS: commonEnum,
    IMAGE: obj({ name: str().optional(), url: str().optional() }),
    USE_TIME: obj({ use_time_type: intIn(1, 2), time_period_list: z.array(timePeriod).optional() }),
    USE_DATE: obj({
      use_date_type: intIn(1, 2),
      day_duration: int().optional(),
      use_start_date: str().optional(),
      use_end_date: str().optional(),
    }),
    CAN_NO_USE_DATE: obj({
      enable: bool(),
      days_of_week: z.array(intIn(1, 7)).optional(),
      holidays: z.array(holiday).optional(),
      date_list: z.array(str()).optional(),
      holiday_dates: z.record(str().regex(/^(0|[1-9]|1[0-7])$/), str()).optional(),
    }),
    APPOINTMENT: appointment,
    NOTE: note,
    LIMIT_USE_RULE: obj({ is_limit_use: bool(), use_num_per_consume: int().optional() }),
    CUSTOMER_RESERVED_INFO: obj({
      allow: bool(),
      allow_tel: bool().optional(),
      allow_name: bool().optional(),
      allow_identity: bool().optional(),
      require_for_tel: bool().optional(),
      need_for_all: bool().optional(),
    }),
    REAL_NAME_INFO: realNameInfo,
    HIGHLIGHT: obj({ Content: str(), Priority: int() }),
    FACILITY: obj({ value: str(), name: str().optional() }),
    NOTIFICATION: obj({ title: str(), content: str() }),
    ADD_BED_RULE: obj({ can_add_bed: bool(), add_bed_rule: str().optional() }),
    DATE_RULE: obj({
      unavailable_date: obj({
        date_list: z.array(str()).optional(),
        weekday_list: z.array(intIn(1, 7)).optional(),
        not_available_on_holidays: bool().optional(),
      }).optional(),
    }),
    BREAKFAST: obj({ can_add_breakfast: bool(), add_breakfast_rule: str().optional() }),
    COMMODITY: itemGroup,
    LIMIT_RULE: obj({ is_limit: bool(), total_buy_num: int().optional() }),
    PREORDER_RULE: obj({
      time_type: intIn(1, 2),
      soonest_order_time: int().optional(),
      soonest_order_sec_offset: int().optional(),
      latest_order_time: int().optional(),
      latest_order_sec_offset: int().optional(),
      start_time: str().optional(),
      end_time: str().optional(),
      can_full_day_order: bool().optional(),
      same_day_order_time: int().optional(),
    }),
    CUSTOM_POLICY: obj({ policy_rule_type: int(), policy_value: str().optional(), note: note.optional() }),
    CHARGE_POLICY: obj({ item: str(), qty: int(), unit: str(), amount: int() }),
    SERVICE_ITEM_IMAGE: obj({ name: str().optional(), uri: str(), url: str().optional(), item_id: str().optional() }),
    LIMIT_BUY_RULE: obj({ enable_limit: bool(), rule_list: z.array(limitRuleItem).optional() }),
    APPLICATION_SCOPE: obj({ application_scope_type: intIn(1, 3), special_consumption_desc: str().optional() }),
    SALE_SPECS: obj({
      sale_specs: z.array(
        obj({ spec_key: str().optional(), spec_name: str(), spec_value: str(), sequence: int().optional() }),
      ),
    }),
    ORDER_SETTLE_RULE: obj({ order_settle_type: intIn(1, 2) }),
    ATTACH_ITEM_DETAIL: obj({
      attach_item_list: z
        .array(obj({ item_name: str().optional(), item_count: int().optional(), item_total_price: int().optional() }))
        .optional(),
    }),
    FREEBIE_INFO: obj({
      has_freebie: bool(),
      freebie_name: str().optional(),
      has_stock: bool().optional(),
      total_stock_num: int().optional(),
      valid_date_desc: str().optional(),
      exchange_rule_desc: str().optional(),
    }),
    REAL_NAME_BUY_TICKET_RULE: obj({
      is_real_name: bool(),
      real_name_method: intIn(1, 3).optional(),
      limit_buy_id_card: bool().optional(),
      limit_num: int().optional(),
    }),
    TICKETS_RULE: obj({
      voucher_method: z.array(intOf(1, 4, 5)),
      ticket_collection: intIn(1, 4).optional(),
      ticket_collection_info: ticketCollectionInfo.optional(),
    }),
    COMMON_TIME: commonTime,
    COMMON_QUANTITY: commonQuantity,
    BREAK_RULES_DEPOSIT: commonQuantity,
    MEMBER_EXCLUSIVE_PRODUCT: obj({ product_type: intIn(1, 3) }),
    APPLICABLE_BRANDS: obj({ applicable_brand_type: commonEnum, applicable_brand_list: z.array(str()).optional() }),
    APPLICABLE_CATEGORY: obj({
      applicable_category_type: commonEnum,
      applicable_category_list: z.array(str()).optional(),
    }),
    POI: poi,
    STOCK_INFO: stockInfo,
    // Not defined by the seeds: seed 003 only says "fulfillment_type内枚举值 3-配送到家".
    FULFILLMENT_METHOD: obj({ fulfillment_type: int() }),
  }
}

let built: Record<string, z.ZodType> | undefined

/** Each struct value_type's schema, by value_type (built once, on first use). */
export function structSchemas(): Record<string, z.ZodType> {
  return (built ??= build())
}
