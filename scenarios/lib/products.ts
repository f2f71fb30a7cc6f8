/** Product bodies for scenarios, built from seed 003's request example (test/fixtures), as a merchant would send them. */
import { readFileSync } from 'node:fs'
import type { Json, ScenarioContext } from './scenario.js'

/** 2022-06-01 00:00 Beijing: inside seed 003's example sale window; every scenario tenant starts frozen here. */
export const SCENARIO_START = '2022-06-01T00:00:00+08:00'

export interface Item { item_type: number; name: string; actual_amount: number; origin_amount: number; out_sub_id?: string; discount?: number; threshold_amount?: number; reduction_amount?: number }

/** An ordinary product for this tenant; `attrs` override product attributes, `skuAttrs` sku attributes. */
export function product(ctx: ScenarioContext, outId: string, name: string, attrs: Record<string, string> = {}, skuAttrs: Record<string, string> = {}): Json {
  const b = JSON.parse(readFileSync(new URL('../../test/fixtures/seed-003-product-save.json', import.meta.url), 'utf8'))
  const poi = ctx.tenant.poi_ids[0]
  b.account_id = ctx.tenant.account_id
  b.product.out_id = outId
  b.product.product_name = name
  b.product.pois = [{ poi_id: poi }]
  Object.assign(b.product.attr_key_value_map, { poi_list: JSON.stringify([{ poi_id: poi }]), auto_renew: 'false', refund_need_merchant_confirm: 'false', RefundPolicy: '1' }, attrs)
  Object.assign(b.sku.attr_key_value_map, skuAttrs)
  return b
}

/** A combo pack (product_form_type 2) of `items`, priced at their sum. */
export function pack(ctx: ScenarioContext, outId: string, name: string, items: Item[], refundMode: 1 | 2, attrs: Record<string, string> = {}): Json {
  const b = product(ctx, outId, name, attrs)
  const sum = items.reduce((s, i) => s + i.actual_amount, 0)
  b.product.product_form_type = 2
  b.product.attr_key_value_map.combination_rule = JSON.stringify({ refund_mode: refundMode, items })
  b.sku.actual_amount = sum
  b.sku.origin_amount = Math.max(sum, items.reduce((s, i) => s + i.origin_amount, 0))
  return b
}

/** Saves a product and waits (on the clock) for its automatic audit; returns the save answer. */
export async function publish(ctx: ScenarioContext, body: Json): Promise<Json> {
  const saved = ctx.ok(await ctx.api('POST', '/goodlife/v1/goods/product/save/', body), 'product/save')
  await ctx.advance(60)
  const online = await ctx.api('GET', `/goodlife/v1/goods/product/online/get/?account_id=${ctx.tenant.account_id}&product_ids=${saved.product_id}`)
  ctx.expect(online.product_onlines?.[0]?.online_status === 1, 'the product to be online after its audit', online)
  return saved
}

/** prepare + verify of the first `n` usable coupons of the order holding `code`. */
export async function verifyAtTill(ctx: ScenarioContext, code: string, n: number): Promise<Json[]> {
  const prep = ctx.ok(await ctx.api('GET', `/goodlife/v1/fulfilment/certificate/prepare/?code=${code}&poi_id=${ctx.tenant.poi_ids[0]}`), 'certificate/prepare')
  const codes = (prep.certificates as Json[]).slice(0, n).map((c) => c.encrypted_code)
  const v = ctx.ok(await ctx.api('POST', '/goodlife/v1/fulfilment/certificate/verify/', { verify_token: prep.verify_token, poi_id: ctx.tenant.poi_ids[0], encrypted_codes: codes }), 'certificate/verify')
  ctx.expect((v.verify_results as Json[]).every((r) => r.result === 0), `all ${n} coupons verified`, v.verify_results)
  return v.verify_results
}

/** Certificate statuses of an order, in order. */
export async function statuses(ctx: ScenarioContext, orderId: string): Promise<number[]> {
  const q = await ctx.api('GET', `/goodlife/v1/fulfilment/certificate/query/?order_id=${orderId}`)
  return (q.certificates as Json[]).map((c) => c.status)
}
