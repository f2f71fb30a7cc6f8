/**
 * The one builder of `life_trade_certificate_notify` (券消息), for every action that sends it: a use (verify,
 * also the auto-verification at expiry), a cancelled use (verify_cancel) and a refund (refund_success). The content
 * is the documented one (no 次卡 serial: a merchant reads which use from verify_record/query).
 */
import type { Tenant } from '../../tenants/tenant.js'
import type { EmitInput } from '../../webhooks/webhooks.service.js'
import type { CertificateRecord } from './fulfilment.store.js'

export type CertificateAction = 'verify' | 'verify_cancel' | 'refund_success'

export interface CertificateNotifyExtra {
  /** verify only: who used the coupon (the merchant, or the system at expiry) */
  verify_source?: 'merchant' | 'expire_auto'
}

/** The event of `action` on coupon `c`, sent now (msg_time is the virtual clock's second). */
export function certificateNotify(
  t: Tenant,
  c: Pick<CertificateRecord, 'certificate_id' | 'order_id'>,
  action: CertificateAction,
  extra: CertificateNotifyExtra = {},
): EmitInput<'life_trade_certificate_notify'> {
  return {
    event: 'life_trade_certificate_notify',
    content: {
      action,
      msg_time: t.clock.now(),
      certificate: { certificate_id: c.certificate_id, order_id: c.order_id, account_id: t.record.account_id },
      ...(extra.verify_source === undefined ? {} : { verify_source: extra.verify_source }),
    },
  }
}
