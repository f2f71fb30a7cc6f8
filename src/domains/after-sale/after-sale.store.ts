/**
 * Stored after-sale orders (t:<key>/after_sales). Status enums are the sandbox's (douyin-api.md §12.5: NOT FOUND).
 */
import type { IndexSpec } from '../../store/seq-index.js'
import type { Tenant } from '../../tenants/tenant.js'

/** after-sale status: 1 待商家审核, 2 退款成功, 3 商家拒绝 */
export const AFTER_SALE_STATUS = { AUDITING: 1, REFUNDED: 2, REJECTED: 3 } as const
/** refund_type: 1 整单退, 2 部分退 (chosen or unused certificates), 3 指定金额退 (仅退款, customer service) */
export const REFUND_TYPE = { WHOLE: 1, PARTIAL: 2, AMOUNT: 3 } as const
/** refund_info_list[].refund_status: 1 退款中, 2 退款成功, 3 退款关闭 */
export const REFUND_STATUS = { REFUNDING: 1, REFUNDED: 2, CLOSED: 3 } as const

/** who asked: the user, customer service, the system (expiry), or the merchant (apply_refund, merchant_reject) */
export type RefundBy = 'user' | 'customer_service' | 'system' | 'merchant'

export interface RefundItem {
  certificate_id: string
  order_item_id: string
  code: string
  refund_amount: number
  is_verified: boolean
  refund_status: number
  /** certificate status before the request, restored on a rejection */
  previous_status: number
  /** 次卡: the uses (serial numbers) this refund gives back, fixed when it was asked */
  times_card_serials?: number[]
}

/** after_sales: after_sale_id → AfterSaleRecord */
export interface AfterSaleRecord {
  after_sale_id: string
  seq: number
  order_id: string
  by: RefundBy
  refund_type: number
  status: number
  refund_amount: number
  items: RefundItem[]
  reason: string
  need_audit: boolean
  audit_job_id: string | null
  audit_result: string
  reject_reason: string
  audit_time: number
  create_time: number
  update_time: number
  complete_time: number
  /** the merchant's own id of a refund it started (apply_refund out_after_sale_id) */
  out_after_sale_id?: string
  /** reason codes the merchant gave (apply_refund, merchant_reject) */
  reason_codes?: number[]
}

export function afterSaleData(t: Tenant) {
  return { afterSales: t.repo.collection('after_sales') }
}

/** after_sales by seq: all (''), a status's (`status:`) and an order's (`order:`), windowed on create_time */
export const AFTER_SALE_INDEX: IndexSpec<AfterSaleRecord> = {
  name: 'by_status_order',
  buckets: (r) => ['', `status:${r.status}`, `order:${r.order_id}`],
  seq: (r) => r.seq,
  time: (r) => r.create_time,
}

/** The after-sales of an order, oldest first. */
export function afterSalesOf(t: Tenant, orderId: string): AfterSaleRecord[] {
  const { afterSales } = afterSaleData(t)
  return afterSales
    .index(AFTER_SALE_INDEX)
    .list(`order:${orderId}`)
    .ids.map((id) => afterSales.get(id)!)
}
