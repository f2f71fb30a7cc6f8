/**
 * Integers the platform declares arrive as JSON numbers or digit strings (the official SDK types amounts and stock
 * as string), one rule for every body; anything else is refused naming the field. Stored values and answers are
 * numbers either way.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { coffeePack, GOODS_NOW_MS, packBody, productBody, publish, save } from './helpers/goods.js'
import { errorText } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const token = await made.api.token()
  return { ...made, token, h: { 'access-token': token } }
}

/** Every integer of a save body as the digit string the SDK's model sends. */
function asDigitStrings(b: any) {
  for (const k of ['product_type', 'category_id', 'biz_line', 'sold_start_time', 'sold_end_time'])
    b.product[k] = String(b.product[k])
  for (const k of ['actual_amount', 'origin_amount', 'status']) b.sku[k] = String(b.sku[k])
  b.sku.stock = { limit_type: String(b.sku.stock.limit_type), stock_qty: String(b.sku.stock.stock_qty) }
  return b
}

describe('integers as numbers or digit strings', () => {
  it('saves a product whose integers are all digit strings and answers them as numbers', async () => {
    const { api, token, h } = await setup()
    const r = await save(api, token, asDigitStrings(productBody('strings')))
    expect(r.data.error_code).toBe(0)
    const raw = await api.get(
      `/goodlife/v1/goods/product/draft/get/?account_id=${ACC}&product_ids=${r.data.product_id}`,
      h,
    )
    const draft = raw.body.data.product_drafts[0]
    expect(draft.product.product_type).toBe(1)
    expect(draft.product.category_id).toBe(1001001)
    expect(draft.product.sold_end_time).toBe(1745607528)
    expect(draft.sku.actual_amount).toBe(996)
    expect(draft.sku.origin_amount).toBe(1399)
    expect(draft.sku.stock).toMatchObject({ limit_type: 1, stock_qty: 500 })
    expect(raw.text).toContain('"actual_amount":996')
  })

  it("reads the integers inside a combo pack's combination_rule the same way", async () => {
    const { api, token } = await setup()
    const items = coffeePack().map((i) => ({ ...i, actual_amount: String(i.actual_amount) }))
    const b = packBody('pack-strings', coffeePack())
    b.product.attr_key_value_map.combination_rule = JSON.stringify({ refund_mode: '1', items })
    expect((await save(api, token, asDigitStrings(b))).data.error_code).toBe(0)
  })

  it('refuses anything else with one message naming the field', async () => {
    const { api, token, h } = await setup()
    const cases: Array<[string, (b: any) => void]> = [
      ['sku.stock.stock_qty', (b) => (b.sku.stock.stock_qty = 'abc')],
      ['sku.actual_amount', (b) => (b.sku.actual_amount = '12.5')],
      ['product.category_id', (b) => (b.product.category_id = ' 1001001')],
      ['sku.stock.limit_type', (b) => (b.sku.stock.limit_type = true)],
    ]
    for (const [field, change] of cases) {
      const b = productBody(`bad-${field}`)
      change(b)
      const r = await save(api, token, b)
      expect(r.data.error_code, field).toBe(2100005)
      expect(errorText(r), field).toMatch(
        new RegExp(`${field.replaceAll('.', '\\.')}: expected an integer \\(number or digit string\\), got `),
      )
    }
    const bad = await api.post(
      '/goodlife/v1/goods/product/operate/',
      { account_id: ACC, product_id: '7000000000000000001', op_type: 'abc' },
      h,
    )
    expect(errorText(bad.body)).toBe('参数不合法: op_type: expected an integer (number or digit string), got "abc"')
    const wrongCode = await api.post(
      '/goodlife/v1/goods/product/operate/',
      { account_id: ACC, product_id: '7000000000000000001', op_type: '3' },
      h,
    )
    expect(errorText(wrongCode.body)).toBe('参数不合法: op_type must be one of 1, 2')
    const callback = await api.post('/goodlife/v1/fulfilment/create/callback/', { order_id: '1', result: 'ok' }, h)
    expect(errorText(callback.body)).toContain('result: expected an integer (number or digit string), got "ok"')
  })

  it('takes op_type, stock_qty and actual_amount as digit strings on operate, stock/sync and free_audit', async () => {
    const { api, h } = await setup()
    const p = await publish(api, productBody('ops'))
    const ref = { account_id: ACC, product_id: p.product_id }
    const off = await api.post('/goodlife/v1/goods/product/operate/', { ...ref, op_type: '2' }, h)
    expect(off.body.data.error_code).toBe(0)
    const sync = await api.post(
      '/goodlife/v1/goods/stock/sync/',
      { ...ref, stock: { limit_type: '1', stock_qty: '400' } },
      h,
    )
    expect(sync.body.data.error_code).toBe(0)
    const free = await api.post(
      '/goodlife/v1/akte/goods/product/free_audit/',
      { ...ref, stock_qty: '380', actual_amount: '990' },
      h,
    )
    expect(free.body.data.error_code).toBe(0)
    const online = await api.get(
      `/goodlife/v1/goods/product/online/get/?account_id=${ACC}&product_ids=${p.product_id}`,
      h,
    )
    const view = online.body.data.product_onlines[0]
    expect(view.online_status).toBe(2)
    expect(view.sku.stock.stock_qty).toBe(380)
    expect(view.sku.actual_amount).toBe(990)
  })
})
