/** Builders for goods tests: seed 003's verbatim request and combo packs shaped like seed 000's examples. */
import { readFileSync } from 'node:fs'
import type { Api } from './harness.js'
import { drinksPackItems, type PackItem } from '../../src/domains/goods/product.examples.js'

/** 2022-06-01 00:00 Beijing time: inside seed 003's example sale window (2022-03-08 … 2025-04-25). */
export const GOODS_NOW_MS = Date.UTC(2022, 4, 31, 16, 0, 0)

export type Body = any

/** Seed 003's product/save request example, verbatim. */
export function seedSaveRequest(): Body {
  return JSON.parse(readFileSync(new URL('../fixtures/seed-003-product-save.json', import.meta.url), 'utf8'))
}

/** A valid ordinary product (seed 003's example) with its own out_id and name. */
export function productBody(outId: string, name = `套餐-${outId}`): Body {
  const b = seedSaveRequest()
  b.product.out_id = outId
  b.product.product_name = name
  return b
}

export type { PackItem }

/** A combo pack (product_form_type 2) with these sub-items; the sku price is their sum unless given. */
export function packBody(
  outId: string,
  items: PackItem[],
  opts: { refund_mode?: number; actual_amount?: number; product_type?: number } = {},
): Body {
  const b = productBody(outId, `券包-${outId}`)
  const sum = items.reduce((s, i) => s + i.actual_amount, 0)
  b.product.product_form_type = 2
  if (opts.product_type !== undefined) b.product.product_type = opts.product_type
  b.product.attr_key_value_map.combination_rule = JSON.stringify({ refund_mode: opts.refund_mode ?? 1, items })
  b.sku.actual_amount = opts.actual_amount ?? sum
  b.sku.origin_amount = Math.max(
    items.reduce((s, i) => s + i.origin_amount, 0),
    b.sku.actual_amount,
  )
  return b
}

/** 咖啡券×7 + 联名杯子×1 (seed 000: 团购券+周边). */
export const coffeePack = (): PackItem[] => [
  ...Array.from({ length: 7 }, () => ({
    item_type: 1,
    name: '咖啡券',
    actual_amount: 1500,
    origin_amount: 2500,
    out_sub_id: 'POS-COFFEE',
  })),
  { item_type: 201, name: 'loopy联名杯子', actual_amount: 3900, origin_amount: 5900, out_sub_id: 'POS-CUP' },
]

/** 双杯券×2 + 饮品5折券×2 + 满60-10×3 (团购券+折扣券+满减券, as in the combo-pack document). */
export const drinksPack = (): PackItem[] => drinksPackItems()

/** product/save through the API; returns the body. */
export async function save(api: Api, token: string, body: Body) {
  return (await api.post('/goodlife/v1/goods/product/save/', body, { 'access-token': token })).body
}

/** Saves `body` (with a fresh token), passes its audit now and returns the product id (online). */
export async function publish(
  api: Api,
  body: Body,
): Promise<{ product_id: string; sub_products: Array<{ product_id: string; out_sub_id?: string }> }> {
  const r = await save(api, await api.token(), body)
  if (r.data.error_code !== 0) throw new Error(`save failed: ${r.data.description}: ${r.extra?.sub_description}`)
  const audit = await api.post(`/sandbox/products/${r.data.product_id}/audit`, { result: 'PASS' })
  if (audit.body.data.online_status !== 1) throw new Error(`not online: ${audit.text}`)
  return r.data
}

/** The simulated consumer buys; throws on an error. */
export async function buy(api: Api, body: Record<string, unknown>) {
  const r = await api.post('/sandbox/orders', body)
  if (r.body.data.error_code !== 0)
    throw new Error(`purchase failed: ${r.body.data.description}: ${r.body.extra?.sub_description}`)
  return r.body.data as { order: Body; certificates: Body[] }
}
