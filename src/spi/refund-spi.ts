/**
 * 三方码 refunds through the merchant (douyin-api.md §7.4–7.6): refund_apply asks per after-sale (idempotent
 * by biz_uniq_key, retried hourly on failure; 1 approve, 2 reject with the codes echoed, else pending until
 * POST fulfilment/refund/audit/); refund_notice tells the merchant about refunds it did not decide.
 */
import type { Job } from '../core/scheduler.js'
import type { Store } from '../store/store.js'
import type { Tenant } from '../tenants/tenant.js'
import { afterSaleData, type AfterSaleRecord } from '../domains/after-sale/after-sale.store.js'
import type { RefundService, RefundSpi } from '../domains/after-sale/refund.service.js'
import type { CertificateRecord } from '../domains/fulfilment/fulfilment.store.js'
import type { SpiClient } from './spi.client.js'
import type { RefundApplyRequest, RefundNoticeRequest } from './spi.requests.js'
import { noRefundApply, refundAuditNeedsReason } from './spi.errors.js'
import { spiData, spiTargets } from './spi.store.js'

export const REFUND_APPLY_JOB = 'spi.refund_apply'
export const REFUND_NOTICE_JOB = 'spi.refund_notice'
export const SPI_RETRY_SECONDS = 3600
export const MAX_NOTICE_ATTEMPTS = 12
const TIMEOUT_MS = 8000

/** The refund/audit callback in either documented shape (2023: biz_uniq_key/audit_result; 2024: after_sale_id/result/reason). */
export interface RefundAuditBody {
  order_id?: string | undefined
  biz_uniq_key?: string | undefined
  audit_result?: number | undefined
  refund_fee_amount?: number | undefined
  after_sale_id?: string | undefined
  result?: number | undefined
  reason?: string | undefined
}

export class RefundSpiService implements RefundSpi {
  constructor(
    private readonly store: Store,
    private readonly client: SpiClient,
    private readonly refunds: RefundService,
  ) {}

  private url(t: Tenant, name: 'refund_apply' | 'refund_notice'): string | undefined {
    return spiTargets(this.store).get(t.key)?.[name]
  }

  handles = (t: Tenant, certs: CertificateRecord[]): boolean =>
    this.url(t, 'refund_apply') !== undefined && certs.length > 0 && certs.every((c) => c.code_source_type === 2)

  apply = (t: Tenant, rec: AfterSaleRecord): void => {
    const body = JSON.stringify({
      order_id: rec.order_id,
      biz_uniq_key: rec.after_sale_id,
      after_sale_id: rec.after_sale_id,
      refund_amount: rec.refund_amount,
      refund_info_list: rec.items.map((i) => ({
        order_item_id: i.order_item_id,
        item_refund_amount: i.refund_amount,
        certificate: { certificate_id: i.certificate_id, code: i.code },
      })),
      refund_reason: rec.reason,
      handle_time: t.clock.nowMs(),
    } satisfies RefundApplyRequest)
    spiData(t).refunds.put(rec.after_sale_id, {
      after_sale_id: rec.after_sale_id,
      order_id: rec.order_id,
      state: 0,
      attempts: 0,
      body,
    })
    t.scheduler.schedule(REFUND_APPLY_JOB, t.clock.nowMs(), { after_sale_id: rec.after_sale_id })
  }

  /** Job: one refund_apply attempt. */
  applyJob = async (t: Tenant, job: Job): Promise<unknown> => {
    const { refunds } = spiData(t)
    const rec = refunds.get(String(job.payload.after_sale_id))
    const url = this.url(t, 'refund_apply')
    if (!rec || rec.state !== 0 || !url) return { skipped: true }
    const attempt = rec.attempts + 1
    refunds.put(rec.after_sale_id, { ...rec, attempts: attempt })
    const ans = await this.client.call(
      t,
      'refund_apply',
      url,
      rec.body,
      TIMEOUT_MS,
      { type: 'order', id: rec.order_id },
      attempt,
    )
    if (!ans.data || ans.data.error_code !== 0) {
      t.scheduler.schedule(REFUND_APPLY_JOB, t.clock.nowMs() + SPI_RETRY_SECONDS * 1000, {
        after_sale_id: rec.after_sale_id,
      })
      return {
        after_sale_id: rec.after_sale_id,
        attempt,
        error: ans.error ?? `error_code ${String(ans.data?.error_code)}`,
        retry_in: SPI_RETRY_SECONDS,
      }
    }
    const result = Number(ans.data.result ?? 0)
    const codes = (
      JSON.parse(rec.body) as { refund_info_list: Array<{ certificate: { code: string } }> }
    ).refund_info_list.map((i) => i.certificate.code)
    const echoed = new Set(((ans.data.codes as unknown[] | undefined) ?? []).map(String))
    if (result === 1 || (result === 2 && codes.every((c) => !c || echoed.has(c)))) {
      refunds.put(rec.after_sale_id, { ...rec, attempts: attempt, state: 2 })
      this.refunds.decide(
        t,
        rec.after_sale_id,
        result === 1,
        String(ans.data.reason ?? ans.data.description ?? '商家拒绝退款'),
      )
      return { after_sale_id: rec.after_sale_id, attempt, result: result === 1 ? 'approved' : 'rejected' }
    }
    refunds.put(rec.after_sale_id, { ...rec, attempts: attempt, state: 1 })
    return { after_sale_id: rec.after_sale_id, attempt, result: 'pending' }
  }

  /** POST fulfilment/refund/audit/: the merchant decides a pending refund. */
  audit(t: Tenant, b: RefundAuditBody): AfterSaleRecord {
    const id = b.after_sale_id ?? b.biz_uniq_key ?? ''
    const result = b.result ?? b.audit_result
    const approve = result === 1
    if (!approve && b.after_sale_id !== undefined && !b.reason?.trim()) throw refundAuditNeedsReason()
    const done = this.refunds.decide(t, id, approve, b.reason ?? '商家拒绝退款')
    if (!done) throw noRefundApply(id)
    const rec = spiData(t).refunds.get(id)
    if (rec) spiData(t).refunds.put(id, { ...rec, state: 2 })
    return done
  }

  notice = (t: Tenant, rec: AfterSaleRecord): void => {
    if (!this.url(t, 'refund_notice')) return
    t.scheduler.schedule(REFUND_NOTICE_JOB, t.clock.nowMs(), { after_sale_id: rec.after_sale_id, attempt: 1 })
  }

  /** Job: one refund_notice attempt (retried hourly on a system error, at most 12 times). */
  noticeJob = async (t: Tenant, job: Job): Promise<unknown> => {
    const url = this.url(t, 'refund_notice')
    const rec = afterSaleData(t).afterSales.get(String(job.payload.after_sale_id))
    if (!url || !rec) return { skipped: true }
    const attempt = Number(job.payload.attempt)
    const body = JSON.stringify({
      order_id: rec.order_id,
      after_sale_id: rec.after_sale_id,
      refund_type: rec.refund_type,
      notice_list: rec.items.map((i) => ({
        certificate_id: i.certificate_id,
        code: i.code,
        apply_time: rec.create_time,
        audit_time: rec.complete_time,
        audit_result: 1,
      })),
    } satisfies RefundNoticeRequest)
    const ans = await this.client.call(
      t,
      'refund_notice',
      url,
      body,
      TIMEOUT_MS,
      { type: 'order', id: rec.order_id },
      attempt,
    )
    if ((!ans.data || ans.data.error_code !== 0) && attempt < MAX_NOTICE_ATTEMPTS) {
      t.scheduler.schedule(REFUND_NOTICE_JOB, t.clock.nowMs() + SPI_RETRY_SECONDS * 1000, {
        after_sale_id: rec.after_sale_id,
        attempt: attempt + 1,
      })
    }
    return { after_sale_id: rec.after_sale_id, attempt, delivered: ans.data?.error_code === 0 }
  }
}
