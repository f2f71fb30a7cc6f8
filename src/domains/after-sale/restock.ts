/** Stock given back when refunds complete a pack or product unit. */
import type { Tenant } from '../../tenants/tenant.js'
import { CERT_STATUS, fulfilmentData } from '../fulfilment/fulfilment.store.js'
import { goodsData } from '../goods/goods.store.js'
import type { OrderRecord } from '../trade/trade.store.js'

/** Units whose every certificate is refunded (a pack unit is all of its sub-items). */
export function unitsRefunded(t: Tenant, order: OrderRecord): number {
  const certs = order.certificate_ids.map((id) => fulfilmentData(t).certificates.get(id)).filter((c) => c !== undefined)
  const perUnit = Math.max(1, Math.round(certs.length / order.count))
  let n = 0
  for (let i = 0; i < order.count; i++)
    if (certs.slice(i * perUnit, (i + 1) * perUnit).every((c) => c.status === CERT_STATUS.REFUNDED)) n++
  return n
}

/** Puts `units` back into the product's stock (limited stock) or takes them off the sold count (unlimited). */
export function restock(t: Tenant, order: OrderRecord, units: number): void {
  if (units <= 0) return
  const { products } = goodsData(t)
  const p = products.get(order.product_id)
  if (!p) return
  const s = p.stock
  const stock =
    s.limit_type === 1
      ? { ...s, sold_qty: s.sold_qty - units, avail_qty: s.avail_qty + units }
      : { ...s, sold_qty: s.sold_qty - units, stock_qty: s.stock_qty - units }
  products.put(p.product_id, { ...p, stock })
}
