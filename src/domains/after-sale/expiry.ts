/**
 * Coupon expiry on the virtual clock (seed 000 券包过期业务场景, and the note on auto-verification):
 * all of an order unused → the system refunds everything; partly used with partial refunds → the unused part
 * is refunded; partly used without (or a non-refundable product) → the unused part is closed: auto-verified,
 * the money goes to the merchant, and life_trade_certificate_notify says verify with verify_source expire_auto.
 * auto_renew products get their unused coupons extended once instead (the sandbox's choice).
 */
import type { Job } from '../../core/scheduler.js'
import type { Tenant } from '../../tenants/tenant.js'
import type { WebhooksService } from '../../webhooks/webhooks.service.js'
import {
  CERT_STATUS,
  fulfilmentData,
  VERIFY_TYPE,
  type CertificateRecord,
  type VerifyRecord,
} from '../fulfilment/fulfilment.store.js'
import { useCoupon } from '../fulfilment/coupon-use.js'
import { REFUND_MODES } from '../goods/combo.js'
import { goodsData } from '../goods/goods.store.js'
import { tradeData, type OrderRecord } from '../trade/trade.store.js'
import { REFUND_POLICY, refundPolicyOf } from './refund.rules.js'
import type { RefundService } from './refund.service.js'

export const EXPIRE_JOB = 'coupon.expire'
/** How far auto_renew extends unused coupons, once. */
export const AUTO_RENEW_DAYS = 30

export class Expiry {
  constructor(
    private readonly refunds: RefundService,
    private readonly webhooks: WebhooksService,
    private readonly onVerified: (t: Tenant, r: VerifyRecord) => void,
  ) {}

  /**
   * Schedules the expiry check of an order's coupons (they share one validity window). Orders with the same
   * window share one job, which handles every coupon due by then: 100k orders do not mean 100k jobs.
   */
  schedule = (t: Tenant, _order: OrderRecord, certs: CertificateRecord[]): void => {
    const at = Math.max(...certs.map((c) => c.expire_time)) + 1
    t.scheduler.scheduleOnce(EXPIRE_JOB, at * 1000, {})
  }

  /** Job: coupons expired. Each order with unused coupons past their window, oldest order first. */
  run = (t: Tenant, job: Job): unknown => {
    const d = fulfilmentData(t)
    const now = t.clock.now()
    const due = d.certificates
      .values()
      .filter((c) => c.status === CERT_STATUS.UNUSED && c.expire_time < now)
      .sort((a, b) => a.seq - b.seq)
    const orderIds = [...new Set(due.map((c) => c.order_id))]
    const total = { orders: 0, refunded: 0, closed: 0, renewed: 0 }
    const orders = orderIds
      .map((id) => this.expireOrder(t, id, now, job.payload.renewed === true))
      .filter((r) => r !== undefined)
    for (const r of orders) {
      total.orders++
      total.refunded += r.refunded ?? 0
      total.closed += r.closed ?? 0
      total.renewed += r.renewed ?? 0
    }
    return orders.length === 1 ? { ...total, ...orders[0] } : { ...total, order_ids: orders.map((r) => r.order_id) }
  }

  private expireOrder(t: Tenant, orderId: string, now: number, renewedByJob: boolean) {
    const order = tradeData(t).orders.get(orderId)
    if (!order) return undefined
    const d = fulfilmentData(t)
    const certs = order.certificate_ids.map((id) => d.certificates.get(id)!).filter(Boolean)
    const due = certs.filter((c) => c.status === CERT_STATUS.UNUSED && c.expire_time < now)
    if (due.length === 0) return undefined
    const product = goodsData(t).products.get(order.product_id)
    if (
      product?.online?.product.attr_key_value_map.auto_renew === 'true' &&
      !renewedByJob &&
      !due.some((c) => c.renewed)
    ) {
      const until = due[0]!.expire_time + AUTO_RENEW_DAYS * 86400
      for (const c of due) d.certificates.put(c.certificate_id, { ...c, expire_time: until, renewed: true })
      t.scheduler.scheduleOnce(EXPIRE_JOB, (until + 1) * 1000, {})
      return { order_id: order.order_id, renewed: due.length, expire_time: until }
    }
    const anyUsed = certs.some((c) => c.status === CERT_STATUS.USED)
    const noPartial = product?.online?.refund_mode === REFUND_MODES.NO_PARTIAL
    const notRefundable =
      (product?.online?.refund_mode ?? null) === null && refundPolicyOf(product) === REFUND_POLICY.NONE
    if ((anyUsed && noPartial) || notRefundable) {
      for (const c of due) this.close(t, c, now)
      return { order_id: order.order_id, closed: due.length }
    }
    const refund = this.refunds.systemRefund(t, order.order_id, due)
    return { order_id: order.order_id, refunded: due.length, after_sale_id: refund.after_sale_id }
  }

  /** Auto-verifies an expired coupon (every remaining use of a 次卡): the money goes to the merchant. */
  private close(t: Tenant, c: CertificateRecord, now: number): void {
    const deps = { webhooks: this.webhooks, onVerified: this.onVerified }
    const use = {
      poi_id: c.poi_ids[0] ?? '',
      verify_type: VERIFY_TYPE.SYSTEM,
      verify_time: now,
      verify_source: 'expire_auto',
    } as const
    let left: CertificateRecord | undefined = c
    while (left?.status === CERT_STATUS.UNUSED) {
      useCoupon(t, deps, left, use)
      left = fulfilmentData(t).certificates.get(c.certificate_id)
    }
  }
}
