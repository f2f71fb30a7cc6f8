/**
 * Bills: a verification still standing when its one-hour cancel window closes produces an income record;
 * a refund of a billed coupon produces a reversing record; records settle after a delay on the clock.
 * Verifications cancelled or refunded within the hour never produce a bill (douyin-api.md §6.1).
 */
import type { Job } from '../../core/scheduler.js'
import type { Tenant } from '../../tenants/tenant.js'
import { settingsOf } from '../../tenants/settings.js'
import {
  CERT_STATUS,
  fulfilmentData,
  RECORD_STATUS,
  VERIFY_TYPE,
  type CertificateRecord,
  type VerifyRecord,
} from '../fulfilment/fulfilment.store.js'
import { CANCEL_WINDOW_SECONDS } from '../fulfilment/cancel.js'
import { serialAmount } from '../fulfilment/time-card.js'
import { goodsData } from '../goods/goods.store.js'
import { FUND_TYPE, LEDGER_STATUS, settleData, type LedgerAmount, type LedgerRecord } from './settle.store.js'

export const LEDGER_JOB = 'settle.ledger'
/** sku settle_type 1 总店结算 (the merchant's root account, 总户) */
const SETTLE_TYPE_ROOT = 1
export const SETTLE_JOB = 'settle.settle'

/** YYYY-MM-DD of a Unix time in Beijing. */
export function beijingDate(sec: number): string {
  return new Date((sec + 8 * 3600) * 1000).toISOString().slice(0, 10)
}

function amountOf(t: Tenant, c: CertificateRecord, refund?: number): LedgerAmount {
  const rate = settingsOf(t).commission_rate_percent / 100
  const a = c.amount
  const share = refund === undefined ? 1 : a.pay_amount === 0 ? 1 : refund / a.pay_amount
  const scale = (n: number) => Math.round(n * share)
  const original = scale(a.original_amount)
  const merchant = scale(a.merchant_ticket_amount)
  const commission = Math.round((original - merchant) * rate)
  return {
    original,
    pay: scale(a.pay_amount),
    coupon_pay: scale(a.coupon_pay_amount),
    merchant_ticket: merchant,
    platform_ticket: scale(a.platform_discount_amount),
    pay_discount: scale(a.payment_discount_amount),
    commission,
    goods: original - merchant - commission,
  }
}

/** Whether the verification `r` still stands on `c` (a 次卡 use stands until the card is refunded). */
function stillStands(c: CertificateRecord, r: VerifyRecord): boolean {
  if (c.time_card) return c.status === CERT_STATUS.USED || c.status === CERT_STATUS.UNUSED
  return c.status === CERT_STATUS.USED && c.verify_id === r.verify_id
}

export class LedgerService {
  /** Called when a coupon is verified: the bill is decided when the cancel window closes. */
  onVerified = (t: Tenant, record: VerifyRecord): void => {
    t.scheduler.schedule(LEDGER_JOB, (record.verify_time + CANCEL_WINDOW_SECONDS + 1) * 1000, {
      verify_id: record.verify_id,
    })
  }

  private write(t: Tenant, c: CertificateRecord, r: VerifyRecord, fund: number, amount: LedgerAmount): LedgerRecord {
    const { ledgers } = settleData(t)
    const sku = goodsData(t).products.get(c.product_id)?.online?.sku
    // the expired, closed part of a 不支持部分退 pack: 钱款进入商家总户 (seed 000), whatever the sku's settle_type
    const toRoot = r.verify_type === VERIFY_TYPE.SYSTEM
    const settleType = toRoot ? SETTLE_TYPE_ROOT : Number(sku?.attr_key_value_map.settle_type ?? SETTLE_TYPE_ROOT)
    const now = t.clock.now()
    const rec: LedgerRecord = {
      ledger_id: t.random.id(),
      seq: t.nextSeq('ledger'),
      account_id: t.record.account_id,
      settle_type: settleType,
      settle_account_poi_id: settleType === 2 ? r.poi_id : '',
      fund_amount_type: fund,
      status: LEDGER_STATUS.PENDING,
      order_id: c.order_id,
      item_order_id: c.order_item_id,
      certificate_id: c.certificate_id,
      code: c.code,
      verify_id: r.verify_id,
      verify_time: r.verify_time,
      poi_id: r.poi_id,
      sku_id: c.sku.sku_id,
      group_name: c.sku.title,
      sold_start_time: c.sku.sold_start_time,
      bill_date: beijingDate(r.verify_time),
      create_time: now,
      ledger_time: 0,
      amount,
      ...(r.times_card_serial_num === undefined ? {} : { verify_serial_num: r.times_card_serial_num }),
    }
    ledgers.put(rec.ledger_id, rec)
    const { byCert } = settleData(t)
    byCert.put(c.certificate_id, { ledger_ids: [...(byCert.get(c.certificate_id)?.ledger_ids ?? []), rec.ledger_id] })
    t.scheduler.schedule(SETTLE_JOB, (now + settingsOf(t).settle_delay_seconds) * 1000, { ledger_id: rec.ledger_id })
    return rec
  }

  /** Job: the cancel window closed; a verification that still stands is billed. */
  bill = (t: Tenant, job: Job): unknown => {
    const d = fulfilmentData(t)
    const r = d.records.get(String(job.payload.verify_id))
    const c = r && d.certificates.get(r.certificate_id)
    if (!r || !c || r.status !== RECORD_STATUS.VERIFIED || !stillStands(c, r)) return { billed: false }
    // a 次卡 use is billed with its serial's share (time-card.ts)
    const use = r.times_card_serial_num === undefined ? c : { ...c, amount: serialAmount(c, r.times_card_serial_num) }
    const rec = this.write(t, c, r, FUND_TYPE.INCOME, amountOf(t, use))
    return { billed: true, ledger_id: rec.ledger_id }
  }

  /** A billed coupon was refunded: write the reversing record. */
  reverse(t: Tenant, c: CertificateRecord, refundAmount: number): void {
    const billed = settleData(t).byCert.get(c.certificate_id)
    const incomes = (billed?.ledger_ids ?? [])
      .map((id) => settleData(t).ledgers.get(id))
      .filter((l) => l?.fund_amount_type === FUND_TYPE.INCOME)
    if (c.time_card) {
      // a 次卡's used part refunded (customer service): each billed use is reversed in full
      for (const l of incomes) {
        const r = fulfilmentData(t).records.get(l!.verify_id)
        if (r) this.write(t, c, r, FUND_TYPE.REVERSAL, l!.amount)
      }
      return
    }
    const income = incomes[0]
    const r = income && fulfilmentData(t).records.get(income.verify_id)
    if (income && r) this.write(t, c, r, FUND_TYPE.REVERSAL, amountOf(t, c, refundAmount))
  }

  /** Job: a pending record settles. */
  settle = (t: Tenant, job: Job): unknown => {
    const { ledgers } = settleData(t)
    const rec = ledgers.get(String(job.payload.ledger_id))
    if (!rec || rec.status !== LEDGER_STATUS.PENDING) return { settled: false }
    ledgers.put(rec.ledger_id, { ...rec, status: LEDGER_STATUS.SETTLED, ledger_time: t.clock.now() })
    return { settled: true, ledger_id: rec.ledger_id }
  }
}
