/** The log of every outbound attempt (webhooks and SPI calls), newest kept up to MAX_DELIVERY_LOG per tenant. */
import type { Tenant } from '../tenants/tenant.js'
import { webhookData, type DeliveryRecord } from './webhooks.store.js'

/** Oldest attempts are dropped beyond this many per tenant. */
export const MAX_DELIVERY_LOG = 5000

/** Records one attempt and answers it with its id. */
export function recordDelivery(t: Tenant, d: Omit<DeliveryRecord, 'delivery_id' | 'seq'>): DeliveryRecord {
  const deliveries = webhookData(t).deliveries
  const seq = t.nextSeq('delivery')
  const rec = { delivery_id: `dlv_${seq}`, seq, ...d, retry_at: d.retry_at ?? null, given_up: d.given_up ?? false }
  deliveries.put(rec.delivery_id, rec)
  if (seq > MAX_DELIVERY_LOG) deliveries.delete(`dlv_${seq - MAX_DELIVERY_LOG}`)
  return rec
}
