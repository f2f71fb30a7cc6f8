/**
 * Product calendars (保存日历属性, 保存日历库存): per-day attributes and per-day stock of a product, given as items of a
 * type (1 date range, 2 weekday range, 3 dates, 4 weekdays) with excluded dates, over at most 90 days from today
 * (Beijing). The day stock bounds the bookings of that day (booking.service.ts).
 */
import { invalidParams, platformError } from '../../core/errors.js'
import type { Tenant } from '../../tenants/tenant.js'
import { findProduct } from './product.service.js'

const DAY = 86400
/** Calendars reach this many days ahead (保存日历库存: 日历范围…最多90天). */
export const CALENDAR_DAYS = 90

/** calendars: product_id → CalendarRecord */
export interface CalendarRecord {
  product_id: string
  /** Beijing date → that day's stock; `booked` counts coupons booked for the day */
  stock: Record<string, { limit_type: number; stock_qty: number; booked: number }>
  /** Beijing date → that day's attributes */
  attrs: Record<string, Record<string, string>>
  update_time: number
}

export interface CalendarItem {
  type: number
  value: { values: string[]; exclude_dates?: string[] | undefined }
  status?: number | undefined
}

export const beijingDay = (sec: number) => new Date((sec + 8 * 3600) * 1000).toISOString().slice(0, 10)
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000 / DAY

function checkDate(d: string, where: string): number {
  const n = dayNumber(d)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(n) || beijingDay(n * DAY - 8 * 3600) !== d)
    throw invalidParams(`${where}: "${d}" is not a date YYYY-MM-DD`)
  return n
}

function checkWeekday(v: string, where: string): number {
  if (!/^[1-7]$/.test(v)) throw invalidParams(`${where}: "${v}" is not a weekday 1 (Monday) … 7 (Sunday)`)
  return Number(v)
}

/** The Beijing dates an item covers, within today … today + 89. */
export function expand(item: CalendarItem, today: string, where: string): string[] {
  const first = dayNumber(today)
  const last = first + CALENDAR_DAYS - 1
  const v = item.value.values
  const inWindow = (n: number, label: string) => {
    if (n < first || n > last)
      throw invalidParams(`${where}: ${label} is outside today (${today}) and the next ${CALENDAR_DAYS} days`)
    return n
  }
  let days: number[]
  const weekdays = (set: Set<number>) =>
    Array.from({ length: CALENDAR_DAYS }, (_, i) => first + i).filter((n) => set.has(((n + 3) % 7) + 1))
  if (item.type === 1 || item.type === 2) {
    if (v.length !== 2) throw invalidParams(`${where}.value.values: a range takes 2 values, got ${v.length}`)
    if (item.type === 1) {
      const [a, b] = [checkDate(v[0]!, where), checkDate(v[1]!, where)]
      if (a > b) throw invalidParams(`${where}.value.values: ${v[0]} is after ${v[1]}`)
      days = Array.from({ length: b - a + 1 }, (_, i) => inWindow(a + i, v[1]!))
    } else {
      const [a, b] = [checkWeekday(v[0]!, where), checkWeekday(v[1]!, where)]
      if (a > b) throw invalidParams(`${where}.value.values: weekday ${a} is after ${b}`)
      days = weekdays(new Set(Array.from({ length: b - a + 1 }, (_, i) => a + i)))
    }
  } else if (item.type === 3) days = v.map((d) => inWindow(checkDate(d, where), d))
  else if (item.type === 4) days = weekdays(new Set(v.map((d) => checkWeekday(d, where))))
  else throw invalidParams(`${where}.type must be one of 1, 2, 3, 4`)
  const excluded = new Set((item.value.exclude_dates ?? []).map((d) => checkDate(d, `${where}.exclude_dates`)))
  return days.filter((n) => !excluded.has(n)).map((n) => beijingDay(n * DAY - 8 * 3600))
}

function calendarOf(t: Tenant, ref: { product_id?: string | undefined; product_out_id?: string | undefined }) {
  if (!ref.product_id && !ref.product_out_id) throw invalidParams('product_id or product_out_id is required')
  const p = findProduct(t, { product_id: ref.product_id, out_id: ref.product_out_id })
  const cal = t.repo.collection('calendars').get(p.product_id)
  return cal ?? { product_id: p.product_id, stock: {}, attrs: {}, update_time: 0 }
}

/** 保存日历库存: sets (status 1) or removes (status -1) the stock of each day the items cover. */
export function saveCalendarStock(
  t: Tenant,
  g: {
    product_id?: string | undefined
    product_out_id?: string | undefined
    calendar_stocks: Array<CalendarItem & { stock_qty_limit_type?: number | undefined; stock_qty?: number | undefined }>
  },
): { days: number } {
  const cal = calendarOf(t, g)
  const today = beijingDay(t.clock.now())
  const stock = { ...cal.stock }
  let days = 0
  g.calendar_stocks.forEach((item, i) => {
    const where = `calendar_stock_group.calendar_stocks[${i}]`
    for (const d of expand(item, today, where)) {
      days++
      if (item.status === -1) {
        delete stock[d]
        continue
      }
      const limit = item.stock_qty_limit_type ?? 1
      const qty = item.stock_qty ?? 0
      const booked = stock[d]?.booked ?? 0
      if (limit === 1 && qty < booked)
        throw platformError('STATE_CONFLICT', `${where}: ${d} has ${booked} coupons booked, more than stock_qty ${qty}`)
      stock[d] = { limit_type: limit, stock_qty: qty, booked }
    }
  })
  t.repo.collection('calendars').put(cal.product_id, { ...cal, stock, update_time: t.clock.now() })
  return { days }
}

/** 保存日历属性: sets (status 1) or removes (status -1) the attributes of each day the items cover. */
export function saveCalendarAttrs(
  t: Tenant,
  g: {
    product_id?: string | undefined
    product_out_id?: string | undefined
    calendar_static_attrs: Array<CalendarItem & { attr_key_value_map?: Record<string, string> | undefined }>
  },
): { days: number } {
  const cal = calendarOf(t, g)
  const today = beijingDay(t.clock.now())
  const attrs = { ...cal.attrs }
  let days = 0
  g.calendar_static_attrs.forEach((item, i) => {
    for (const d of expand(item, today, `calendar_static_attr_group.calendar_static_attrs[${i}]`)) {
      days++
      if (item.status === -1) delete attrs[d]
      else attrs[d] = { ...attrs[d], ...item.attr_key_value_map }
    }
  })
  t.repo.collection('calendars').put(cal.product_id, { ...cal, attrs, update_time: t.clock.now() })
  return { days }
}

/**
 * Books `n` coupons of a product on a day against its calendar stock (a product without a calendar stock is not
 * limited). `n` negative gives them back. Throws when the day is closed or full.
 */
export function bookCalendarDay(t: Tenant, productId: string, day: string, n: number): void {
  const cals = t.repo.collection('calendars')
  const cal = cals.get(productId)
  if (!cal || Object.keys(cal.stock).length === 0) return
  const s = cal.stock[day]
  if (n > 0) {
    if (!s) throw platformError('STATE_CONFLICT', `product ${productId} has no calendar stock on ${day}`)
    if (s.limit_type === 1 && s.booked + n > s.stock_qty)
      throw platformError(
        'STATE_CONFLICT',
        `product ${productId} is fully booked on ${day} (${s.booked}/${s.stock_qty})`,
      )
  }
  if (!s) return
  cals.put(productId, { ...cal, stock: { ...cal.stock, [day]: { ...s, booked: Math.max(0, s.booked + n) } } })
}
