/**
 * 次卡 (multi-use time cards, product_type 15): one certificate usable `times_count` times. Each use is one
 * verify record with its serial number (次序号) and its share of the coupon's amounts; the certificate stays
 * 未使用 (status 1) until the last use (券状态查询: 如果是次卡券，在次卡次数没有全部履约完成前，券状态为未使用).
 */
import { amountView } from './amount.views.js'
import type { Tenant } from '../../tenants/tenant.js'
import type { ProductRecord } from '../goods/goods.store.js'
import { split } from './amount-split.js'
import {
  CERT_STATUS,
  fulfilmentData,
  ITEM_STATUS,
  RECORD_STATUS,
  type Amount,
  type CertificateRecord,
  type VerifyRecord,
} from './fulfilment.store.js'

/** A time card's state on its certificate. */
export interface TimeCard {
  times_count: number
  /** uses standing (verified and not cancelled) */
  times_used: number
}

/** The number of uses a 次卡 product's unit carries (sku attribute times_count), or undefined for other products. */
export function timesCountOf(p: ProductRecord): number | undefined {
  const v = p.online
  if (p.product_type !== 15 || !v || v.sub_items.length > 0) return undefined
  const n = Number(v.sku?.attr_key_value_map.times_count ?? 1)
  return Number.isInteger(n) && n >= 1 ? n : 1
}

const AMOUNT_KEYS = [
  'original_amount',
  'pay_amount',
  'coupon_pay_amount',
  'merchant_ticket_amount',
  'platform_discount_amount',
  'payment_discount_amount',
  'list_market_amount',
] as const

/** The coupon's amounts split over its uses (exact remainders, earlier serials first). */
export function serialAmounts(c: CertificateRecord): Amount[] {
  const n = c.time_card?.times_count ?? 1
  const ones = Array.from({ length: n }, () => 1)
  const parts = AMOUNT_KEYS.map((k) => split(c.amount[k], ones))
  return Array.from({ length: n }, (_, i) => {
    const a = {} as Amount
    AMOUNT_KEYS.forEach((k, j) => (a[k] = parts[j]![i]!))
    return a
  })
}

/** The amounts of use `serial` (1-based). */
export function serialAmount(c: CertificateRecord, serial: number): Amount {
  return serialAmounts(c)[serial - 1] ?? c.amount
}

/** The serial numbers held by standing uses of the card. */
export function standingSerials(records: VerifyRecord[]): number[] {
  return records
    .filter((r) => r.status === RECORD_STATUS.VERIFIED && r.times_card_serial_num !== undefined)
    .map((r) => r.times_card_serial_num!)
}

/** The serial number the next use takes: the lowest one no standing use holds. */
export function nextSerial(records: VerifyRecord[]): number {
  const held = new Set(standingSerials(records))
  let s = 1
  while (held.has(s)) s++
  return s
}

/**
 * The uses a refund of the coupon gives back, by serial number: for a 次卡 in use the serials no standing use
 * holds; for a card not in use (unused, or used up and refunded by customer service) every serial. Undefined for a
 * coupon that is not a card.
 */
export function refundSerials(t: Tenant, c: CertificateRecord): number[] | undefined {
  if (!c.time_card) return undefined
  const all = Array.from({ length: c.time_card.times_count }, (_, i) => i + 1)
  if (c.status !== CERT_STATUS.UNUSED) return all
  const held = new Set(standingSerials(c.verify_ids.map((id) => fulfilmentData(t).records.get(id)!)))
  return all.filter((s) => !held.has(s))
}

/** What refunding a coupon pays back: its pay_amount, or for a 次卡 the pay of the uses it gives back. */
export function refundablePay(t: Tenant, c: CertificateRecord): number {
  const serials = refundSerials(t, c)
  if (!serials) return c.amount.pay_amount
  const amounts = serialAmounts(c)
  return serials.reduce((sum, s) => sum + amounts[s - 1]!.pay_amount, 0)
}

/**
 * A 次卡 refund's breakdown by use (times_card_refund_info_list): each given-back serial with its share; what the
 * user gets back is the use's pay_amount, no marketing share or fee is refunded apart (as the refund's own amounts).
 */
export function timesCardRefundInfo(c: CertificateRecord, serials: number[]) {
  const amounts = serialAmounts(c)
  return serials.map((serial) => {
    const a = amounts[serial - 1]!
    return {
      serial_number: serial,
      origin_amount: a.original_amount,
      refund_amount: a.pay_amount,
      user_amount: a.pay_amount,
      marketing_amount: 0,
      platform_market_amount: 0,
      deduct_fee_amount: 0,
      user_deduct_fee_amount: 0,
      platform_market_deduct_fee_amount: 0,
    }
  })
}

/**
 * The amounts of one use of a card (verify_amount_info), as the verify answer and verify_record/query give it:
 * the use's serial and share (times_card_serial_amount), and what this verification paid down
 * (time_card_amount.amount: the use's pay_amount, as in the platform's answers; docs/decisions.md). Undefined for a
 * verification that is not a card's use.
 */
export function verifyAmountInfo(c: CertificateRecord, r: VerifyRecord) {
  if (r.times_card_serial_num === undefined) return undefined
  const amount = serialAmount(c, r.times_card_serial_num)
  return {
    times_card_serial_amount: { serial_numb: r.times_card_serial_num, amount: amountView(amount) },
    time_card_amount: { amount: amount.pay_amount },
  }
}

/** The card as certificate views show it (time_card). */
export function timeCardView(c: CertificateRecord) {
  if (!c.time_card) return undefined
  return {
    times_count: c.time_card.times_count,
    times_used: c.time_card.times_used,
    serial_amount_list: serialAmounts(c).map((amount, i) => ({ serial_numb: i + 1, amount: amountView(amount) })),
  }
}

/**
 * The certificate after a verification: another use of a card (未使用 until its last use), or a used coupon.
 */
export function afterUse(c: CertificateRecord, verifyId: string, now: number): CertificateRecord {
  const tc = c.time_card
  const used = tc ? tc.times_used + 1 : 1
  const last = !tc || used >= tc.times_count
  return {
    ...c,
    status: last ? CERT_STATUS.USED : CERT_STATUS.UNUSED,
    item_status: last ? ITEM_STATUS.DONE : ITEM_STATUS.AVAILABLE,
    verify_id: verifyId,
    verify_ids: [...c.verify_ids, verifyId],
    item_update_time: now,
    ...(tc ? { time_card: { ...tc, times_used: used } } : {}),
  }
}

/** The certificate after a verification was cancelled: usable again, with one use fewer for a card. */
export function afterCancel(c: CertificateRecord, standing: VerifyRecord[], now: number): CertificateRecord {
  const tc = c.time_card
  const latest = standing.sort((a, b) => b.seq - a.seq)[0]
  return {
    ...c,
    status: CERT_STATUS.UNUSED,
    item_status: ITEM_STATUS.AVAILABLE,
    verify_id: tc && latest ? latest.verify_id : null,
    item_update_time: now,
    ...(tc ? { time_card: { ...tc, times_used: Math.max(0, tc.times_used - 1) } } : {}),
  }
}
