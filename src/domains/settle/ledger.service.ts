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
  VERIFY_RECORD_INDEX,
  VERIFY_TYPE,
  type CertificateRecord,
  type VerifyRecord,
} from '../fulfilment/fulfilment.store.js'
import { CANCEL_WINDOW_SECONDS } from '../fulfilment/cancel.js'
import type { SeqList } from '../../store/seq-index.js'
import { run } from '../../store/seq-page.js'
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
  /**
   * Called when a coupon is verified: the bill is decided when the cancel window closes. One job per verify
   * second bills every verification of that second (run order within it = verification order).
   */
  onVerified = (t: Tenant, record: VerifyRecord): void => {
    t.scheduler.scheduleOnce(LEDGER_JOB, (record.verify_time + CANCEL_WINDOW_SECONDS + 1) * 1000, {
      verify_time: record.verify_time,
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
    return rec
  }

  /** One job settles the records written together, once settle_delay_seconds have passed. */
  private settleLater(t: Tenant, written: LedgerRecord[]): void {
    if (written.length === 0) return
    const ledger_ids = written.map((l) => l.ledger_id)
    t.scheduler.schedule(SETTLE_JOB, (t.clock.now() + settingsOf(t).settle_delay_seconds) * 1000, { ledger_ids })
  }

  /** Whether `r` already has its income record (a job run twice for one second after the clock was set back). */
  private billed(t: Tenant, r: VerifyRecord): boolean {
    const { byCert, ledgers } = settleData(t)
    return (byCert.get(r.certificate_id)?.ledger_ids ?? []).some((id) => {
      const l = ledgers.get(id)
      return l?.verify_id === r.verify_id && l.fund_amount_type === FUND_TYPE.INCOME
    })
  }

  /** Job: the cancel window of a second's verifications closed; each one that still stands is billed. */
  bill = (t: Tenant, job: Job): unknown => {
    const d = fulfilmentData(t)
    // jobs stored by earlier versions name one verification
    const ids =
      job.payload.verify_id !== undefined
        ? [String(job.payload.verify_id)]
        : verifiedAt(d.records.index(VERIFY_RECORD_INDEX).list(''), Number(job.payload.verify_time))
    const written: LedgerRecord[] = []
    for (const id of ids) {
      const r = d.records.get(id)
      const c = r && d.certificates.get(r.certificate_id)
      if (!r || !c || r.status !== RECORD_STATUS.VERIFIED || !stillStands(c, r) || this.billed(t, r)) continue
      // a 次卡 use is billed with its serial's share (time-card.ts)
      const use = r.times_card_serial_num === undefined ? c : { ...c, amount: serialAmount(c, r.times_card_serial_num) }
      written.push(this.write(t, c, r, FUND_TYPE.INCOME, amountOf(t, use)))
    }
    this.settleLater(t, written)
    return { billed: written.length, ledger_ids: written.map((l) => l.ledger_id) }
  }

  /** A billed coupon was refunded: write the reversing record. */
  reverse(t: Tenant, c: CertificateRecord, refundAmount: number): void {
    const billed = settleData(t).byCert.get(c.certificate_id)
    const incomes = (billed?.ledger_ids ?? [])
      .map((id) => settleData(t).ledgers.get(id))
      .filter((l) => l?.fund_amount_type === FUND_TYPE.INCOME)
    if (c.time_card) {
      // a 次卡's used part refunded (customer service): each billed use is reversed in full
      const written: LedgerRecord[] = []
      for (const l of incomes) {
        const r = fulfilmentData(t).records.get(l!.verify_id)
        if (r) written.push(this.write(t, c, r, FUND_TYPE.REVERSAL, l!.amount))
      }
      return this.settleLater(t, written)
    }
    const income = incomes[0]
    const r = income && fulfilmentData(t).records.get(income.verify_id)
    if (income && r) this.settleLater(t, [this.write(t, c, r, FUND_TYPE.REVERSAL, amountOf(t, c, refundAmount))])
  }

  /** Job: pending records settle (jobs stored by earlier versions name one record). */
  settle = (t: Tenant, job: Job): unknown => {
    const { ledgers } = settleData(t)
    const p = job.payload
    const ids = Array.isArray(p.ledger_ids) ? p.ledger_ids.map(String) : [String(p.ledger_id)]
    const settled: string[] = []
    for (const id of ids) {
      const rec = ledgers.get(id)
      if (!rec || rec.status !== LEDGER_STATUS.PENDING) continue
      ledgers.put(rec.ledger_id, { ...rec, status: LEDGER_STATUS.SETTLED, ledger_time: t.clock.now() })
      settled.push(id)
    }
    return { settled: settled.length, ledger_ids: settled }
  }
}

/** Ids of the verify records whose verify_time is `sec`, in verification order. */
function verifiedAt(list: SeqList, sec: number): string[] {
  const r = run(list, sec, sec)
  return r.ids.slice(r.lo, r.hi) as string[]
}
