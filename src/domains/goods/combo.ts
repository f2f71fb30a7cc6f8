/**
 * Combo coupon packs (组合券包, seed 000; design.md "Combo pack on the wire"): the combination_rule attribute,
 * its checks, and the sub-items each pack turns into.
 */
import { z } from 'zod'
import type { Tenant } from '../../tenants/tenant.js'
import { settingsOf } from '../../tenants/settings.js'
import { describeZodError } from '../../core/zod-errors.js'
import { wireInt, wireIntOf } from '../../http/wire-int.js'
import { comboRule, noMerchPermission, packNeedsSku, packPriceCheck } from './goods.errors.js'
import { PACK_PRODUCT_TYPES, type CatalogService } from './goods.service.js'
import type { SubItem } from './goods.store.js'

/** product_form_type: 1 ordinary product, 2 combo pack */
export const FORM_ORDINARY = 1
export const FORM_PACK = 2

/** item_type: 1 团购券, 11 代金券, 101 折扣券, 102 满减券, 201 实物周边 */
export const ITEM_TYPES = { GROUPON: 1, VOUCHER: 11, DISCOUNT: 101, THRESHOLD: 102, MERCH: 201 } as const
/** refund_mode: 1 支持部分退, 2 不支持部分退 */
export const REFUND_MODES = { PARTIAL: 1, NO_PARTIAL: 2 } as const

/** One item of combination_rule. */
export const packItemSchema = z
  .object({
    item_type: wireIntOf(1, 11, 101, 102, 201),
    name: z.string().min(1).max(60),
    actual_amount: wireInt({ min: 0 }),
    origin_amount: wireInt({ min: 0 }),
    out_sub_id: z.string().min(1).max(64).optional(),
    discount: wireInt({ min: 1, max: 99 }).optional(),
    threshold_amount: wireInt({ min: 1 }).optional(),
    reduction_amount: wireInt({ min: 1 }).optional(),
  })
  .strict()

export const combinationRuleSchema = z
  .object({ refund_mode: wireIntOf(1, 2), items: z.array(packItemSchema).min(2).max(50) })
  .strict()

export type CombinationRule = z.infer<typeof combinationRuleSchema>
type Item = CombinationRule['items'][number]

function checkItem(item: Item, i: number, canSellMerch: boolean): void {
  const at = `items[${i}]`
  if (item.origin_amount < item.actual_amount)
    throw comboRule(`${at}.origin_amount (${item.origin_amount}) is below its actual_amount (${item.actual_amount})`)
  const has = {
    discount: item.discount !== undefined,
    threshold: item.threshold_amount !== undefined || item.reduction_amount !== undefined,
  }
  if (item.item_type === ITEM_TYPES.DISCOUNT && !has.discount)
    throw comboRule(`${at}: a 折扣券 (item_type 101) needs discount (1–99, 50 = 5折)`)
  if (item.item_type !== ITEM_TYPES.DISCOUNT && has.discount)
    throw comboRule(`${at}.discount belongs to 折扣券 (item_type 101) only`)
  if (item.item_type === ITEM_TYPES.THRESHOLD) {
    if (item.threshold_amount === undefined || item.reduction_amount === undefined)
      throw comboRule(`${at}: a 满减券 (item_type 102) needs threshold_amount and reduction_amount`)
    if (item.reduction_amount >= item.threshold_amount)
      throw comboRule(`${at}.reduction_amount must be below threshold_amount`)
  } else if (has.threshold)
    throw comboRule(`${at}: threshold_amount/reduction_amount belong to 满减券 (item_type 102) only`)
  if (item.item_type === ITEM_TYPES.MERCH && !canSellMerch) throw noMerchPermission(i)
}

/**
 * Parses and checks a pack's combination_rule: food category, pack product type, item rules, merch
 * permission, and the price check (sub-item actual_amounts add up to the pack's sku.actual_amount, which
 * is undefined when the save has no sku: a pack is a single-SKU product).
 */
export function checkCombination(
  t: Tenant,
  catalog: CatalogService,
  raw: string | undefined,
  p: { product_type: number; category_id: number; actual_amount: number | undefined },
): CombinationRule {
  if (!catalog.isFood(p.category_id))
    throw comboRule(
      `combo packs are published in food (美食) categories only; ${catalog.fullName(p.category_id)} is not one`,
    )
  if (!(PACK_PRODUCT_TYPES as readonly number[]).includes(p.product_type)) {
    throw comboRule(`a combo pack is a 团购 (1), 代金券 (11) or 次卡 (15), not product_type ${p.product_type}`)
  }
  if (raw === undefined)
    throw comboRule('product.attr_key_value_map.combination_rule is required when product_form_type is 2')
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw comboRule('must be a JSON string')
  }
  const r = combinationRuleSchema.safeParse(json)
  if (!r.success) throw comboRule(describeZodError(r.error, 'combination_rule'))
  const canSellMerch = settingsOf(t).merch_permission
  r.data.items.forEach((item, i) => checkItem(item, i, canSellMerch))
  const sum = r.data.items.reduce((s, i) => s + i.actual_amount, 0)
  if (p.actual_amount === undefined) throw packNeedsSku(sum)
  if (sum !== p.actual_amount) {
    throw packPriceCheck(
      `the sub-items' actual_amount add up to ${sum} fen but sku.actual_amount is ${p.actual_amount} fen`,
    )
  }
  return r.data
}

/** Sub-items of a pack; item i keeps the ids it had in `previous` (same position), new ones get new ids. */
export function buildSubItems(t: Tenant, rule: CombinationRule, previous: readonly SubItem[]): SubItem[] {
  return rule.items.map((item, i) => {
    const prev = previous[i]
    const sub: SubItem = {
      product_id: prev?.product_id ?? t.random.id(),
      sku_id: prev?.sku_id ?? t.random.id(),
      item_type: item.item_type,
      name: item.name,
      actual_amount: item.actual_amount,
      origin_amount: item.origin_amount,
    }
    if (item.out_sub_id !== undefined) sub.out_sub_id = item.out_sub_id
    if (item.discount !== undefined) sub.discount = item.discount
    if (item.threshold_amount !== undefined) sub.threshold_amount = item.threshold_amount
    if (item.reduction_amount !== undefined) sub.reduction_amount = item.reduction_amount
    return sub
  })
}
