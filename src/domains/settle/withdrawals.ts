/**
 * 提现 (withdrawals) follow the settled bills on the virtual clock: the ledger records that settled (status 2)
 * on one Beijing day are paid out together once that day is over (the next 00:00 Beijing), as one withdrawal of
 * their signed merchant receivable (income +, reversal −). Withdrawals are read from the ledger, never stored:
 * a day that has ended gets no more settled records, so its withdrawal never changes.
 */
import { createHash } from 'node:crypto'
import type { Tenant } from '../../tenants/tenant.js'
import { beijingDate } from './ledger.service.js'
import { withdrawalNotFound } from './settle.errors.js'
import { FUND_TYPE, LEDGER_INDEX, LEDGER_STATUS, settleData, type LedgerRecord } from './settle.store.js'
import { ledgerPage } from './settle.views.js'

const DAY = 86400
/** status of a withdrawal: the sandbox pays every one out at launch */
export const WITHDRAW_SUCCESS = 'SUCCESS'

export interface Withdrawal {
  withdraw_id: string
  /** Beijing date the records settled on */
  settle_date: string
  launch_time: number
  withdraw_time: number
  amount: number
  records: LedgerRecord[]
}

/** 00:00 Beijing after the Beijing date `date` (YYYY-MM-DD), Unix seconds. */
function endOf(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`) / 1000 + DAY
}

/** The withdrawal id of an account's settle day: 19 digits starting with 7, the same on every read. */
export function withdrawIdOf(accountId: string, settleDate: string): string {
  const n = BigInt(`0x${createHash('sha256').update(`${accountId}|${settleDate}`).digest('hex').slice(0, 16)}`)
  return `7${String(n % 10n ** 18n).padStart(18, '0')}`
}

/** The tenant's withdrawals whose settle day lies in [from, to] (YYYY-MM-DD) and has ended, oldest first. */
export function withdrawalsBetween(t: Tenant, from: string, to: string): Withdrawal[] {
  const { ledgers } = settleData(t)
  const now = t.clock.now()
  const byDay = new Map<string, LedgerRecord[]>()
  for (const id of ledgers.index(LEDGER_INDEX).list('').ids) {
    const l = ledgers.get(id)
    if (!l || l.status !== LEDGER_STATUS.SETTLED) continue
    const day = beijingDate(l.ledger_time)
    if (day < from || day > to || endOf(day) > now) continue
    byDay.set(day, [...(byDay.get(day) ?? []), l])
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, records]) => ({
      withdraw_id: withdrawIdOf(t.record.account_id, day),
      settle_date: day,
      launch_time: endOf(day),
      withdraw_time: endOf(day),
      amount: records.reduce((s, l) => s + (l.fund_amount_type === FUND_TYPE.REVERSAL ? -1 : 1) * l.amount.goods, 0),
      records,
    }))
}

/** The withdrawal with this id, or undefined. */
export function findWithdrawal(t: Tenant, withdrawId: string): Withdrawal | undefined {
  return withdrawalsBetween(t, '0000-00-00', '9999-99-99').find((w) => w.withdraw_id === withdrawId)
}

/** A withdrawal as withdraw/catering_query and withdraw/composite_query answer it. */
export function withdrawalView(t: Tenant, w: Withdrawal) {
  return {
    withdraw_id: w.withdraw_id,
    launch_time: w.launch_time,
    withdraw_time: w.withdraw_time,
    status: WITHDRAW_SUCCESS,
    withdraw_msg: '提现成功',
    amount: w.amount,
    settle_account: t.record.account_id,
    account_name: t.record.account_name,
    settle_date: w.settle_date,
  }
}

/** A page of `items` from the offset `cursor`. */
export function offsetPage<T>(items: T[], cursor: string, size: number) {
  const start = Number(cursor) || 0
  const page = items.slice(start, start + size)
  return { items: page, cursor: String(start + page.length), has_more: start + page.length < items.length }
}

/** The day's bill lines, or with withdraw_id the lines that withdrawal paid out (it takes precedence). */
export function billPage(
  t: Tenant,
  q: { bill_date: string; cursor: string; size: number; withdraw_id?: string | undefined },
) {
  if (q.withdraw_id === undefined) return ledgerPage(t, q.bill_date, q.cursor, q.size)
  const w = findWithdrawal(t, q.withdraw_id)
  if (!w) throw withdrawalNotFound(q.withdraw_id)
  return offsetPage(w.records, q.cursor, q.size)
}
