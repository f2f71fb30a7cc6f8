/**
 * Stored orders (t:<key>/orders). Status values as douyin-api.md §10.1.
 */
import type { IndexSpec } from '../../store/seq-index.js'
import type { Tenant } from '../../tenants/tenant.js'

/** order_status: 201 待使用 while a coupon is usable, 1 交易成功 once none is, 101 关闭 when all were refunded */
export const ORDER_STATUS = { AVAILABLE: 201, FINISHED: 1, CLOSED: 101 } as const
/** order_type: 21 团购, 51 次卡 */
export const ORDER_TYPE = { GROUPON: 21, TIMES_CARD: 51 } as const

export interface Discount {
  discount_type: number
  discount_amount: number
  merchant_discount_amount: number
  platform_discount_amount: number
}

/** orders: order_id → OrderRecord */
export interface OrderRecord {
  order_id: string
  seq: number
  order_type: number
  order_status: number
  product_id: string
  product_name: string
  sku_id: string
  sku_name: string
  /** units bought */
  count: number
  open_id: string
  /** fen: count × the sku's actual_amount */
  original_amount: number
  pay_amount: number
  discount_amount: number
  discounts: Discount[]
  merchant_discount_amount: number
  platform_discount_amount: number
  poi_id: string
  certificate_ids: string[]
  create_order_time: number
  update_order_time: number
  pay_time: number
  /** when the merchant accepted the order (确认订单, booking.service.ts); absent until then */
  merchant_confirm_time?: number
  /** the product snapshot (order_snapshots) it was bought from; absent on orders stored before it was kept */
  snapshot_id?: string
}

/**
 * The product and sku an order was bought from, as they were at purchase, so later edits do not reach the order.
 * Orders bought from the same version of a product share one (order-snapshot.ts).
 */
export interface OrderSnapshot {
  product_type: number
  /** the product's attr_key_value_map at purchase */
  product_attr: Record<string, string>
  /** the sku's attr_key_value_map at purchase */
  sku_attr: Record<string, string>
}

/** orders by seq: all (''), a buyer's (`open:`), a status's (`status:`) and both (`open:…|status:…`), on create time */
export const ORDER_INDEX: IndexSpec<OrderRecord> = {
  name: 'by_buyer_status',
  buckets: (o) => ['', `open:${o.open_id}`, `status:${o.order_status}`, `open:${o.open_id}|status:${o.order_status}`],
  seq: (o) => o.seq,
  time: (o) => o.create_order_time,
}

export function tradeData(t: Tenant) {
  return {
    orders: t.repo.collection('orders'),
    /** `${product_id}|${open_id}` → units bought, for limit_rule (kept only for products with a limit) */
    bought: t.repo.collection('units_bought'),
    /** snapshot_id → a product as orders were bought from it */
    snapshots: t.repo.collection('order_snapshots'),
    /** product_id → the snapshot_id of its latest snapshot */
    latestSnapshot: t.repo.collection('product_snapshot_ids'),
  }
}
