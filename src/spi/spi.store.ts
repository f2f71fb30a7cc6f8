/**
 * SPI state: the merchant's SPI URLs (sys/spi_targets, app configuration kept across a reset, like the webhook
 * URL) and the per-order issuing and per-after-sale refund-apply progress (tenant data).
 */
import type { Store } from '../store/store.js'
import type { Tenant } from '../tenants/tenant.js'
import { sysRepo } from '../tenants/collections.js'

export const SPI_NAMES = ['pre_create_order', 'issue_code', 'refund_apply', 'refund_notice'] as const
export type SpiName = (typeof SPI_NAMES)[number]

/** sys/spi_targets: client_key → the merchant's SPI URLs */
export type SpiTargets = Partial<Record<SpiName, string>> & { client_key?: string }

/** issuing state of a 三方码 order: 1 issuing (发码中), 2 issued, 3 failed */
export const ISSUE_STATE = { ISSUING: 1, ISSUED: 2, FAILED: 3 } as const

/** t:<key>/spi_issues: order_id → issuing progress */
export interface IssueRecord {
  order_id: string
  state: number
  /** SPI attempts made */
  attempts: number
  /** the merchant answered "issuing": it must call fulfilment/create/callback/ before this (s) */
  deadline: number
  /** the exact body every attempt sends (retries ask the same) */
  body: string
  third_order_id: string
  fail_reason: string
}

/** t:<key>/spi_refunds: after_sale_id → refund-apply progress */
export interface RefundApplyRecord {
  after_sale_id: string
  order_id: string
  /** 0 not answered yet, 1 pending (merchant will call refund/audit), 2 decided */
  state: number
  attempts: number
  body: string
}

export function spiTargets(store: Store) {
  return sysRepo(store).collection('spi_targets')
}

export function spiData(t: Tenant) {
  return {
    issues: t.repo.collection('spi_issues'),
    refunds: t.repo.collection('spi_refunds'),
  }
}
