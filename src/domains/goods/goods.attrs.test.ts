import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseAttrValue, structSchemas, type TemplateAttr } from './goods.attrs.js'

const attr = (value_type: string, is_multi = false): TemplateAttr => ({
  key: 'k',
  name: 'n',
  desc: '',
  is_required: false,
  is_multi,
  value_type,
  value_demo: '',
})

const problemOf = (a: TemplateAttr, raw: unknown): string | undefined => {
  const r = parseAttrValue(a, raw)
  return r.ok ? undefined : r.problem
}

const valueOf = (a: TemplateAttr, raw: unknown): unknown => {
  const r = parseAttrValue(a, raw)
  if (!r.ok) throw new Error(r.problem)
  return r.value
}

// Seed 003 product/save request example (line ~2934), verbatim.
const PRODUCT_MAP: Record<string, string> = {
  appointment:
    '{"need_appointment":true, "ahead_time_type":2, "ahead_hour_num":5,"external_link":"urlxxx", "order_appointment_time_url":"urlxxx"}',
  auto_renew: 'true',
  bring_out_meal: 'false',
  can_no_use_date:
    '{"enable": true,"days_of_week": [7, 1, 2, 3, 4],"holidays": [1, 2, 3, 4, 5],"date_list": ["2022-03-08", "2022-03-09"],"holiday_dates": {"1": "2022.01.01-2022.01.03"}}',
  customer_reserved_info: '{"allow":false}',
  description_rich_text: '[{"note_type":1,"content":"其他说明信息-美食团购"}]',
  detail_image_list: '[{"url":"https://aweme-upload-image/7038504987084734508..png"}]',
  dishes_image_list: '[{"url":"https://aweme-upload-image/7038504987084734508.png"}]',
  environment_image_list: '[{"url":"https://aweme-upload-image/7038504987084734508.png"}]',
  free_pack: 'true',
  FrontCategoryTag: '["美食套餐"]',
  image_list:
    '[{"url":"https://aweme-upload-image/7038505021658382380.png"},{"url":"https://aweme-upload-image/7038505050439696428.png"}]',
  IndustryType: '其他',
  IsConfirmImme: 'true',
  Notification: '[{"title":"标题","content":"内容美食1.1"}]',
  private_room: 'true',
  real_name_info: '{"enable":false,"scene":0}',
  RecommendWord: '推荐语',
  rec_person_num: '99',
  rec_person_num_max: '999',
  RefundPolicy: '2',
  refund_need_merchant_confirm: 'true',
  show_channel: '2',
  SortWeight: '0',
  superimposed_discounts: 'true',
  TagList: '标签列表-待填写',
  use_date: '{"use_date_type":1,"use_start_date":"2021-12-06","use_end_date":"2033-03-03"}',
  use_time: '{"use_time_type":1}',
  account_name: 'lh测试商家',
  poi_list: '[{"poi_id": "123123123123"}]',
  product_name: 'migrate_openapi_0711_01',
  sold_start_time: '1646724999',
  sold_end_time: '1745607528',
}

const SKU_MAP: Record<string, string> = {
  code_source_type: '1',
  commodity:
    '[{"group_name":"测试0001","total_count":1,"option_count":1,"item_list":[{"name":"可乐","price":1998,"count":1,"unit":""}]}]',
  limit_rule: '{"is_limit":true,"total_buy_num":9}',
  market_price: '900',
  settle_type: '1',
  use_type: '1',
  stock_info: '{"limit_type": 1,"stock_qty": 500}',
}

describe('parseAttrValue: scalars', () => {
  it('wants every value as a string', () => {
    expect(problemOf(attr('INT64'), 12)).toBe(
      'must be a string (attr_key_value_map values are strings; JSON-encode structs and lists)',
    )
    expect(problemOf(attr('IMAGE', true), [{ url: 'x' }])).toMatch(/^must be a string/)
  })

  it('reads INT64 as a decimal integer string', () => {
    expect(valueOf(attr('INT64'), '12')).toBe(12)
    expect(valueOf(attr('INT64'), '-3')).toBe(-3)
    expect(valueOf(attr('INT64'), '9223372036854775807')).toBe(9223372036854775807n)
    for (const bad of ['12.5', 'abc', '', ' 1', '1e3'])
      expect(problemOf(attr('INT64'), bad)).toBe('must be an integer as a string, like "12"')
    expect(problemOf(attr('INT64'), '9223372036854775808')).toBe('is out of the int64 range')
  })

  it('reads DOUBLE as a decimal number string', () => {
    expect(valueOf(attr('DOUBLE'), '12.5')).toBe(12.5)
    expect(valueOf(attr('DOUBLE'), '-1e3')).toBe(-1000)
    for (const bad of ['abc', 'NaN', 'Infinity', '1.2.3', ''])
      expect(problemOf(attr('DOUBLE'), bad)).toBe('must be a number as a string, like "12.5"')
  })

  it('reads BOOL as exactly "true" or "false"', () => {
    expect(valueOf(attr('BOOL'), 'true')).toBe(true)
    expect(valueOf(attr('BOOL'), 'false')).toBe(false)
    for (const bad of ['TRUE', '1', 't', '']) expect(problemOf(attr('BOOL'), bad)).toBe('must be "true" or "false"')
  })

  it('takes any STRING, and unknown value_types as strings', () => {
    expect(valueOf(attr('STRING'), '')).toBe('')
    expect(valueOf(attr('STRING'), '{"not":"parsed"}')).toBe('{"not":"parsed"}')
    expect(valueOf(attr('QUALIFICATION_INFO', true), 'anything')).toBe('anything')
    expect(valueOf(attr('constructor'), 'x')).toBe('x')
  })

  it('reads is_multi scalars as JSON arrays', () => {
    expect(valueOf(attr('STRING', true), '["美食套餐","团购"]')).toEqual(['美食套餐', '团购'])
    expect(valueOf(attr('INT64', true), '[1,2]')).toEqual([1, 2])
    expect(valueOf(attr('BOOL', true), '[]')).toEqual([])
    expect(problemOf(attr('STRING', true), '["a",1]')).toBe('[1]: must be a string')
    expect(problemOf(attr('INT64', true), '[1,2.5]')).toBe('[1]: must be an integer')
    expect(problemOf(attr('STRING', true), '美食套餐')).toBe(
      'must be a JSON array (is_multi attributes are JSON-encoded lists)',
    )
  })
})

/** value_type → [is_multi, a good value, a broken value, its problem]; seed-003 example values where the example has one. */
const STRUCT_CASES: Record<string, [boolean, string, string, string]> = {
  APPOINTMENT: [
    false,
    PRODUCT_MAP.appointment!,
    '{"need_appointment":true}',
    'ahead_time_type: is required when need_appointment is true',
  ],
  CAN_NO_USE_DATE: [
    false,
    PRODUCT_MAP.can_no_use_date!,
    '{"enable":true,"days_of_week":[8]}',
    'days_of_week[0]: must be an integer from 1 to 7',
  ],
  CUSTOMER_RESERVED_INFO: [false, PRODUCT_MAP.customer_reserved_info!, '{"allow_tel":true}', 'allow: is required'],
  NOTE: [
    true,
    PRODUCT_MAP.description_rich_text!,
    '[{"note_type":1},{"note_type":3}]',
    '[1].note_type: must be an integer from 1 to 2',
  ],
  IMAGE: [true, PRODUCT_MAP.image_list!, '[{"url":"a"},{"url":5}]', '[1].url: must be a string'],
  NOTIFICATION: [true, PRODUCT_MAP.Notification!, '[{"title":"标题"}]', '[0].content: is required'],
  REAL_NAME_INFO: [
    false,
    PRODUCT_MAP.real_name_info!,
    '{"enable":true,"scene":0}',
    'scene: must be 1, 2 or 3 when enable is true',
  ],
  USE_DATE: [false, PRODUCT_MAP.use_date!, '{"use_date_type":3}', 'use_date_type: must be an integer from 1 to 2'],
  USE_TIME: [
    false,
    PRODUCT_MAP.use_time!,
    '{"use_time_type":2,"time_period_list":[{"use_start_time":"10:00:00"}]}',
    'time_period_list[0].use_end_time: is required',
  ],
  POI: [true, PRODUCT_MAP.poi_list!, '[{"poi_name":"x"}]', '[0].poi_id: is required (or supplier_ext_id)'],
  COMMODITY: [
    true,
    SKU_MAP.commodity!,
    '[{"group_name":"g","option_count":1,"item_list":[{"name":"可乐","price":19.98,"count":1}]}]',
    '[0].item_list[0].price: must be an integer',
  ],
  LIMIT_RULE: [false, SKU_MAP.limit_rule!, '{"is_limit":"yes"}', 'is_limit: must be true or false'],
  STOCK_INFO: [false, SKU_MAP.stock_info!, '{"limit_type":1}', 'stock_qty: is required when limit_type is 1'],
  COMMON_ENUM: [false, '{"key":1,"value":"男"}', '{"key":1,"value":""}', 'value: must be a non-empty string'],
  APPLICABLE_MODELS: [false, '{"key":6,"value":"皮卡"}', '{"value":"皮卡"}', 'key: is required'],
  LIMIT_USE_RULE: [
    false,
    '{"is_limit_use":true,"use_num_per_consume":2}',
    '{"use_num_per_consume":2}',
    'is_limit_use: is required',
  ],
  HIGHLIGHT: [
    false,
    '{"Content":"招牌","Priority":1}',
    '{"Content":"招牌","Priority":"1"}',
    'Priority: must be a number',
  ],
  FACILITY: [true, '[{"value":"1","name":"空调"}]', '[{"value":1}]', '[0].value: must be a string'],
  ADD_BED_RULE: [false, '{"can_add_bed":false}', '{}', 'can_add_bed: is required'],
  DATE_RULE: [
    false,
    '{"unavailable_date":{"weekday_list":[6,7],"not_available_on_holidays":true}}',
    '{"unavailable_date":{"weekday_list":[0]}}',
    'unavailable_date.weekday_list[0]: must be an integer from 1 to 7',
  ],
  BREAKFAST: [
    false,
    '{"can_add_breakfast":true,"add_breakfast_rule":"自助早"}',
    '{"can_add_breakfast":1}',
    'can_add_breakfast: must be true or false',
  ],
  PREORDER_RULE: [
    false,
    '{"time_type":2,"soonest_order_sec_offset":3600}',
    '{"time_type":3}',
    'time_type: must be an integer from 1 to 2',
  ],
  CUSTOM_POLICY: [
    false,
    '{"policy_rule_type":2,"note":{"note_type":1,"content":"不可退"}}',
    '{"policy_rule_type":2,"note":{"note_type":"1"}}',
    'note.note_type: must be a number',
  ],
  CHARGE_POLICY: [
    true,
    '[{"item":"加早","qty":1,"unit":"份","amount":3000}]',
    '[{"item":"加早","qty":1,"unit":"份"}]',
    '[0].amount: is required',
  ],
  SERVICE_ITEM_IMAGE: [true, '[{"uri":"tos-cn/abc","name":"可乐"}]', '[{"url":"x"}]', '[0].uri: is required'],
  LIMIT_BUY_RULE: [
    false,
    '{"enable_limit":true,"rule_list":[{"subject_type":1,"range_type":3,"limit_num":10,"unit":"份"}]}',
    '{"enable_limit":true,"rule_list":[{"subject_type":6,"range_type":3,"limit_num":10,"unit":"份"}]}',
    'rule_list[0].subject_type: must be an integer from 1 to 5',
  ],
  APPLICATION_SCOPE: [
    false,
    '{"application_scope_type":3,"special_consumption_desc":"酒水"}',
    '{"application_scope_type":4}',
    'application_scope_type: must be an integer from 1 to 3',
  ],
  SALE_SPECS: [
    false,
    '{"sale_specs":[{"spec_name":"份量","spec_value":"大份"}]}',
    '{"sale_specs":[{"spec_name":"份量"}]}',
    'sale_specs[0].spec_value: is required',
  ],
  ORDER_SETTLE_RULE: [false, '{"order_settle_type":2}', '{}', 'order_settle_type: is required'],
  ATTACH_ITEM_DETAIL: [
    false,
    '{"attach_item_list":[{"item_name":"饮料","item_count":1,"item_total_price":500}]}',
    '{"attach_item_list":[{"item_count":"1"}]}',
    'attach_item_list[0].item_count: must be a number',
  ],
  FREEBIE_INFO: [
    false,
    '{"has_freebie":true,"freebie_name":"小菜"}',
    '{"freebie_name":"小菜"}',
    'has_freebie: is required',
  ],
  REAL_NAME_BUY_TICKET_RULE: [
    false,
    '{"is_real_name":true,"real_name_method":2}',
    '{"is_real_name":true,"real_name_method":4}',
    'real_name_method: must be an integer from 1 to 3',
  ],
  TICKETS_RULE: [
    false,
    '{"voucher_method":[5],"ticket_collection_info":{"ticket_collection_time":{"time":2,"time_type":2}}}',
    '{"voucher_method":[2]}',
    'voucher_method[0]: must be one of 1, 4, 5',
  ],
  COMMON_TIME: [
    false,
    '{"time":120,"time_type":1}',
    '{"time":2,"time_type":5}',
    'time_type: must be an integer from 1 to 4',
  ],
  COMMON_QUANTITY: [false, '{"num":1, "unit":"FEN"}', '{"unit":"FEN"}', 'num: is required'],
  BREAK_RULES_DEPOSIT: [
    false,
    '{"num":"1","unit":"元"}',
    '{"num":true,"unit":"元"}',
    'num: must be a string or a number',
  ],
  MEMBER_EXCLUSIVE_PRODUCT: [
    false,
    '{"product_type":1}',
    '{"product_type":0}',
    'product_type: must be an integer from 1 to 3',
  ],
  APPLICABLE_BRANDS: [
    false,
    '{"applicable_brand_type":{"key":2,"value":"部分品牌适用"},"applicable_brand_list":["品牌A"]}',
    '{"applicable_brand_type":2}',
    'applicable_brand_type: must be an object',
  ],
  APPLICABLE_CATEGORY: [
    false,
    '{"applicable_category_type":{"key":1,"value":"全部品类适用"}}',
    '{"applicable_category_type":{"key":1}}',
    'applicable_category_type.value: is required',
  ],
  FULFILLMENT_METHOD: [false, '{"fulfillment_type":3}', '{}', 'fulfillment_type: is required'],
}

describe('parseAttrValue: structs', () => {
  it('has a case for every struct schema', () => {
    expect(Object.keys(STRUCT_CASES).sort()).toEqual(Object.keys(structSchemas()).sort())
  })

  for (const [valueType, [multi, good, bad, problem]] of Object.entries(STRUCT_CASES)) {
    it(`${valueType} accepts a good value and names the broken field`, () => {
      expect(parseAttrValue(attr(valueType, multi), good)).toMatchObject({ ok: true })
      expect(problemOf(attr(valueType, multi), bad)).toBe(problem)
    })
  }

  it('returns the parsed struct and keeps unknown fields', () => {
    expect(valueOf(attr('LIMIT_RULE'), '{"is_limit":true,"total_buy_num":9,"extra":1}')).toEqual({
      is_limit: true,
      total_buy_num: 9,
      extra: 1,
    })
  })

  it('refuses bad JSON, a list where one struct is wanted, and a struct where a list is wanted', () => {
    expect(problemOf(attr('USE_TIME'), '{use_time_type:1}')).toBe('must be JSON (a JSON-encoded object)')
    expect(problemOf(attr('USE_TIME'), '[{"use_time_type":1}]')).toBe('must be an object')
    expect(problemOf(attr('IMAGE', true), '{"url":"x"}')).toBe(
      'must be a JSON array (is_multi attributes are JSON-encoded lists)',
    )
    expect(problemOf(attr('IMAGE', true), '[{"url":"x"},"y"]')).toBe('[1]: must be an object')
  })

  it('checks enums, map keys and conditional fields', () => {
    expect(problemOf(attr('APPOINTMENT'), '{"need_appointment":true,"ahead_time_type":4}')).toBe(
      'ahead_time_type: must be an integer from 1 to 3',
    )
    expect(problemOf(attr('APPOINTMENT'), '{"need_appointment":false}')).toBeUndefined()
    expect(problemOf(attr('CAN_NO_USE_DATE'), '{"enable":true,"holiday_dates":{"x":"2022.01.01"}}')).toBe(
      'holiday_dates.x: is not an allowed key',
    )
    expect(problemOf(attr('CAN_NO_USE_DATE'), '{"enable":true,"holidays":[17]}')).toBeUndefined()
    expect(problemOf(attr('STOCK_INFO'), '{"limit_type":2}')).toBeUndefined()
  })
})

interface Template {
  product_type: number
  name: string
  notes?: string[]
  product_attrs: TemplateAttr[]
  sku_attrs: TemplateAttr[]
}

const { templates } = JSON.parse(
  readFileSync(new URL('../../../fixtures/templates.json', import.meta.url), 'utf8'),
) as { templates: Template[] }
const template = (productType: number): Template => {
  const t = templates.find((x) => x.product_type === productType)
  if (!t) throw new Error(`no template for product_type ${productType}`)
  return t
}

/** Every problem of one attr_key_value_map against a template's attrs, prefixed with the key. */
function mapProblems(attrs: TemplateAttr[], map: Record<string, unknown>): string[] {
  const byKey = new Map(attrs.map((a) => [a.key, a]))
  const problems = Object.keys(map)
    .filter((k) => !byKey.has(k))
    .map((k) => `${k}: not in the template`)
  for (const a of attrs) {
    if (!(a.key in map)) {
      if (a.is_required) problems.push(`${a.key}: is required`)
      continue
    }
    const r = parseAttrValue(a, map[a.key])
    if (!r.ok) problems.push(`${a.key}: ${r.problem}`)
  }
  return problems
}

describe('fixtures/templates.json', () => {
  it('has well-formed templates for product_type 1, 11 and 15', () => {
    expect(templates.map((t) => t.product_type)).toEqual([1, 11, 15])
    const fields = ['key', 'name', 'desc', 'is_required', 'is_multi', 'value_type', 'value_demo']
    for (const t of templates) {
      const all = [...t.product_attrs, ...t.sku_attrs]
      expect(new Set(all.map((a) => a.key)).size).toBe(all.length)
      for (const a of all) {
        expect(Object.keys(a)).toEqual(fields)
        expect(['INT64', 'DOUBLE', 'BOOL', 'STRING'].includes(a.value_type) || a.value_type in structSchemas()).toBe(
          true,
        )
      }
      expect(t.notes?.length).toBeGreaterThan(0)
    }
  })

  it('accepts the seed-003 product/save example under the 团购 template', () => {
    const t = template(1)
    expect(mapProblems(t.product_attrs, PRODUCT_MAP)).toEqual([])
    expect(mapProblems(t.sku_attrs, SKU_MAP)).toEqual([])
  })

  it('still reports unknown keys, missing required keys and bad values', () => {
    const t = template(1)
    const { use_date: _dropped, ...withoutUseDate } = PRODUCT_MAP
    expect(mapProblems(t.product_attrs, { ...withoutUseDate, colour: 'red', rec_person_num: '2.5' })).toEqual([
      'colour: not in the template',
      'rec_person_num: must be an integer as a string, like "12"',
      'use_date: is required',
    ])
  })

  it('derives 代金券 without commodity and 次卡 with a required times_count', () => {
    expect(template(11).sku_attrs.some((a) => a.key === 'commodity')).toBe(false)
    expect(template(15).sku_attrs.find((a) => a.key === 'times_count')).toMatchObject({
      value_type: 'INT64',
      is_required: true,
    })
    expect(mapProblems(template(15).sku_attrs, { ...SKU_MAP, commodity: undefined, times_count: '10' }).join()).toBe(
      'commodity: not in the template',
    )
  })
})
