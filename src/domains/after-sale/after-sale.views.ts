/** Read side of after-sales (douyin-api.md §5.1.1–5.1.2). */
import type { Tenant } from '../../tenants/tenant.js'
import { unpairedWindow } from '../trade/trade.errors.js'
import { tradeData } from '../trade/trade.store.js'
import { fulfilmentData } from '../fulfilment/fulfilment.store.js'
import { timesCardRefundInfo } from '../fulfilment/time-card.js'
import {
  AFTER_SALE_INDEX,
  afterSaleData,
  afterSalesOf,
  type AfterSaleRecord,
  type RefundItem,
} from './after-sale.store.js'
import { newestPage, run, total } from '../../store/seq-page.js'

/** A refund item's breakdown by 次卡 use; [] for a coupon that is not a card. */
function cardUses(t: Tenant, i: RefundItem) {
  const c = i.times_card_serials ? fulfilmentData(t).certificates.get(i.certificate_id) : undefined
  return c && i.times_card_serials ? timesCardRefundInfo(c, i.times_card_serials) : []
}

export function afterSaleView(t: Tenant, r: AfterSaleRecord) {
  const order = tradeData(t).orders.get(r.order_id)
  const reasonMsg =
    r.reason || (r.by === 'system' ? '券过期系统退款' : r.by === 'merchant' ? '商家取消订单' : '用户申请退款')
  const codes = r.reason_codes && r.reason_codes.length > 0 ? r.reason_codes : [1]
  return {
    after_sale_id: r.after_sale_id,
    out_biz_after_sale_id: r.out_after_sale_id ?? '',
    order_id: r.order_id,
    out_refund_payment_id: '',
    status: r.status,
    refund_type: r.refund_type,
    order_type: order?.order_type ?? 21,
    trade_type: 1,
    initiator: r.by,
    refund_amount: r.refund_amount,
    user_refund_amount: r.refund_amount,
    market_refund_amount: 0,
    user_deduct_fee_amount: 0,
    market_deduct_fee_amount: 0,
    deduct_fee_amount: 0,
    total_refund_amount: r.refund_amount,
    real_refund_amount: r.status === 2 ? r.refund_amount : 0,
    merchant_account_id: t.record.account_id,
    audit_result: r.audit_result,
    audit_time: r.audit_time * 1000,
    reject_reason: r.reject_reason,
    create_time: r.create_time,
    update_time: r.update_time,
    complete_time: r.complete_time,
    reason: {
      reason_code: codes,
      desc: reasonMsg,
      show_reason: codes.map((c) => ({ reason_code: c, msg: reasonMsg })),
    },
    refund_info_list: r.items.map((i) => ({
      times_card_refund_info_list: cardUses(t, i),
      refund_id: `${r.after_sale_id}${i.order_item_id.slice(-4)}`,
      certificate_id: i.certificate_id,
      order_item_id: i.order_item_id,
      code: i.code,
      refund_status: i.refund_status,
      is_verified: i.is_verified,
      total_refund_amount: i.refund_amount,
      user_refund_amount: i.refund_amount,
      market_refund_amount: 0,
      user_deduct_fee_amount: 0,
      market_deduct_fee_amount: 0,
      platform_market_refund_amount: 0,
      platform_market_deduct_fee_amount: 0,
      deduct_fee_amount: 0,
      real_refund_amount: i.refund_status === 2 ? i.refund_amount : 0,
      apply_time: r.create_time * 1000,
      create_time: r.create_time,
      update_time: r.update_time,
      complete_time: r.complete_time,
    })),
  }
}

/** order_detail/get: the after-sales of an order (of one certificate when given). */
export function afterSalesOfOrder(t: Tenant, orderId: string, certificateId: string | undefined) {
  const list = afterSalesOf(t, orderId).filter(
    (r) => !certificateId || r.items.some((i) => i.certificate_id === certificateId),
  )
  return { after_sale_order_list: list.map((r) => afterSaleView(t, r)), has_more: false, cursor: '' }
}

export interface AfterSaleQuery {
  page_size: number
  cursor: string
  refund_status?: number | undefined
  create_order_start_time?: number | undefined
  create_order_end_time?: number | undefined
  refund_done_start_time?: number | undefined
  refund_done_end_time?: number | undefined
}

/** order/query: every after-sale, newest first, by cursor (an offset) and windows given as pairs. */
export function queryAfterSales(t: Tenant, q: AfterSaleQuery) {
  if ((q.create_order_start_time === undefined) !== (q.create_order_end_time === undefined))
    throw unpairedWindow('create_order_start_time', 'create_order_end_time')
  if ((q.refund_done_start_time === undefined) !== (q.refund_done_end_time === undefined))
    throw unpairedWindow('refund_done_start_time', 'refund_done_end_time')
  const within = (v: number, a?: number, b?: number) => a === undefined || (v >= a && v <= b!)
  const { afterSales } = afterSaleData(t)
  const list = afterSales.index(AFTER_SALE_INDEX).list(q.refund_status === undefined ? '' : `status:${q.refund_status}`)
  // completion times change as refunds finish: that window filters the bucket's create window
  const keep =
    q.refund_done_start_time === undefined
      ? undefined
      : (id: string) => {
          const r = afterSales.get(id)!
          return r.complete_time > 0 && within(r.complete_time, q.refund_done_start_time, q.refund_done_end_time)
        }
  const selected = [run(list, q.create_order_start_time, q.create_order_end_time, keep)]
  const start = Number(q.cursor) || 0
  const page = newestPage(selected, start, q.page_size).map((id) => afterSales.get(id)!)
  return {
    after_sale_order_list: page.map((r) => afterSaleView(t, r)),
    has_more: start + page.length < total(selected),
    cursor: String(start + page.length),
  }
}
