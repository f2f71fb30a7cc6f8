/** The trade domain's collections in a tenant's namespace (src/sandbox.ts merges every domain's into the tenant's map). */
import type { BookRecord } from './booking.store.js'
import type { OrderRecord, OrderSnapshot } from './trade.store.js'

export interface TradeCollections {
  /** order_id → OrderRecord */
  orders: OrderRecord
  /** `${product_id}|${open_id}` → units bought, for limit_rule */
  units_bought: { units: number }
  /** snapshot_id → a product as orders were bought from it (shared by the orders of one product version) */
  order_snapshots: OrderSnapshot
  /** product_id → its latest snapshot_id */
  product_snapshot_ids: { snapshot_id: string }
  /** book_id → a consumer's booking (预约单) */
  bookings: BookRecord
}
