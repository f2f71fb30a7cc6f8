/**
 * A coupon's amounts as the answers give them: the stored parts plus the newer fields of the official SDK's
 * models — no 品牌券 (brand_ticket_amount 0), the origin 划线价 equal to list_market_amount, amounts in CNY.
 */
import type { Amount } from './fulfilment.store.js'

export function amountView(a: Amount) {
  return { ...a, brand_ticket_amount: 0, origin_list_market_amount: a.list_market_amount, original_currency: 'CNY' }
}
