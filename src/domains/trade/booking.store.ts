/** Stored bookings (预约单, t:<key>/bookings): a consumer's appointment for coupons of an order. */
import type { Tenant } from '../../tenants/tenant.js'

/** status: BOOKING 待商家确认, SUCCESS 预约成功 (confirmed), FAIL 预约失败 (not confirmed in time), CANCEL 已取消 */
export const BOOK_STATUS = { BOOKING: 'BOOKING', SUCCESS: 'SUCCESS', FAIL: 'FAIL', CANCEL: 'CANCEL' } as const

/** 预约人: who the booking is for (id_card_no "" when none was given) */
export interface BookUser {
  name: string
  phone: string
  id_card_no: string
}

/** bookings: book_id → BookRecord */
export interface BookRecord {
  book_id: string
  seq: number
  order_id: string
  out_book_no: string
  status: string
  /** the coupons booked (their order items) */
  certificate_ids: string[]
  poi_id: string
  /** Unix seconds */
  book_start_time: number
  book_end_time: number
  create_time: number
  update_time: number
  confirm_time: number
  /** the confirm-timeout job while BOOKING */
  timeout_job_id: string | null
  /** 预约人 (absent on bookings stored before the sandbox kept them: they answer none) */
  user_info_list?: BookUser[]
}

/** Bookings that hold their coupons: waiting for the merchant's confirmation or confirmed. */
export const LIVE_BOOKING: ReadonlySet<string> = new Set([BOOK_STATUS.BOOKING, BOOK_STATUS.SUCCESS])

export function bookingData(t: Tenant) {
  return { bookings: t.repo.collection('bookings') }
}
