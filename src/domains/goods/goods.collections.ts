/** The goods domain's collections in a tenant's namespace (src/sandbox.ts merges every domain's into the tenant's map). */
import type { CalendarRecord } from './calendar.js'
import type { ProductRecord } from './goods.store.js'
import type { SpuRecord } from './spu.js'

export interface GoodsCollections {
  /** product_id → ProductRecord */
  products: ProductRecord
  /** spu_id → a standard product (保存SPU) */
  spus: SpuRecord
  /** product_id → the product's calendar (per-date stock and attributes) */
  calendars: CalendarRecord
  /** out_id → the product it names */
  product_out_ids: { product_id: string }
  /** a combo pack's sub-product id → its pack */
  sub_products: { combination_id: string }
}
