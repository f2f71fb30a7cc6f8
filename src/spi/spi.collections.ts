/** The SPI calls' collections: per tenant, and in the shared namespace (src/sandbox.ts merges them into the maps). */
import type { IssueRecord, RefundApplyRecord, SpiTargets } from './spi.store.js'

export interface SpiCollections {
  /** order_id → a 三方码 order's issuing state */
  spi_issues: IssueRecord
  /** after_sale_id → a refund asked of the merchant's refund_apply SPI */
  spi_refunds: RefundApplyRecord
}

export interface SpiSysCollections {
  /** client_key → the tenant's SPI URLs */
  spi_targets: SpiTargets
}
