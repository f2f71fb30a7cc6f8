/**
 * 三方码 on the platform side (douyin-api.md §7.2–7.3): asks the merchant's pre_create_order SPI before a
 * purchase, and has its issue_code SPI issue the codes after payment — synchronously, or "issuing" with a
 * 10-minute window for POST fulfilment/create/callback/, retried at 10, 30, 60, 120, 120, 240 s on failure.
 */
import type { Job } from '../core/scheduler.js'
import type { Tenant } from '../tenants/tenant.js'
import type { Store } from '../store/store.js'
import { fulfilmentData, type CertificateRecord } from '../domains/fulfilment/fulfilment.store.js'
import { assignCodes } from '../domains/fulfilment/issue.js'
import type { ProductRecord } from '../domains/goods/goods.store.js'
import { tradeData, type OrderRecord } from '../domains/trade/trade.store.js'
import type { RefundService } from '../domains/after-sale/refund.service.js'
import type { SpiClient } from './spi.client.js'
import type { PreCreateOrderRequest } from './spi.requests.js'
import { flatIssueBody, issueBody } from './issue-body.js'
import { settingsOf } from '../tenants/settings.js'
import { badCodes, badSpiUrl, notIssuing, preCreateRefused } from './spi.errors.js'
import {
  ISSUE_STATE,
  SPI_NAMES,
  spiData,
  spiTargets,
  type IssueRecord,
  type SpiName,
  type SpiTargets,
} from './spi.store.js'

export const PRE_CREATE_TIMEOUT_MS = 5000
export const ISSUE_TIMEOUT_MS = 8000
export const ISSUE_RETRY_SECONDS = [10, 30, 60, 120, 120, 240] as const
export const ISSUE_WINDOW_SECONDS = 600
export const ISSUE_JOB = 'spi.issue_code'
export const ISSUE_DEADLINE_JOB = 'spi.issue_deadline'

export class SpiService {
  constructor(
    private readonly store: Store,
    private readonly client: SpiClient,
    private readonly refunds: RefundService,
  ) {}

  targets(t: Tenant): SpiTargets {
    return spiTargets(this.store).get(t.key) ?? {}
  }

  /** PUT /sandbox/spi: replaces the tenant's SPI URLs (omitted ones are removed); each must be http(s). */
  setTargets(t: Tenant, urls: Partial<Record<SpiName, string>>): Partial<Record<SpiName, string>> {
    for (const name of SPI_NAMES) {
      const u = urls[name]
      if (u !== undefined && !/^https?:\/\/[^\s]+$/i.test(u)) throw badSpiUrl(name, u)
    }
    spiTargets(this.store).put(t.key, { ...urls })
    return urls
  }

  /** GET /sandbox/spi: the tenant's SPI URLs. */
  urls(t: Tenant): Record<string, string> {
    const { client_key: _k, ...urls } = this.targets(t)
    return urls as Record<string, string>
  }

  /** True when the merchant issues 三方码 codes through the SPI. */
  merchantIssues = (t: Tenant): boolean => this.targets(t).issue_code !== undefined

  /** pre_create_order for a 三方码 product: error_code 0 passes; a reason code refuses; no valid answer passes. */
  async preCreate(t: Tenant, p: ProductRecord, count: number, orderId: string): Promise<void> {
    const url = this.targets(t).pre_create_order
    const sku = p.online?.sku
    if (!url || !sku || Number(sku.attr_key_value_map.code_source_type ?? 1) !== 2) return
    const body = JSON.stringify({
      order_id: orderId,
      sku_id: sku.sku_id,
      third_product_id: p.out_id,
      third_sku_id: sku.out_sku_id ?? '',
      count,
      order_item_id: [],
      order_type: p.product_type === 15 ? 51 : 21,
      original_amount: sku.actual_amount * count,
      currency_code: 'CNY',
      create_order_time: t.clock.now(),
    } satisfies PreCreateOrderRequest)
    const ans = await this.client.call(
      t,
      'pre_create_order',
      url,
      body,
      PRE_CREATE_TIMEOUT_MS,
      { type: 'order', id: orderId },
      1,
    )
    const code = ans.data?.error_code
    if (typeof code === 'number' && code !== 0) throw preCreateRefused(code, String(ans.data?.description ?? ''))
  }

  /** After payment: starts issuing when the merchant issues the codes. */
  startIssuing = (t: Tenant, order: OrderRecord, certs: CertificateRecord[]): void => {
    if (!this.merchantIssues(t) || certs.some((c) => c.code_source_type !== 2 || c.code !== '')) return
    const now = t.clock.now()
    const body = JSON.stringify(
      settingsOf(t).issue_code_flat_body ? flatIssueBody(order, certs) : issueBody(t, order, certs),
    )
    spiData(t).issues.put(order.order_id, {
      order_id: order.order_id,
      state: ISSUE_STATE.ISSUING,
      attempts: 0,
      deadline: now + ISSUE_WINDOW_SECONDS,
      body,
      third_order_id: '',
      fail_reason: '',
    })
    t.scheduler.schedule(ISSUE_JOB, t.clock.nowMs(), { order_id: order.order_id })
    t.scheduler.schedule(ISSUE_DEADLINE_JOB, (now + ISSUE_WINDOW_SECONDS) * 1000, { order_id: order.order_id })
  }

  /** Job: one issue_code attempt. */
  issue = async (t: Tenant, job: Job): Promise<unknown> => {
    const { issues } = spiData(t)
    const rec = issues.get(String(job.payload.order_id))
    const url = this.targets(t).issue_code
    if (!rec || rec.state !== ISSUE_STATE.ISSUING || !url) return { skipped: true }
    const attempt = rec.attempts + 1
    issues.put(rec.order_id, { ...rec, attempts: attempt })
    const ans = await this.client.call(
      t,
      'issue_code',
      url,
      rec.body,
      ISSUE_TIMEOUT_MS,
      { type: 'order', id: rec.order_id },
      attempt,
    )
    const now = issues.get(rec.order_id)
    if (!now || now.state !== ISSUE_STATE.ISSUING)
      return { order_id: rec.order_id, attempt, ignored: 'already decided' }
    const result = ans.data?.error_code === 0 ? Number(ans.data.result ?? 0) : undefined
    if (result === 1) {
      const codes = (ans.data?.codes as unknown[] | undefined)?.map(String) ?? []
      if (this.finishIssued(t, now, codes, String(ans.data?.third_order_id ?? '')))
        return { order_id: rec.order_id, attempt, result: 'issued' }
    } else if (result === 2) {
      this.failIssuing(t, now, String(ans.data?.fail_reason ?? 'merchant failed to issue'), false)
      return { order_id: rec.order_id, attempt, result: 'failed' }
    } else if (result !== undefined) {
      return { order_id: rec.order_id, attempt, result: 'issuing' }
    }
    const delay = ISSUE_RETRY_SECONDS[attempt - 1]
    if (delay !== undefined) t.scheduler.schedule(ISSUE_JOB, t.clock.nowMs() + delay * 1000, { order_id: rec.order_id })
    return { order_id: rec.order_id, attempt, error: ans.error ?? 'codes missing or taken', retry_in: delay ?? null }
  }

  private finishIssued(t: Tenant, rec: IssueRecord, codes: string[], thirdOrderId: string): boolean {
    const certIds = (JSON.parse(rec.body) as { certificates: Array<{ certificate_id: string }> }).certificates.map(
      (c) => c.certificate_id,
    )
    if (!assignCodes(t, certIds, codes)) return false
    spiData(t).issues.put(rec.order_id, { ...rec, state: ISSUE_STATE.ISSUED, third_order_id: thirdOrderId })
    return true
  }

  /** Issuing failed: an explicit failure refunds without audit; a timeout refunds through the merchant's refund audit. */
  private failIssuing(t: Tenant, rec: IssueRecord, reason: string, viaAudit: boolean): void {
    spiData(t).issues.put(rec.order_id, { ...rec, state: ISSUE_STATE.FAILED, fail_reason: reason })
    const certIds = (JSON.parse(rec.body) as { certificates: Array<{ certificate_id: string }> }).certificates.map(
      (c) => c.certificate_id,
    )
    this.refunds.request(t, {
      order_id: rec.order_id,
      certificate_ids: certIds,
      by: 'system',
      merchant_audit: viaAudit,
      reason: `发码失败: ${reason}`,
    })
  }

  /** Job: the 10-minute window closed without codes. */
  deadline = (t: Tenant, job: Job): unknown => {
    const rec = spiData(t).issues.get(String(job.payload.order_id))
    if (!rec || rec.state !== ISSUE_STATE.ISSUING) return { skipped: true }
    this.failIssuing(t, rec, 'no codes within 10 minutes', true)
    return { order_id: rec.order_id, result: 'failed: timeout' }
  }

  /**
   * POST fulfilment/create/callback/: the merchant reports the outcome of an "issuing" order; answers the
   * order's certificates with their codes when it reported success.
   */
  callback(t: Tenant, b: Parameters<SpiService['applyCallback']>[1]): Array<{ certificate_id: string; code: string }> {
    this.applyCallback(t, b)
    if (b.result !== 1) return []
    const { certificates } = fulfilmentData(t)
    const ids = tradeData(t).orders.get(b.order_id)?.certificate_ids ?? []
    return ids.flatMap((id) => {
      const x = certificates.get(id)
      return x ? [{ certificate_id: x.certificate_id, code: x.code }] : []
    })
  }

  private applyCallback(
    t: Tenant,
    b: {
      order_id: string
      result: number
      codes?: string[] | undefined
      third_order_id?: string | undefined
      fail_reason?: string | undefined
    },
  ): void {
    const rec = spiData(t).issues.get(b.order_id)
    if (!rec) throw notIssuing(b.order_id, 'it is not a 三方码 order issued through the SPI')
    if (rec.state === ISSUE_STATE.ISSUED && b.result === 1) return
    if (rec.state !== ISSUE_STATE.ISSUING)
      throw notIssuing(
        b.order_id,
        rec.state === ISSUE_STATE.FAILED ? `issuing failed (${rec.fail_reason})` : 'codes were issued already',
      )
    if (t.clock.now() > rec.deadline) throw notIssuing(b.order_id, `the 10-minute window closed at ${rec.deadline}`)
    if (b.result === 2) return this.failIssuing(t, rec, b.fail_reason ?? 'merchant reported failure', false)
    if (!b.codes || b.codes.length === 0) throw badCodes('codes is required when result is 1')
    if (!this.finishIssued(t, rec, b.codes, b.third_order_id ?? ''))
      throw badCodes(
        `codes must be ${JSON.parse(rec.body).certificates.length} distinct codes not used by another coupon`,
      )
  }
}
