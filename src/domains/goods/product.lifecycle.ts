/**
 * What happens to a product after save: audit (automatic after a virtual delay, or decided through the
 * control plane), going online and offline, the end of the sale window, free_audit and stock sync.
 * Each transition emits its webhook (douyin-api.md §2.12).
 */
import type { Job } from '../../core/scheduler.js'
import type { Tenant } from '../../tenants/tenant.js'
import { checkTestStock, isTestProduct } from './test-product.js'
import { settingsOf } from '../../tenants/settings.js'
import type { WebhooksService } from '../../webhooks/webhooks.service.js'
import { FORM_PACK } from './combo.js'
import {
  badSaleWindow,
  badStock,
  notApproved,
  notOnline,
  packPriceFrozen,
  saleEnded,
  subProductOperated,
  badAmount,
} from './goods.errors.js'
import { goodsData, type ProductRecord } from './goods.store.js'

export const AUDIT_JOB = 'goods.audit'
export const SOLD_END_JOB = 'goods.sold_end'
/** draft_status values (douyin-api.md §10.4) */
export const DRAFT = { IN_AUDIT: 10, FAILED: 12, PASSED: 1, FREE_EDIT: 100 } as const
/** online_status values */
export const ONLINE = { NEVER: 0, ONLINE: 1, OFFLINE: 2, BANNED: 3 } as const

export class ProductLifecycle {
  constructor(private readonly webhooks: WebhooksService) {}

  private put(t: Tenant, rec: ProductRecord): ProductRecord {
    goodsData(t).products.put(rec.product_id, rec)
    return rec
  }

  /** Puts the draft in audit (draft_status 10) and schedules the automatic decision. */
  submitForAudit(t: Tenant, rec: ProductRecord): void {
    if (rec.audit_job_id) t.scheduler.cancel(rec.audit_job_id)
    const delay = settingsOf(t).audit_delay_seconds
    const job = t.scheduler.schedule(AUDIT_JOB, t.clock.nowMs() + delay * 1000, { product_id: rec.product_id })
    this.put(t, { ...rec, draft_status: DRAFT.IN_AUDIT, audit_msg: '', audit_job_id: job.job_id })
  }

  /** Job: the automatic audit; a forbidden word in the name fails it. */
  autoAudit = (t: Tenant, job: Job): unknown => {
    const rec = goodsData(t).products.get(String(job.payload.product_id))
    if (!rec || rec.draft_status !== DRAFT.IN_AUDIT) return { skipped: true }
    const word = settingsOf(t).audit_forbidden_words.find((w) => rec.draft.product.product_name.includes(w))
    const reason = word ? `商品名称包含违规词「${word}」` : ''
    this.decide(t, rec, word ? 'FAIL' : 'PASS', reason)
    return { product_id: rec.product_id, result: word ? 'FAIL' : 'PASS', reason }
  }

  /** Finishes the audit of the product's draft now. */
  decide(t: Tenant, rec: ProductRecord, result: 'PASS' | 'FAIL', reason: string): ProductRecord {
    if (rec.audit_job_id) t.scheduler.cancel(rec.audit_job_id)
    for (const event of ['life_product_audit', 'life_product_common_audit'] as const) {
      this.webhooks.emit(t, { event, content: { product_id: rec.product_id, status: result, reason } })
    }
    if (result === 'FAIL')
      return this.put(t, { ...rec, draft_status: DRAFT.FAILED, audit_msg: reason || '审核未通过', audit_job_id: null })
    const autoOnline = rec.draft.product.product_ext?.auto_online !== false
    const ended = rec.draft.product.sold_end_time <= t.clock.now()
    const goOnline = rec.online_status === ONLINE.ONLINE || (autoOnline && !ended)
    const next = this.scheduleSoldEnd(t, {
      ...rec,
      draft_status: DRAFT.PASSED,
      audit_msg: '',
      audit_job_id: null,
      online: rec.draft,
    })
    return this.setOnline(
      t,
      next,
      goOnline ? ONLINE.ONLINE : rec.online_status === ONLINE.NEVER ? ONLINE.OFFLINE : rec.online_status,
    )
  }

  private setOnline(t: Tenant, rec: ProductRecord, status: number): ProductRecord {
    const changed = status !== rec.online_status
    const next = this.put(t, { ...rec, online_status: status, update_time: t.clock.now() })
    if (changed && (status === ONLINE.ONLINE || rec.online_status === ONLINE.ONLINE)) {
      const s = status === ONLINE.ONLINE ? 'GOODS_ONLINE' : status === ONLINE.BANNED ? 'GOODS_BAN' : 'GOODS_OFFLINE'
      this.webhooks.emit(t, { event: 'life_product_status_change', content: { product_id: rec.product_id, status: s } })
    }
    return next
  }

  private scheduleSoldEnd(t: Tenant, rec: ProductRecord): ProductRecord {
    if (rec.sold_end_job_id) t.scheduler.cancel(rec.sold_end_job_id)
    const end = (rec.online ?? rec.draft).product.sold_end_time
    const job = t.scheduler.schedule(SOLD_END_JOB, end * 1000, { product_id: rec.product_id })
    return { ...rec, sold_end_job_id: job.job_id }
  }

  /** Job: the sale window closed; an online product goes offline. */
  soldEnd = (t: Tenant, job: Job): unknown => {
    const rec = goodsData(t).products.get(String(job.payload.product_id))
    if (!rec || rec.sold_end_job_id !== job.job_id) return { skipped: true }
    this.setOnline(
      t,
      { ...rec, sold_end_job_id: null },
      rec.online_status === ONLINE.ONLINE ? ONLINE.OFFLINE : rec.online_status,
    )
    return { product_id: rec.product_id, online_status: ONLINE.OFFLINE }
  }

  /** product/operate: 1 online, 2 offline. Sub-products are refused by the caller's lookup. */
  operate(t: Tenant, rec: ProductRecord, opType: 1 | 2): void {
    if (opType === 2) {
      if (rec.online_status !== ONLINE.ONLINE) throw notOnline(rec.product_id)
      this.setOnline(t, rec, ONLINE.OFFLINE)
      return
    }
    if (!rec.online) throw notApproved(rec.product_id)
    if (rec.online.product.sold_end_time <= t.clock.now())
      throw saleEnded(rec.product_id, rec.online.product.sold_end_time)
    this.setOnline(t, rec, ONLINE.ONLINE)
  }

  /** product/free_audit: sale end, stock and (ordinary products only) price, applied without audit. */
  freeAudit(
    t: Tenant,
    rec: ProductRecord,
    edit: { sold_end_time?: number | undefined; stock_qty?: number | undefined; actual_amount?: number | undefined },
  ): void {
    let next = { ...rec }
    const sku = rec.draft.sku
    if (edit.actual_amount !== undefined && edit.actual_amount !== sku?.actual_amount) {
      if (rec.draft.product.product_form_type === FORM_PACK) throw packPriceFrozen()
      if (!sku) throw badAmount('the product has no sku to reprice')
      if (edit.actual_amount > sku.origin_amount)
        throw badAmount(`actual_amount (${edit.actual_amount}) is above the sku's origin_amount (${sku.origin_amount})`)
      const reprice = <V extends { sku: typeof sku | null }>(v: V): V =>
        v.sku ? { ...v, sku: { ...v.sku, actual_amount: edit.actual_amount! } } : v
      next = { ...next, draft: reprice(next.draft), online: next.online ? reprice(next.online) : null }
    }
    if (edit.sold_end_time !== undefined) {
      const v = next.online ?? next.draft
      if (edit.sold_end_time <= t.clock.now())
        throw badSaleWindow(`sold_end_time (${edit.sold_end_time}) is already past`)
      if (edit.sold_end_time <= v.product.sold_start_time)
        throw badSaleWindow(`sold_end_time must be after sold_start_time (${v.product.sold_start_time})`)
      const extend = <V extends { product: typeof v.product }>(x: V): V => ({
        ...x,
        product: { ...x.product, sold_end_time: edit.sold_end_time! },
      })
      next = { ...next, draft: extend(next.draft), online: next.online ? extend(next.online) : null }
      if (next.online) next = this.scheduleSoldEnd(t, next)
    }
    if (edit.stock_qty !== undefined)
      next = { ...next, stock: this.restock(next, { limit_type: next.stock.limit_type, stock_qty: edit.stock_qty }) }
    if (next.draft_status !== DRAFT.IN_AUDIT) next.draft_status = DRAFT.FREE_EDIT
    this.put(t, { ...next, update_time: t.clock.now() })
  }

  /** stock/sync: sets the total; avail = total − frozen − sold. */
  syncStock(
    t: Tenant,
    rec: ProductRecord,
    stock: { limit_type: number; stock_qty: number; avail_qty?: number | undefined },
  ): void {
    this.put(t, { ...rec, stock: this.restock(rec, stock), update_time: t.clock.now() })
  }

  private restock(rec: ProductRecord, s: { limit_type: number; stock_qty: number; avail_qty?: number | undefined }) {
    checkTestStock(isTestProduct(rec.draft.product.product_ext), s.stock_qty, 'stock_qty')
    const held = rec.stock.frozen_qty + rec.stock.sold_qty
    if (s.limit_type === 1 && s.stock_qty < held)
      throw badStock(`stock_qty ${s.stock_qty} is below what is already sold or held (${held})`)
    const avail = s.stock_qty - held
    if (s.avail_qty !== undefined && s.avail_qty !== avail) {
      throw badStock(
        `stock.avail_qty ${s.avail_qty} does not fit: stock_qty = avail_qty + frozen_qty + sold_qty = ${s.avail_qty} + ${rec.stock.frozen_qty} + ${rec.stock.sold_qty}`,
      )
    }
    return { ...rec.stock, limit_type: s.limit_type, stock_qty: s.stock_qty, avail_qty: avail }
  }

  /** A sub-product id names its pack: operate and free_audit refuse it. */
  refuseSubProduct(t: Tenant, productId: string | undefined): void {
    const pack = productId ? goodsData(t).subProducts.get(productId) : undefined
    if (pack) throw subProductOperated(productId!, pack.combination_id)
  }
}
