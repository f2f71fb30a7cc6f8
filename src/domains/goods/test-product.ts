/**
 * Test products (创建/更新商品, product_ext.test_extra): with `test_flag` true the product is visible only to the
 * listed `uids` (at least one, at most 10), a mini-app product (biz_line 5) needs the `trade_url` attribute, and
 * its stock may not exceed 50. `test_flag: false` removes the mark.
 */
import { invalidParams } from '../../core/errors.js'

export const TEST_PRODUCT_MAX_UIDS = 10
export const TEST_PRODUCT_MAX_STOCK = 50
const BIZ_LINE_MINI_APP = 5

interface TestExtra {
  test_flag?: unknown
  uids?: unknown
}

/** True when the product's product_ext marks it as a test product. */
export function isTestProduct(productExt: { test_extra?: unknown } | undefined): boolean {
  const extra = productExt?.test_extra as TestExtra | undefined
  return extra?.test_flag === true
}

/** Throws 2100005 naming the field when a test product breaks a test_extra rule. */
export function checkTestExtra(
  p: {
    biz_line: number
    attr_key_value_map: Record<string, unknown>
    product_ext?: { test_extra?: unknown } | undefined
  },
  stockQty: number | undefined,
): void {
  if (!isTestProduct(p.product_ext)) return
  const uids = (p.product_ext!.test_extra as TestExtra).uids
  const list = Array.isArray(uids) ? uids : []
  if (list.length === 0)
    throw invalidParams('product.product_ext.test_extra.uids: a test product (test_flag true) needs at least one uid')
  if (list.length > TEST_PRODUCT_MAX_UIDS)
    throw invalidParams(
      `product.product_ext.test_extra.uids: at most ${TEST_PRODUCT_MAX_UIDS} uids, got ${list.length}`,
    )
  if (p.biz_line === BIZ_LINE_MINI_APP && !p.attr_key_value_map.trade_url)
    throw invalidParams('product.attr_key_value_map.trade_url is required for a mini-app (biz_line 5) test product')
  checkTestStock(true, stockQty, 'sku.stock.stock_qty')
}

/** Throws 2100005 when a test product's stock goes above 50. */
export function checkTestStock(testProduct: boolean, stockQty: number | undefined, field: string): void {
  if (testProduct && stockQty !== undefined && stockQty > TEST_PRODUCT_MAX_STOCK)
    throw invalidParams(
      `${field}: a test product (test_flag true) holds at most ${TEST_PRODUCT_MAX_STOCK} in stock, got ${stockQty}`,
    )
}
