/** Errors of the goods domain, with the platform's codes where the docs give one (douyin-api.md §0.3, §2). */
import { invalidParams, platformError, SandboxError } from '../../core/errors.js'

export const unknownCategory = (id: number) =>
  invalidParams(`category_id ${id} is not a category (GET /goodlife/v1/goods/category/get/ lists them)`)
export const noTemplate = (productType: number, categoryId: number, why: string) =>
  invalidParams(`no template for product_type ${productType} in category_id ${categoryId}: ${why}`)
export const badAttrs = (problems: string[]) => invalidParams(problems.join('; '))
export const poiNotOwned = (accountId: string, poiId: string) =>
  new SandboxError(2137000328, `当前商品归属账户-${accountId},和门店-${poiId}无认领或使用关系`, {
    detail: "pois[].poi_id must be one of the account's POIs",
  })
export const immutableField = (field: string, was: number, got: number) =>
  invalidParams(`product.${field} cannot change on update (was ${was}, got ${got})`)
export const productNotFound = (ref: string) =>
  platformError('NOT_FOUND', `商品不存在: no product ${ref} in this account`)
export const needProductRef = () => invalidParams('product_id or out_id is required')
export const badSaleWindow = (detail: string) => invalidParams(detail)
export const badAmount = (detail: string) => invalidParams(detail)
export const comboRule = (detail: string) => invalidParams(`combination_rule: ${detail}`)
export const packPriceCheck = (detail: string) => invalidParams(`pack price check failed: ${detail}`)
export const noMerchPermission = (index: number) =>
  platformError(
    'NO_SCOPE',
    `combination_rule.items[${index}]: 实物周边 sub-items need the merch permission (tenant setting merch_permission)`,
  )
export const subProductOperated = (id: string, pack: string) =>
  platformError(
    'STATE_CONFLICT',
    `product ${id} is a sub-product of combo pack ${pack}; sub-products go online and offline with their pack`,
  )
export const notApproved = (id: string) =>
  platformError('STATE_CONFLICT', `product ${id} has not passed audit yet, so it cannot go online`)
export const saleEnded = (id: string, at: number) =>
  platformError(
    'STATE_CONFLICT',
    `product ${id} stopped selling at sold_end_time ${at}; extend it with free_audit first`,
  )
export const notOnline = (id: string) => platformError('STATE_CONFLICT', `product ${id} is not online`)
export const packPriceFrozen = () =>
  platformError(
    'STATE_CONFLICT',
    'free_audit may not change the actual price of a combo pack or of its sub-products; save the pack again (with audit)',
  )
export const badStock = (detail: string) => invalidParams(detail)
export const needIds = () =>
  invalidParams('product_ids or out_ids is required (comma-separated, at most 10; list whole pages with …/query/)')
export const tooManyIds = (field: string) => invalidParams(`${field} takes at most 10 comma-separated ids`)
export const singleSku = (id: string) =>
  invalidParams(`product ${id} was saved with a sku; sku/batch_save is for multi-SKU products saved without one`)
export const packNeedsSku = (sum: number) =>
  invalidParams(
    `sku is required for a combo pack: a pack is a single-SKU product (单sku商品必传); send sku with actual_amount ${sum} fen, the sum of the sub-items' actual_amount`,
  )
export const packSkuBatch = (id: string) =>
  invalidParams(
    `product ${id} is a combo pack (组合券包), a single-SKU product; sku/batch_save is for multi-SKU products (团购/代金券 do not use it): change the pack's sku with product/save and its stock with stock/sync`,
  )
