/**
 * Bookings (预约) on the virtual clock: the simulated consumer books coupons of an order (POST /sandbox/bookings),
 * the merchant confirms the order (确认订单, trade/buy/merchant_confirm_order) within BOOK_CONFIRM_SECONDS, else the
 * booking fails; 查询预约单 (trade/book/get) reads them.
 */
import type { Job } from '../../core/scheduler.js'
import { invalidParams, platformError } from '../../core/errors.js'
import type { Tenant } from '../../tenants/tenant.js'
import { CERT_STATUS, fulfilmentData } from '../fulfilment/fulfilment.store.js'
import { ORDER_STATUS, tradeData } from './trade.store.js'
import { beijingDay, bookCalendarDay } from '../goods/calendar.js'
import { BOOK_STATUS, bookingData, LIVE_BOOKING, type BookRecord, type BookUser } from './booking.store.js'

export const BOOK_TIMEOUT_JOB = 'trade.book_timeout'
/** A booking the merchant has not confirmed this long after it was made fails. */
export const BOOK_CONFIRM_SECONDS = 24 * 3600

const orderNotFound = (id: string) => platformError('NOT_FOUND', `no order ${id}`)

export interface BookInput {
  order_id: string
  certificate_ids?: string[] | undefined
  book_start_time: number
  book_end_time?: number | undefined
  poi_id?: string | undefined
  out_book_no?: string | undefined
  user_info_list?: Array<{ name: string; phone: string; id_card_no?: string | undefined }> | undefined
}

/** A consumer the sandbox makes up when a booking names none: a name and a mainland mobile number, from the seed. */
function madeUpBooker(t: Tenant): BookUser {
  const name = t.random.withFaker((f) => f.person.lastName() + f.person.firstName())
  return { name, phone: `1${t.random.int(3, 9)}${t.random.digits(9)}`, id_card_no: '' }
}

/** The consumer books: unused coupons of the order (all of them unless named), at a future time. */
export function book(t: Tenant, b: BookInput): BookRecord {
  const now = t.clock.now()
  const order = tradeData(t).orders.get(b.order_id)
  if (!order) throw orderNotFound(b.order_id)
  const certs = order.certificate_ids.map((id) => fulfilmentData(t).certificates.get(id)!)
  const named = b.certificate_ids?.length ? b.certificate_ids : certs.map((c) => c.certificate_id)
  const chosen = named.map((id) => {
    const c = certs.find((x) => x.certificate_id === id)
    if (!c) throw invalidParams(`certificate ${id} is not part of order ${order.order_id}`)
    return c
  })
  const unusable = chosen.find((c) => c.status !== CERT_STATUS.UNUSED)
  if (unusable)
    throw platformError(
      'STATE_CONFLICT',
      `certificate ${unusable.certificate_id} is not unused (status ${unusable.status})`,
    )
  const end = b.book_end_time ?? b.book_start_time + 3600
  if (b.book_start_time <= now || end <= b.book_start_time)
    throw invalidParams(`book_start_time must be after now (${now}) and before book_end_time`)
  const pois = chosen[0]!.poi_ids
  if (b.poi_id !== undefined && !pois.includes(b.poi_id))
    throw invalidParams(`poi_id ${b.poi_id} is not a store of the product (${pois.join(', ')})`)
  // the product's calendar stock of that day (保存日历库存), when it has one
  bookCalendarDay(t, order.product_id, beijingDay(b.book_start_time), chosen.length)
  const bookId = t.random.id()
  const job = t.scheduler.schedule(BOOK_TIMEOUT_JOB, (now + BOOK_CONFIRM_SECONDS) * 1000, { book_id: bookId })
  const rec: BookRecord = {
    book_id: bookId,
    seq: t.nextSeq('booking'),
    order_id: order.order_id,
    out_book_no: b.out_book_no ?? '',
    status: BOOK_STATUS.BOOKING,
    certificate_ids: chosen.map((c) => c.certificate_id),
    poi_id: b.poi_id ?? pois[0] ?? '',
    book_start_time: b.book_start_time,
    book_end_time: end,
    create_time: now,
    update_time: now,
    confirm_time: 0,
    timeout_job_id: job.job_id,
    user_info_list: b.user_info_list?.map((u) => ({
      name: u.name,
      phone: u.phone,
      id_card_no: u.id_card_no ?? '',
    })) ?? [madeUpBooker(t)],
  }
  bookingData(t).bookings.put(bookId, rec)
  return rec
}

/** 确认订单: the merchant accepts the order; its waiting bookings succeed. Idempotent. */
export function confirmOrder(t: Tenant, orderId: string): { confirmed_bookings: number } {
  const { orders } = tradeData(t)
  const order = orders.get(orderId)
  if (!order) throw orderNotFound(orderId)
  if (order.order_status === ORDER_STATUS.CLOSED)
    throw platformError('STATE_CONFLICT', `order ${orderId} is closed (refunded or rejected)`)
  const now = t.clock.now()
  if (!order.merchant_confirm_time) orders.put(orderId, { ...order, merchant_confirm_time: now })
  const waiting = ofOrder(t, orderId).filter((r) => r.status === BOOK_STATUS.BOOKING)
  for (const r of waiting) {
    if (r.timeout_job_id) t.scheduler.cancel(r.timeout_job_id)
    const next = { ...r, status: BOOK_STATUS.SUCCESS, confirm_time: now, update_time: now, timeout_job_id: null }
    bookingData(t).bookings.put(r.book_id, next)
  }
  return { confirmed_bookings: waiting.length }
}

/** Job: the merchant did not confirm in time; the booking fails. */
export const bookTimeout = (t: Tenant, job: Job): unknown => {
  const r = bookingData(t).bookings.get(String(job.payload.book_id))
  if (!r || r.status !== BOOK_STATUS.BOOKING) return { failed: false }
  const order = tradeData(t).orders.get(r.order_id)
  if (order) bookCalendarDay(t, order.product_id, beijingDay(r.book_start_time), -r.certificate_ids.length)
  bookingData(t).bookings.put(r.book_id, {
    ...r,
    status: BOOK_STATUS.FAIL,
    update_time: t.clock.now(),
    timeout_job_id: null,
  })
  return { failed: true, book_id: r.book_id }
}

function ofOrder(t: Tenant, orderId: string): BookRecord[] {
  return bookingData(t)
    .bookings.values()
    .filter((r) => r.order_id === orderId)
    .sort((a, b) => a.seq - b.seq)
}

/** 查询预约单: by order_id (every booking of the order; it wins) or book_id. */
export function queryBookings(t: Tenant, q: { book_id?: string | undefined; order_id?: string | undefined }) {
  if (!q.book_id && !q.order_id) throw invalidParams('book_id or order_id is required')
  const list = q.order_id
    ? ofOrder(t, q.order_id)
    : [bookingData(t).bookings.get(q.book_id!)].filter((r) => r !== undefined)
  const certs = fulfilmentData(t).certificates
  return {
    book_info_list: list.map((r) => ({
      book_id: r.book_id,
      order_id: r.order_id,
      out_book_no: r.out_book_no,
      status: r.status,
      create_time: r.create_time,
      confirm_time: r.confirm_time,
      book_child_info_list: r.certificate_ids.map((id) => {
        const c = certs.get(id)
        return {
          book_start_time: r.book_start_time * 1000,
          book_end_time: r.book_end_time * 1000,
          goods_id: c?.sku.sku_id ?? '',
          item_order_id: c?.order_item_id ?? '',
          certificate_id: id,
          poi_id: r.poi_id,
          user_info_list: r.user_info_list ?? [],
        }
      }),
    })),
  }
}

/**
 * The 预约人 of the coupons of these orders that a live booking holds (waiting or confirmed; the latest if
 * several), by certificate_id: one pass over the bookings for a whole answer.
 */
export function bookersOf(t: Tenant, orderIds: ReadonlySet<string>): Map<string, BookUser[]> {
  const live = bookingData(t)
    .bookings.values()
    .filter((r) => orderIds.has(r.order_id) && LIVE_BOOKING.has(r.status))
    .sort((a, b) => a.seq - b.seq)
  const byCert = new Map<string, BookUser[]>()
  for (const r of live) for (const id of r.certificate_ids) byCert.set(id, r.user_info_list ?? [])
  return byCert
}
