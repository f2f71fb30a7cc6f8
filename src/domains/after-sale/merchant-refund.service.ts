/**
 * The merchant's side of refunds (订单退款 of 到店餐饮团购解决方案): 商家取消订单 (apply_refund) refunds the order's
 * coupons at once (used ones too); 拒绝接单 (merchant_reject) refuses an order nothing of which was used and refunds it
 * whole; 商家同意/拒绝退款 (audit/notify) answers a refund waiting for the merchant, by its after_sale_id.
 */
import type { Tenant } from '../../tenants/tenant.js'
import { CERT_STATUS, fulfilmentData } from '../fulfilment/fulfilment.store.js'
import { tradeData } from '../trade/trade.store.js'
import {
  afterSaleNotFound,
  needRejectReason,
  nothingToRefund,
  notWaitingForMerchant,
  orderAlreadyTouched,
  orderNotFound,
} from './after-sale.errors.js'
import { AFTER_SALE_STATUS, afterSaleData, afterSalesOf, type AfterSaleRecord } from './after-sale.store.js'
import type { RefundService } from './refund.service.js'

export interface Reason {
  reason_code?: number[] | undefined
  desc?: string | undefined
}

/** refund_reason may come as one object (the document's example) or a list of them (its field table). */
function oneReason(r: Reason | Reason[] | undefined): Reason {
  const list = r === undefined ? [] : Array.isArray(r) ? r : [r]
  return {
    reason_code: list.flatMap((x) => x.reason_code ?? []),
    desc: list
      .map((x) => x.desc ?? '')
      .filter(Boolean)
      .join('; '),
  }
}

function remember(t: Tenant, rec: AfterSaleRecord, extra: Partial<AfterSaleRecord>): AfterSaleRecord {
  const stored = { ...afterSaleData(t).afterSales.get(rec.after_sale_id)!, ...extra }
  afterSaleData(t).afterSales.put(rec.after_sale_id, stored)
  return stored
}

export class MerchantRefunds {
  constructor(private readonly refunds: RefundService) {}

  /** 商家取消订单: the order refunded now, used coupons too; the same out_after_sale_id answers the same after-sale. */
  applyRefund(
    t: Tenant,
    b: { order_id: string; out_after_sale_id?: string | undefined; refund_reason?: Reason | Reason[] | undefined },
  ): AfterSaleRecord {
    const order = tradeData(t).orders.get(b.order_id)
    if (!order) throw orderNotFound(b.order_id)
    if (b.out_after_sale_id) {
      const same = afterSalesOf(t, b.order_id).find((r) => r.out_after_sale_id === b.out_after_sale_id)
      if (same) return same
    }
    const reason = oneReason(b.refund_reason)
    // the whole order: every coupon not refunded or being refunded, used ones included (their bills are reversed)
    const open = order.certificate_ids.filter((id) => {
      const status = fulfilmentData(t).certificates.get(id)?.status
      return status === CERT_STATUS.UNUSED || status === CERT_STATUS.USED
    })
    if (open.length === 0) throw nothingToRefund(b.order_id)
    const rec = this.refunds.request(t, {
      order_id: b.order_id,
      certificate_ids: open,
      by: 'merchant',
      reason: reason.desc || '商家取消订单',
    })
    return remember(t, rec, {
      ...(b.out_after_sale_id ? { out_after_sale_id: b.out_after_sale_id } : {}),
      reason_codes: reason.reason_code ?? [],
    })
  }

  /** 拒绝接单: an order with every coupon unused is refunded whole and closed. */
  reject(t: Tenant, b: { order_id: string; reject_reason: Reason }): AfterSaleRecord {
    const order = tradeData(t).orders.get(b.order_id)
    if (!order) throw orderNotFound(b.order_id)
    if (!b.reject_reason.reason_code?.length && !b.reject_reason.desc?.trim()) throw needRejectReason('reject_reason')
    if (order.merchant_confirm_time)
      throw orderAlreadyTouched(b.order_id, `the merchant accepted it (确认订单) at ${order.merchant_confirm_time}`)
    const certs = order.certificate_ids.map((id) => fulfilmentData(t).certificates.get(id)!)
    const touched = certs.find((c) => c.status !== CERT_STATUS.UNUSED || c.time_card?.times_used)
    if (touched)
      throw certs.every((c) => c.status === CERT_STATUS.REFUNDED)
        ? nothingToRefund(b.order_id)
        : orderAlreadyTouched(
            b.order_id,
            `certificate ${touched.certificate_id} is used or refunding (status ${touched.status})`,
          )
    const rec = this.refunds.request(t, {
      order_id: b.order_id,
      by: 'merchant',
      reason: b.reject_reason.desc?.trim() || '商家拒单',
    })
    return remember(t, rec, { reason_codes: b.reject_reason.reason_code ?? [] })
  }

  /** 商家同意/拒绝退款: the merchant's answer on a waiting refund, by after_sale_id. */
  auditNotify(
    t: Tenant,
    b: { after_sale_id: string; is_approved: boolean; reject_reason?: Reason | undefined },
  ): AfterSaleRecord {
    const rec = afterSaleData(t).afterSales.get(b.after_sale_id)
    if (!rec) throw afterSaleNotFound(b.after_sale_id)
    if (rec.status !== AFTER_SALE_STATUS.AUDITING) throw notWaitingForMerchant(rec.after_sale_id, rec.status)
    const reason = oneReason(b.reject_reason)
    if (!b.is_approved && !reason.reason_code?.length && !reason.desc) throw needRejectReason('reject_reason')
    return this.refunds.decide(t, rec.after_sale_id, b.is_approved, reason.desc || `拒绝原因 ${reason.reason_code}`)!
  }
}
