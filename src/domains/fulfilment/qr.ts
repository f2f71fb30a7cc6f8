/**
 * The order's QR version. 验券准备 (certificate.prepare): "如已经调用验券接口验券成功,则当前二维码会失效…需要使用刷新的
 * 二维码": one QR covers the order, and a change to any of its coupons invalidates it. The version is derived from
 * the state of the order's coupons (verified, cancelled, refunded, expired, a 次卡 use), so nothing is stored and
 * every path that changes a coupon changes it; the QR data (codes.ts) carries it and prepare refuses another one.
 */
import { createHash } from 'node:crypto'
import type { Tenant } from '../../tenants/tenant.js'
import { tradeData } from '../trade/trade.store.js'
import { qrDataOf } from './codes.js'
import { fulfilmentData, type CertificateRecord } from './fulfilment.store.js'

/** The order's current version: a 32-bit digest of its coupons' states at the tenant's virtual now. */
export function orderQrVersion(t: Tenant, c: CertificateRecord): number {
  const certificates = fulfilmentData(t).certificates
  const ids = tradeData(t).orders.get(c.order_id)?.certificate_ids ?? [c.certificate_id]
  const now = t.clock.now()
  const state = ids
    .map((id) => (id === c.certificate_id ? c : certificates.get(id)))
    .filter((x) => x !== undefined)
    .map((x) =>
      [
        x.certificate_id,
        x.status,
        x.item_status,
        x.verify_id ?? '',
        x.verify_ids.length,
        x.time_card?.times_used ?? '',
        x.refund_time,
        now > x.expire_time ? 'expired' : '',
      ].join(','),
    )
    .join(';')
  return createHash('sha256').update(state).digest().readUInt32BE(0)
}

/**
 * The QR payload the consumer is shown now (order views, the console, the control plane's order answer). A view of
 * a whole order passes the order's version, computed once for all its coupons.
 */
export function currentQrDataOf(t: Tenant, c: CertificateRecord, version = orderQrVersion(t, c)): string {
  return qrDataOf(t, c, version)
}
