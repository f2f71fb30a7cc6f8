/**
 * Issuing certificates for a paid order: one per unit, and for a combo pack one per sub-item per unit, each
 * with its codes, validity window (from the product's use_date) and its share of the amounts.
 */
import type { Tenant } from '../../tenants/tenant.js'
import type { ProductRecord } from '../goods/goods.store.js'
import {
  CERT_STATUS,
  fulfilmentData,
  ITEM_STATUS,
  type Amount,
  type CertificateRecord,
  type CertSku,
} from './fulfilment.store.js'
import { split } from './amount-split.js'
import { timesCountOf } from './time-card.js'
import { bindReserveCode, pickReserveCodes, RESERVE_CODE_SOURCE } from './reserve-codes.js'

const DAY = 86400
/** Coupons without a use_date are valid this many days after purchase. */
export const DEFAULT_VALID_DAYS = 30

/** End of the Beijing-time day containing `sec`, in Unix seconds. */
function endOfBeijingDay(sec: number): number {
  return Math.floor((sec + 8 * 3600) / DAY) * DAY + DAY - 1 - 8 * 3600
}

/** The first (or, with `end`, the last) second of a Beijing-time date "2022-03-08" or "2022.03.08". */
export function beijingDate(date: string, end: boolean): number | undefined {
  const ms = Date.parse(`${date.replace(/\./g, '-')}T${end ? '23:59:59' : '00:00:00'}+08:00`)
  return Number.isNaN(ms) ? undefined : ms / 1000
}

/** Validity window from the product's use_date attribute (seed 003 USE_DATE): fixed dates, or days after purchase. */
export function validity(useDateRaw: string | undefined, now: number): { start_time: number; expire_time: number } {
  let u: { use_date_type?: number; use_start_date?: string; use_end_date?: string; day_duration?: number } = {}
  try {
    u = useDateRaw ? (JSON.parse(useDateRaw) as typeof u) : {}
  } catch {
    u = {}
  }
  if (u.use_date_type === 1 && u.use_end_date) {
    const start = u.use_start_date ? beijingDate(u.use_start_date, false) : undefined
    const end = beijingDate(u.use_end_date, true)
    if (end !== undefined) return { start_time: Math.max(start ?? now, now), expire_time: end }
  }
  const days = u.use_date_type === 2 && u.day_duration ? u.day_duration : DEFAULT_VALID_DAYS
  return { start_time: now, expire_time: endOfBeijingDay(now + days * DAY) }
}

export interface IssueInput {
  /** 三方码 whose codes the merchant's issue-code SPI will give: created without codes */
  pending_codes?: boolean
  order_id: string
  product: ProductRecord
  count: number
  pay_amount: number
  merchant_discount: number
  platform_discount: number
  now: number
}

/**
 * Parts of a certificate that many certificates have in common (the sku snapshot, the POI list, equal amount
 * shares), shared between records instead of copied into each: stored records are immutable, and these are
 * frozen so a stray in-place edit fails loudly. Keyed by the product's online version object, which is
 * replaced, never changed, when the product is updated, so the snapshot is the one the buyer paid for.
 */
const SHARED = new WeakMap<object, Map<string, unknown>>()

function shared<T extends object>(version: object, key: string, make: () => T): T {
  let parts = SHARED.get(version)
  if (!parts) SHARED.set(version, (parts = new Map()))
  let v = parts.get(key) as T | undefined
  if (!v) parts.set(key, (v = Object.freeze(make())))
  return v
}

const NO_IDS: string[] = Object.freeze([]) as unknown as string[]

/** Creates and indexes the order's certificates. */
export function issueCertificates(t: Tenant, o: IssueInput): CertificateRecord[] {
  const v = o.product.online!
  const sku = v.sku!
  const items = v.sub_items.length > 0 ? v.sub_items : [null]
  const units = Array.from({ length: o.count }, () => items).flat()
  const weights = units.map((it) => (it ? it.actual_amount : sku.actual_amount))
  const shares = {
    original: units.map((it) => (it ? it.actual_amount : sku.actual_amount)),
    pay: split(o.pay_amount, weights),
    merchant: split(o.merchant_discount, weights),
    platform: split(o.platform_discount, weights),
  }
  const window = validity(v.product.attr_key_value_map.use_date, o.now)
  const codeSource = Number(sku.attr_key_value_map.code_source_type ?? 1)
  const grouponType = o.product.product_type === 11 ? 2 : o.product.product_type === 15 ? 3 : 1
  const data = fulfilmentData(t)
  const poiIds = shared(v, 'pois', () => v.product.pois.map((p) => p.poi_id))
  const timesCount = timesCountOf(o.product)
  // 预导码: the merchant's imported codes, taken before anything is written (too few refuse the purchase)
  const reserved =
    codeSource === RESERVE_CODE_SOURCE
      ? pickReserveCodes(t, o.product.product_id, sku.sku_id, units.length, o.now)
      : null
  return units.map((item, i) => {
    let code = reserved ? reserved[i]! : o.pending_codes ? '' : t.random.digits(12)
    while (!reserved && code && data.byCode.get(code)) code = t.random.digits(12)
    const share = [
      shares.original[i]!,
      shares.pay[i]!,
      shares.merchant[i]!,
      shares.platform[i]!,
      item ? item.origin_amount : sku.origin_amount,
    ]
    const amount = shared<Amount>(v, `amount:${share.join(',')}`, () => ({
      original_amount: share[0]!,
      pay_amount: share[1]!,
      coupon_pay_amount: share[1]!,
      merchant_ticket_amount: share[2]!,
      platform_discount_amount: share[3]!,
      payment_discount_amount: 0,
      list_market_amount: share[4]!,
    }))
    const certSku = shared<CertSku>(v, `sku:${i % items.length}`, () => ({
      sku_id: item ? item.sku_id : sku.sku_id,
      title: item ? item.name : sku.sku_name,
      account_id: t.record.account_id,
      third_sku_id: sku.out_sku_id ?? '',
      groupon_type: item ? (item.item_type === 1 || item.item_type === 201 ? 1 : 2) : grouponType,
      market_price: item ? item.origin_amount : sku.origin_amount,
      sold_start_time: v.product.sold_start_time,
    }))
    const cert: CertificateRecord = {
      certificate_id: t.random.id(),
      seq: t.nextSeq('certificate'),
      order_id: o.order_id,
      order_item_id: `7${t.random.digits(26)}`,
      product_id: o.product.product_id,
      code,
      code_source_type: codeSource,
      status: CERT_STATUS.UNUSED,
      item_status: ITEM_STATUS.AVAILABLE,
      ...window,
      amount,
      sku: certSku,
      poi_ids: poiIds,
      combination_id: item ? o.product.product_id : null,
      sub_product_id: item ? item.product_id : null,
      sub_item_name: item ? item.name : null,
      out_good_id: item?.out_sub_id ?? '',
      verify_id: null,
      verify_ids: NO_IDS,
      item_update_time: o.now,
      refund_amount: 0,
      refund_time: 0,
      ...(timesCount === undefined ? {} : { time_card: { times_count: timesCount, times_used: 0 } }),
    }
    data.certificates.put(cert.certificate_id, cert)
    if (cert.code) data.byCode.put(cert.code, { certificate_id: cert.certificate_id })
    if (reserved) bindReserveCode(t, cert.code, o.order_id, cert.certificate_id)
    return cert
  })
}

/** Gives certificates the codes the merchant issued (三方码), in order; false when a code is taken already. */
export function assignCodes(t: Tenant, certIds: readonly string[], codes: readonly string[]): boolean {
  const data = fulfilmentData(t)
  if (codes.length !== certIds.length || new Set(codes).size !== codes.length) return false
  if (codes.some((c) => !c || (data.byCode.get(c) && !certIds.includes(data.byCode.get(c)!.certificate_id))))
    return false
  certIds.forEach((id, i) => {
    const c = data.certificates.get(id)!
    data.certificates.put(id, { ...c, code: codes[i]! })
    data.byCode.put(codes[i]!, { certificate_id: id })
  })
  return true
}
