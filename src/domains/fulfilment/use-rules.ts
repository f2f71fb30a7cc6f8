/**
 * The product's usage attributes that bind at the till (seed 001/003 控件 table):
 * `use_time` (USE_TIME, 使用时间: 全天 or 仅指定时间可用, periods like 12:00–14:00, Beijing time) and
 * `limit_use_rule` (LIMIT_USE_RULE: 每人单次消费最多使用代金券张数, coupons of one product per verify call);
 * and `can_no_use_date` (CAN_NO_USE_DATE, 不可使用日期) as the coupon views show it (not_available_time_info).
 */
import type { Tenant } from '../../tenants/tenant.js'
import { goodsData } from '../goods/goods.store.js'
import type { CertificateRecord } from './fulfilment.store.js'
import { beijingDate } from './issue.js'

const BEIJING_OFFSET_SECONDS = 8 * 3600
const DAY = 86400
/** USE_TIME use_time_type 2: 仅指定时间可用 */
const SPECIFIC_TIME = 2

interface Period {
  use_start_time?: unknown
  use_end_time?: unknown
  end_time_is_next_day?: unknown
}

/** The product (a pack for its sub-items) whose attributes rule a coupon. */
function attrsOf(t: Tenant, c: CertificateRecord): Record<string, string> {
  const product = goodsData(t).products.get(c.combination_id ?? c.product_id)
  return product?.online?.product.attr_key_value_map ?? {}
}

function parseJson(raw: string | undefined): unknown {
  if (!raw) return undefined
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}

/** Seconds after midnight of "HH:MM" or "HH:MM:SS"; undefined when it is neither. */
function secondsOfDay(raw: unknown): number | undefined {
  const m = typeof raw === 'string' ? /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(raw.trim()) : null
  if (!m) return undefined
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)]
  return h <= 24 && min < 60 && s < 60 ? h * 3600 + min * 60 + s : undefined
}

function inPeriod(p: Period, tod: number): boolean {
  const start = secondsOfDay(p.use_start_time)
  const end = secondsOfDay(p.use_end_time)
  if (start === undefined || end === undefined) return false
  if (p.end_time_is_next_day === true || end <= start) return tod >= start || tod < end
  return tod >= start && tod < end
}

/**
 * The coupon's use periods as text ("12:00-14:00"), or undefined when it may be used all day or `now` is inside
 * one of its periods (仅指定时间可用).
 */
export function outsideUseTime(t: Tenant, c: CertificateRecord, now: number): string | undefined {
  const rule = parseJson(attrsOf(t, c).use_time) as { use_time_type?: unknown; time_period_list?: unknown }
  if (!rule || rule.use_time_type !== SPECIFIC_TIME || !Array.isArray(rule.time_period_list)) return undefined
  const periods = rule.time_period_list as Period[]
  if (periods.length === 0) return undefined
  const tod = (((now + BEIJING_OFFSET_SECONDS) % DAY) + DAY) % DAY
  if (periods.some((p) => inPeriod(p, tod))) return undefined
  return periods.map((p) => `${String(p.use_start_time)}-${String(p.use_end_time)}`).join(', ')
}

/** use_num_per_consume of the coupon's product when its limit_use_rule limits use, else undefined. */
export function usePerConsumeLimit(t: Tenant, c: CertificateRecord): number | undefined {
  const rule = parseJson(attrsOf(t, c).limit_use_rule) as { is_limit_use?: unknown; use_num_per_consume?: unknown }
  if (!rule || rule.is_limit_use !== true || typeof rule.use_num_per_consume !== 'number') return undefined
  return rule.use_num_per_consume
}

interface CanNoUseDate {
  enable?: unknown
  days_of_week?: unknown
  date_list?: unknown
  holiday_dates?: unknown
}

/** A date range "2021.10.01-2021.10.07" (or one date) as Unix seconds from its first to its last second. */
function dateRange(from: string, to: string): { start_time: number; end_time: number } | undefined {
  const start = beijingDate(from.trim(), false)
  const end = beijingDate(to.trim(), true)
  return start === undefined || end === undefined || end < start ? undefined : { start_time: start, end_time: end }
}

/**
 * not_available_time_info of a coupon: its product's 不可使用日期 (can_no_use_date) — the week days (1 Monday …
 * 7 Sunday, as strings) and the dates (date_list, and holiday_dates' ranges) as Unix-second ranges of Beijing
 * days; nothing while the rule is off. `fulfil_enable` is true: the sandbox's till does not refuse a coupon on
 * those days (docs/decisions.md).
 */
export function notAvailableTimeInfo(t: Tenant, c: CertificateRecord) {
  const rule = parseJson(attrsOf(t, c).can_no_use_date) as CanNoUseDate | undefined
  const on = rule !== undefined && rule !== null && rule.enable === true
  const weekDays = on && Array.isArray(rule.days_of_week) ? rule.days_of_week : []
  const dates = on && Array.isArray(rule.date_list) ? rule.date_list.map((d) => [d, d]) : []
  const holidays =
    on && rule.holiday_dates && typeof rule.holiday_dates === 'object'
      ? Object.values(rule.holiday_dates as Record<string, unknown>).map((r) => String(r).split('-'))
      : []
  const ranges = [...dates, ...holidays]
    .map(([from, to]) => (typeof from === 'string' ? dateRange(from, String(to ?? from)) : undefined))
    .filter((r) => r !== undefined)
  return {
    can_no_use_week_day: weekDays.filter((d) => Number.isInteger(d)).map(String),
    can_no_use_date: ranges,
    fulfil_enable: true,
  }
}
