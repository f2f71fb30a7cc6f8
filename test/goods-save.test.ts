import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { GOODS_NOW_MS, productBody, save, seedSaveRequest } from './helpers/goods.js'
import { errorText } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const token = await made.api.token()
  return { ...made, token, h: { 'access-token': token } }
}

describe('goods/template/get', () => {
  it("answers seed 004's template for 团购 in 北京菜, plus the combo-pack attribute", async () => {
    const { api, h } = await setup()
    const r = await api.get('/goodlife/v1/goods/template/get/?product_type=1&category_id=1001001', h)
    const keys = r.body.data.product_attrs.map((a: { key: string }) => a.key)
    expect(keys.slice(0, 4)).toEqual(['appointment', 'auto_renew', 'bring_out_meal', 'can_no_use_date'])
    expect(r.body.data.product_attrs.find((a: { key: string }) => a.key === 'image_list')).toEqual({
      desc: '',
      is_multi: true,
      is_required: true,
      key: 'image_list',
      name: '封面图',
      value_demo: '',
      value_type: 'IMAGE',
    })
    expect(keys).toContain('combination_rule')
    expect(r.body.data.sku_attrs.map((a: { key: string }) => a.key)).toContain('code_source_type')
    const akte = await api.get('/goodlife/v1/akte/goods/template/get/?product_type=1&category_id=1001001', h)
    expect(akte.body.data.product_attrs).toEqual(r.body.data.product_attrs)
  })

  it('has templates for 代金券 (11) and 次卡 (15) in food categories', async () => {
    const { api, h } = await setup()
    for (const type of [11, 15]) {
      const r = await api.get(`/goodlife/v1/goods/template/get/?product_type=${type}&category_id=1099001`, h)
      expect(r.body.data.error_code).toBe(0)
      expect(r.body.data.product_attrs.length).toBeGreaterThan(5)
    }
  })

  it('refuses other combinations with a clear error', async () => {
    const { api, h } = await setup()
    const cases: Array<[string, string]> = [
      ['product_type=4&category_id=1001001', 'food categories have templates for product_type 1, 11, 15'],
      ['product_type=1&category_id=1001000', 'is not a level-3 category'],
      ['product_type=1&category_id=3001001', 'food (美食) categories only'],
      ['product_type=1&category_id=42', 'category_id 42 is not a category'],
      ['category_id=1001001', 'product_type is required'],
    ]
    for (const [q, text] of cases) {
      const r = await api.get(`/goodlife/v1/goods/template/get/?${q}`, h)
      expect(r.body.data.error_code, q).toBe(2100005)
      expect(errorText(r.body), q).toContain(text)
    }
  })
})

describe('goods/product/save', () => {
  it("accepts seed 003's request example verbatim", async () => {
    const { api, h } = await setup()
    const r = await api.post('/goodlife/v1/goods/product/save/', seedSaveRequest(), h)
    expect(r.body.data.error_code).toBe(0)
    expect(r.body.data.product_id).toMatch(/^7\d{18}$/)
    const draft = await api.get(
      `/goodlife/v1/goods/product/draft/get/?account_id=${ACC}&out_ids=migrate_openapi_0711_03`,
      h,
    )
    const d = draft.body.data.product_drafts[0]
    expect(d.draft_status).toBe(10)
    expect(d.product).toMatchObject({
      product_id: r.body.data.product_id,
      product_name: 'migrate_openapi_0711_03',
      category_full_name: '美食·地方菜·北京菜',
      biz_line: 1,
    })
    expect(d.sku).toMatchObject({
      actual_amount: 996,
      origin_amount: 1399,
      stock: { limit_type: 1, stock_qty: 500, avail_qty: 500, frozen_qty: 0, sold_qty: 0, sold_count: 0 },
    })
    expect(d.product.attr_key_value_map.use_date).toBe(seedSaveRequest().product.attr_key_value_map.use_date)
  })

  it('works through the akte alias the official SDK uses', async () => {
    const { api, h } = await setup()
    const r = await api.post('/goodlife/v1/akte/goods/product/save/', productBody('akte-1'), h)
    expect(r.body.data.error_code).toBe(0)
  })

  it('names a missing required attribute', async () => {
    const { api, token } = await setup()
    const b = productBody('missing')
    delete b.product.attr_key_value_map.image_list
    const r = await save(api, token, b)
    expect(r.data.error_code).toBe(2100005)
    expect(errorText(r)).toContain('product.attr_key_value_map.image_list (封面图) is required')
  })

  it('names the keys the template cannot recognise, unless the tenant relaxes it', async () => {
    const { api, token, h } = await setup()
    const b = productBody('unknown')
    b.product.attr_key_value_map.shiny_new_key = '1'
    b.sku.attr_key_value_map.also_unknown = 'x'
    const r = await save(api, token, b)
    expect(errorText(r)).toContain('product.attr_key_value_map has keys the template cannot recognise: shiny_new_key')
    expect(errorText(r)).toContain('sku.attr_key_value_map has keys the template cannot recognise: also_unknown')
    await api.request('PUT', '/sandbox/settings', { body: { strict_attrs: false } })
    const relaxed = await save(api, token, b)
    expect(relaxed.data.error_code).toBe(0)
    const d = (await api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${relaxed.data.product_id}`, h)).body
      .data.product_drafts[0]
    expect(d.product.attr_key_value_map.shiny_new_key).toBeUndefined()
  })

  it('parses each value by its value_type and names the attribute and the problem', async () => {
    const { api, token } = await setup()
    const cases: Array<[string, unknown, string]> = [
      ['rec_person_num', 'many', 'product.attr_key_value_map.rec_person_num (INT64)'],
      ['free_pack', 'yes', 'product.attr_key_value_map.free_pack (BOOL)'],
      ['free_pack', true, 'must be a string'],
      ['use_date', '{"use_date_type":1', 'product.attr_key_value_map.use_date (USE_DATE)'],
      ['image_list', '{"url":"x"}', 'product.attr_key_value_map.image_list (IMAGE list)'],
    ]
    for (const [key, value, text] of cases) {
      const b = productBody(`bad-${key}`)
      b.product.attr_key_value_map[key] = value
      const r = await save(api, token, b)
      expect(r.data.error_code, key).toBe(2100005)
      expect(errorText(r), key).toContain(text)
    }
  })

  it('updates the same product for the same out_id and keeps product_type and biz_line', async () => {
    const { api, token, h } = await setup()
    const first = await save(api, token, productBody('same', '第一版'))
    const second = await save(api, token, productBody('same', '第二版'))
    expect(second.data.product_id).toBe(first.data.product_id)
    const d = (await api.get(`/goodlife/v1/goods/product/draft/get/?out_ids=same`, h)).body.data.product_drafts
    expect(d).toHaveLength(1)
    expect(d[0].product.product_name).toBe('第二版')
    const typeChange = productBody('same')
    typeChange.product.product_type = 11
    expect(errorText(await save(api, token, typeChange))).toContain(
      'product.product_type cannot change on update (was 1, got 11)',
    )
    const lineChange = productBody('same')
    lineChange.product.biz_line = 3
    expect(errorText(await save(api, token, lineChange))).toContain(
      'product.biz_line cannot change on update (was 1, got 3)',
    )
  })

  it('refuses a POI the account has no relation to with 2137000328', async () => {
    const { api, token } = await setup()
    const b = productBody('foreign-poi')
    b.product.pois = [{ poi_id: '6601137575719602180' }]
    const r = await save(api, token, b)
    expect(r.data.error_code).toBe(2137000328)
    expect(r.data.description).toBe(`当前商品归属账户-${ACC},和门店-6601137575719602180无认领或使用关系`)
    expect(r.extra.sub_description).toBe("pois[].poi_id must be one of the account's POIs")
    expect(r.extra.error_code).toBe(2137000328)
  })

  it('refuses a sale window that is over or upside down, and a price above the origin price', async () => {
    const { api, token } = await setup()
    const past = productBody('past')
    past.product.sold_end_time = GOODS_NOW_MS / 1000 - 1
    expect(errorText(await save(api, token, past))).toContain('sold_end_time (1654012799) is already past')
    const flipped = productBody('flipped')
    flipped.product.sold_start_time = flipped.product.sold_end_time + 10
    expect(errorText(await save(api, token, flipped))).toContain('must be before sold_end_time')
    const pricey = productBody('pricey')
    pricey.sku.actual_amount = 2000
    expect(errorText(await save(api, token, pricey))).toContain(
      'sku.origin_amount (1399) is below sku.actual_amount (2000)',
    )
  })

  it("refuses an account_id in the body that is not the tenant's", async () => {
    const { api, token } = await setup()
    const b = productBody('other-account')
    b.account_id = '7000000000000000001'
    expect((await save(api, token, b)).data.error_code).toBe(2119005)
  })

  it('refuses wrong body types naming the field', async () => {
    const { api, token } = await setup()
    const b = productBody('types')
    b.sku.actual_amount = '9.96'
    const r = await save(api, token, b)
    expect(errorText(r)).toContain('sku.actual_amount: expected an integer (number or digit string), got "9.96"')
  })
})
