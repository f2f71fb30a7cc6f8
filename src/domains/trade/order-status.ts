/** Keeps an order's status in step with its certificates (douyin-api.md §10.1). */
import type { Tenant } from '../../tenants/tenant.js'
import { CERT_STATUS, fulfilmentData } from '../fulfilment/fulfilment.store.js'
import { ORDER_STATUS, tradeData } from './trade.store.js'

/** 201 while any coupon is usable; 101 when every coupon was refunded; else 1 (交易成功). */
export function syncOrderStatus(t: Tenant, orderId: string): void {
  const { orders } = tradeData(t)
  const order = orders.get(orderId)
  if (!order) return
  const certs = order.certificate_ids.map((id) => fulfilmentData(t).certificates.get(id)).filter((c) => c !== undefined)
  const open = certs.some(
    (c) =>
      c.status === CERT_STATUS.UNUSED || c.status === CERT_STATUS.REFUND_APPLYING || c.status === CERT_STATUS.REFUNDING,
  )
  // a 次卡 refunded after some uses was partly consumed: the order is 交易成功, not closed
  const allRefunded =
    certs.length > 0 && certs.every((c) => c.status === CERT_STATUS.REFUNDED && !c.time_card?.times_used)
  const status = open ? ORDER_STATUS.AVAILABLE : allRefunded ? ORDER_STATUS.CLOSED : ORDER_STATUS.FINISHED
  if (status !== order.order_status)
    orders.put(orderId, { ...order, order_status: status, update_order_time: t.clock.now() })
  else orders.put(orderId, { ...order, update_order_time: t.clock.now() })
}
