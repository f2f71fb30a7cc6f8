/**
 * Refunds (POST /sandbox/refunds, the merchant's audit, the audit timeout): the after-sale record, the
 * certificates' refund states, the order status, stock back, the ledger reversal and refund_success events.
 */
import type { Job } from '../../core/scheduler.js'
import type { Tenant } from '../../tenants/tenant.js'
import { settingsOf } from '../../tenants/settings.js'
import type { WebhooksService } from '../../webhooks/webhooks.service.js'
import { CERT_STATUS, fulfilmentData, ITEM_STATUS, type CertificateRecord } from '../fulfilment/fulfilment.store.js'
import type { LedgerService } from '../settle/ledger.service.js'
import { syncOrderStatus } from '../trade/order-status.js'
import { tradeData, type OrderRecord } from '../trade/trade.store.js'
import {
  amountOnlyForService,
  noPendingAudit,
  nothingToRefund,
  orderNotFound,
  refundRefused,
  rejectNeedsReason,
} from './after-sale.errors.js'
import {
  AFTER_SALE_STATUS,
  afterSaleData,
  afterSalesOf,
  REFUND_STATUS,
  REFUND_TYPE,
  type AfterSaleRecord,
  type RefundBy,
} from './after-sale.store.js'
import { goodsData } from '../goods/goods.store.js'
import { refundablePay, refundSerials } from '../fulfilment/time-card.js'
import { certificateNotify } from '../fulfilment/certificate-notify.js'
import { checkRefund } from './refund.rules.js'
import { restock, unitsRefunded } from './restock.js'

export const AUDIT_TIMEOUT_JOB = 'after_sale.audit_timeout'

/** The 三方码 refund SPIs, when the merchant configured them (src/spi/refund-spi.ts). */
export interface RefundSpi {
  /** true when these coupons' refunds are decided by the merchant's refund_apply SPI */
  handles(t: Tenant, certs: CertificateRecord[]): boolean
  /** asks the merchant (refund_apply) about a waiting after-sale */
  apply(t: Tenant, rec: AfterSaleRecord): void
  /** tells the merchant about a refund it did not decide (refund_notice) */
  notice(t: Tenant, rec: AfterSaleRecord): void
}

export interface RefundInput {
  /** force the merchant's audit whatever the rules say (issuing timed out) */
  merchant_audit?: boolean | undefined
  order_id: string
  certificate_ids?: string[] | undefined
  by: RefundBy
  amount?: number | undefined
  reason?: string | undefined
}

export class RefundService {
  private spi: RefundSpi | undefined

  constructor(
    private readonly webhooks: WebhooksService,
    private readonly ledger: LedgerService,
  ) {}

  /** Plugs in the 三方码 refund SPIs (they need this service too). */
  useSpi(spi: RefundSpi): void {
    this.spi = spi
  }

  private certsOf(t: Tenant, order: OrderRecord): CertificateRecord[] {
    return order.certificate_ids.map((id) => fulfilmentData(t).certificates.get(id)!).filter(Boolean)
  }

  /** A refund request; completes at once, or waits for the merchant's audit. */
  request(t: Tenant, input: RefundInput): AfterSaleRecord {
    const order = tradeData(t).orders.get(input.order_id)
    if (!order) throw orderNotFound(input.order_id)
    if (input.amount !== undefined && input.by !== 'customer_service') throw amountOnlyForService()
    const all = this.certsOf(t, order)
    const product = goodsData(t).products.get(order.product_id)
    let chosen: CertificateRecord[]
    if (input.certificate_ids && input.certificate_ids.length > 0) {
      chosen = input.certificate_ids.map((id) => {
        const c = all.find((x) => x.certificate_id === id)
        if (!c) throw refundRefused(`certificate ${id} is not part of order ${order.order_id}`)
        return c
      })
    } else {
      const unused = all.filter((c) => c.status === CERT_STATUS.UNUSED)
      chosen =
        input.by === 'customer_service' && unused.length === 0
          ? all.filter((c) => c.status === CERT_STATUS.USED)
          : unused
    }
    if (chosen.length === 0) throw nothingToRefund(order.order_id)
    const viaSpi = this.spi?.handles(t, chosen) ?? false
    const rules =
      input.merchant_audit === true ? { needAudit: true } : checkRefund(t, input.by, product, all, chosen, viaSpi)
    const needAudit = rules.needAudit || (viaSpi && input.by === 'user')
    const now = t.clock.now()
    const whole = chosen.length === all.length
    const total = input.amount ?? chosen.reduce((s, c) => s + refundablePay(t, c), 0)
    if (input.amount !== undefined && input.amount > order.pay_amount)
      throw refundRefused(`amount ${input.amount} exceeds the order's pay_amount ${order.pay_amount}`)
    const rec: AfterSaleRecord = {
      after_sale_id: t.random.id(),
      seq: t.nextSeq('after_sale'),
      order_id: order.order_id,
      by: input.by,
      refund_type: input.amount !== undefined ? REFUND_TYPE.AMOUNT : whole ? REFUND_TYPE.WHOLE : REFUND_TYPE.PARTIAL,
      status: AFTER_SALE_STATUS.AUDITING,
      refund_amount: total,
      reason: input.reason ?? '',
      need_audit: needAudit,
      audit_job_id: null,
      audit_result: '',
      reject_reason: '',
      audit_time: 0,
      create_time: now,
      update_time: now,
      complete_time: 0,
      items:
        input.amount !== undefined
          ? []
          : chosen.map((c) => {
              const serials = refundSerials(t, c)
              return {
                certificate_id: c.certificate_id,
                order_item_id: c.order_item_id,
                code: c.code,
                refund_amount: refundablePay(t, c),
                is_verified: c.status === CERT_STATUS.USED,
                refund_status: REFUND_STATUS.REFUNDING,
                previous_status: c.status,
                ...(serials ? { times_card_serials: serials } : {}),
              }
            }),
    }
    if (!needAudit) return this.complete(t, rec)
    for (const item of rec.items)
      this.setCert(t, item.certificate_id, CERT_STATUS.REFUND_APPLYING, ITEM_STATUS.REFUNDING)
    const settings = settingsOf(t)
    const timeout = viaSpi ? settings.tripartite_refund_audit_timeout_seconds : settings.refund_audit_timeout_seconds
    const job = t.scheduler.schedule(AUDIT_TIMEOUT_JOB, (now + timeout) * 1000, { after_sale_id: rec.after_sale_id })
    const waiting = { ...rec, audit_job_id: job.job_id }
    afterSaleData(t).afterSales.put(rec.after_sale_id, waiting)
    syncOrderStatus(t, order.order_id)
    if (viaSpi) {
      this.spi!.apply(t, waiting)
      return waiting
    }
    for (const item of rec.items) {
      this.webhooks.emit(t, {
        event: 'life_hermes_akte_after_sale_audit',
        content: {
          account_id: t.record.account_id,
          order_id: order.order_id,
          certificate_id: item.certificate_id,
          refund_amount: item.refund_amount,
          refund_time: now,
          apply_reason: {
            code: [1],
            reason_items: [{ code: 1, msg: rec.reason || '用户申请退款' }],
            additional_msg: rec.reason,
          },
        },
      })
    }
    return waiting
  }

  private setCert(
    t: Tenant,
    id: string,
    status: number,
    itemStatus: number,
    refund?: { amount: number; time: number },
  ): CertificateRecord {
    const d = fulfilmentData(t)
    const c = d.certificates.get(id)!
    const next = {
      ...c,
      status,
      item_status: itemStatus,
      item_update_time: t.clock.now(),
      ...(refund ? { refund_amount: refund.amount, refund_time: refund.time } : {}),
    }
    d.certificates.put(id, next)
    return next
  }

  /** Pays the refund: certificates refunded, stock back, ledger reversed, events sent. */
  private complete(t: Tenant, rec: AfterSaleRecord): AfterSaleRecord {
    const now = t.clock.now()
    const order = tradeData(t).orders.get(rec.order_id)!
    const before = unitsRefunded(t, order)
    for (const item of rec.items) {
      const c = this.setCert(t, item.certificate_id, CERT_STATUS.REFUNDED, ITEM_STATUS.REFUNDED, {
        amount: item.refund_amount,
        time: now,
      })
      if (item.is_verified) this.ledger.reverse(t, c, item.refund_amount)
      this.webhooks.emit(t, certificateNotify(t, c, 'refund_success'))
    }
    restock(t, order, unitsRefunded(t, order) - before)
    const done: AfterSaleRecord = {
      ...rec,
      status: AFTER_SALE_STATUS.REFUNDED,
      update_time: now,
      complete_time: now,
      audit_job_id: null,
      items: rec.items.map((i) => ({ ...i, refund_status: REFUND_STATUS.REFUNDED })),
    }
    afterSaleData(t).afterSales.put(rec.after_sale_id, done)
    syncOrderStatus(t, rec.order_id)
    const decidedByMerchant = rec.audit_result === 'approve' || rec.by === 'merchant'
    if (
      !decidedByMerchant &&
      this.spi?.handles(
        t,
        rec.items.map((i) => fulfilmentData(t).certificates.get(i.certificate_id)!),
      )
    )
      this.spi.notice(t, done)
    return done
  }

  /** The merchant's decision on a waiting after-sale, by id (refund audit SPI and callback). */
  decide(t: Tenant, afterSaleId: string, approve: boolean, reason: string): AfterSaleRecord | undefined {
    const rec = afterSaleData(t).afterSales.get(afterSaleId)
    if (!rec || rec.status !== AFTER_SALE_STATUS.AUDITING) return undefined
    if (rec.audit_job_id) t.scheduler.cancel(rec.audit_job_id)
    const audited = {
      ...rec,
      audit_result: approve ? 'approve' : 'reject',
      audit_time: t.clock.now(),
      reject_reason: approve ? '' : reason,
    }
    return approve ? this.complete(t, audited) : this.reject(t, audited)
  }

  /** The merchant's answer (akte/after_sale/order/audit/): approve pays the refund, reject needs a reason. */
  audit(
    t: Tenant,
    b: {
      order_id: string
      certificate_id?: string | undefined
      audit_status: boolean
      reject_reason?: string | undefined
    },
  ): AfterSaleRecord {
    const pending = afterSalesOf(t, b.order_id).filter((r) => r.status === AFTER_SALE_STATUS.AUDITING)
    const rec = pending.find((r) => !b.certificate_id || r.items.some((i) => i.certificate_id === b.certificate_id))
    if (!rec) throw noPendingAudit(b.order_id)
    if (!b.audit_status && !b.reject_reason?.trim()) throw rejectNeedsReason()
    return this.decide(t, rec.after_sale_id, b.audit_status, b.reject_reason ?? '')!
  }

  private reject(t: Tenant, rec: AfterSaleRecord): AfterSaleRecord {
    for (const item of rec.items) {
      const back = item.previous_status === CERT_STATUS.USED ? ITEM_STATUS.DONE : ITEM_STATUS.AVAILABLE
      this.setCert(t, item.certificate_id, item.previous_status, back)
    }
    const done = {
      ...rec,
      status: AFTER_SALE_STATUS.REJECTED,
      update_time: t.clock.now(),
      complete_time: t.clock.now(),
      audit_job_id: null,
      items: rec.items.map((i) => ({ ...i, refund_status: REFUND_STATUS.CLOSED })),
    }
    afterSaleData(t).afterSales.put(rec.after_sale_id, done)
    syncOrderStatus(t, rec.order_id)
    return done
  }

  /** Job: the merchant did not answer in time; the platform approves the refund. */
  auditTimeout = (t: Tenant, job: Job): unknown => {
    const rec = afterSaleData(t).afterSales.get(String(job.payload.after_sale_id))
    if (!rec || rec.status !== AFTER_SALE_STATUS.AUDITING) return { skipped: true }
    this.complete(t, { ...rec, audit_result: 'timeout_approve', audit_time: t.clock.now() })
    return { after_sale_id: rec.after_sale_id, result: 'approved on timeout' }
  }

  /** Refunds chosen certificates as the system, with no audit (expiry). */
  systemRefund(t: Tenant, orderId: string, certs: CertificateRecord[]): AfterSaleRecord {
    return this.request(t, {
      order_id: orderId,
      certificate_ids: certs.map((c) => c.certificate_id),
      by: 'system',
      reason: '券过期系统退款',
    })
  }
}
