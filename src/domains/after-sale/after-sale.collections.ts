/** The after-sale domain's collections in a tenant's namespace (src/sandbox.ts merges every domain's into the tenant's map). */
import type { AfterSaleRecord } from './after-sale.store.js'

export interface AfterSaleCollections {
  /** after_sale_id → AfterSaleRecord */
  after_sales: AfterSaleRecord
}
