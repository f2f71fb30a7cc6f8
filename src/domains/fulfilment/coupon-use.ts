/**
 * Using a coupon, the one path every use takes: a merchant's verify (抖音码, 三方码, 预导码), each use of a 次卡,
 * and the auto-verification of expired coupons (verify_source expire_auto). A use is a verify record (with its
 * 次序号 on a 次卡), the certificate after it (time-card.ts `afterUse`), the order's status, the ledger's bill and
 * the `life_trade_certificate_notify` verify event.
 */
import type { Tenant } from '../../tenants/tenant.js'
import type { WebhooksService } from '../../webhooks/webhooks.service.js'
import { syncOrderStatus } from '../trade/order-status.js'
import { certificateNotify } from './certificate-notify.js'
import { fulfilmentData, RECORD_STATUS, type CertificateRecord, type VerifyRecord } from './fulfilment.store.js'
import { afterUse, nextSerial } from './time-card.js'

/** What a use needs besides the tenant: where its event goes, and who is told of it (the ledger). */
export interface CouponUseDeps {
  webhooks: WebhooksService
  onVerified: (t: Tenant, record: VerifyRecord) => void
}

export interface CouponUse {
  poi_id: string
  /** VERIFY_TYPE: API for a merchant's verify, SYSTEM for the auto-verification at expiry */
  verify_type: number
  verify_time: number
  verify_source: 'merchant' | 'expire_auto'
}

/** Uses coupon `c` once (one use of a 次卡) and returns the verification. The caller has checked it is usable. */
export function useCoupon(t: Tenant, deps: CouponUseDeps, c: CertificateRecord, use: CouponUse): VerifyRecord {
  const d = fulfilmentData(t)
  const record: VerifyRecord = {
    verify_id: t.random.id(),
    seq: t.nextSeq('verify'),
    certificate_id: c.certificate_id,
    order_id: c.order_id,
    poi_id: use.poi_id,
    verify_type: use.verify_type,
    verify_time: use.verify_time,
    status: RECORD_STATUS.VERIFIED,
    cancel_time: 0,
    ...(c.time_card ? { times_card_serial_num: nextSerial(c.verify_ids.map((id) => d.records.get(id)!)) } : {}),
  }
  d.records.put(record.verify_id, record)
  d.certificates.put(c.certificate_id, afterUse(c, record.verify_id, t.clock.now()))
  syncOrderStatus(t, c.order_id)
  deps.onVerified(t, record)
  deps.webhooks.emit(t, certificateNotify(t, c, 'verify', { verify_source: use.verify_source }))
  return record
}
