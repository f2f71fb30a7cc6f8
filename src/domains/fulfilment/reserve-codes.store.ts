/** Stored 预导码 (reserve codes, t:<key>/reserve_codes): codes a merchant imported for a sku, bound to coupons when sold. */
import type { Tenant } from '../../tenants/tenant.js'

/** reserve_codes: code → ReserveCodeRecord */
export interface ReserveCodeRecord {
  code: string
  seq: number
  sku_id: string
  product_id: string
  third_sku_id: string
  /** the code is not handed out after this (Unix seconds) */
  expired_time: number
  imported_at: number
  /** set when a purchase took the code */
  order_id: string | null
  certificate_id: string | null
}

export function reserveCodeData(t: Tenant) {
  return { codes: t.repo.collection('reserve_codes') }
}
