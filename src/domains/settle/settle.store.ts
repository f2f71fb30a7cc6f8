/**
 * Stored ledger records (t:<key>/ledgers): one per verification that stood past the cancel window, and one
 * reversing record per refund of a billed coupon (douyin-api.md §6).
 */
import type { IndexSpec } from '../../store/seq-index.js'
import type { Tenant } from '../../tenants/tenant.js'

/** status: 0 待分账, 1 分账中, 2 分账成功, 3 分账失败, 4 废弃 */
export const LEDGER_STATUS = { PENDING: 0, SETTLING: 1, SETTLED: 2, FAILED: 3, VOID: 4 } as const
/** fund_amount_type: 1 核销收入, 2 退款冲减 (amounts are absolute; the type gives the sign) */
export const FUND_TYPE = { INCOME: 1, REVERSAL: 2 } as const

export interface LedgerAmount extends Record<string, number> {
  original: number
  pay: number
  coupon_pay: number
  merchant_ticket: number
  platform_ticket: number
  pay_discount: number
  commission: number
  /** merchant receivable: original − merchant_ticket − commission */
  goods: number
}

/** ledgers: ledger_id → LedgerRecord */
export interface LedgerRecord {
  ledger_id: string
  seq: number
  account_id: string
  /** sku attr settle_type: 1 总店结算, 2 分店结算, 3 区域结算 */
  settle_type: number
  settle_account_poi_id: string
  fund_amount_type: number
  status: number
  order_id: string
  item_order_id: string
  certificate_id: string
  code: string
  verify_id: string
  verify_time: number
  poi_id: string
  sku_id: string
  group_name: string
  sold_start_time: number
  /** Beijing date of the verification, YYYY-MM-DD */
  bill_date: string
  create_time: number
  ledger_time: number
  amount: LedgerAmount
  /** 次卡: the serial number of the use this record bills */
  verify_serial_num?: number
}

/** ledgers by seq: all (''), a bill day's (`date:`) and an order's (`order:`) */
export const LEDGER_INDEX: IndexSpec<LedgerRecord> = {
  name: 'by_date_order',
  buckets: (l) => ['', `date:${l.bill_date}`, `order:${l.order_id}`],
  seq: (l) => l.seq,
}

/** The ledger records of a bill_date, oldest first. */
export function ledgersOfDay(t: Tenant, billDate: string): LedgerRecord[] {
  const { ledgers } = settleData(t)
  return ledgers
    .index(LEDGER_INDEX)
    .list(`date:${billDate}`)
    .ids.map((id) => ledgers.get(id)!)
}

export function settleData(t: Tenant) {
  return {
    ledgers: t.repo.collection('ledgers'),
    /** certificate_id → its income ledger ids */
    byCert: t.repo.collection('ledgers_by_cert'),
  }
}
