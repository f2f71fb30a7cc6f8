import { describe, expect, it } from 'vitest'
import { CERT_STATUS, type CertificateRecord } from './fulfilment.store.js'
import { unusableReason } from './verify.service.js'

const cert = (over: Partial<CertificateRecord>): CertificateRecord =>
  ({ status: CERT_STATUS.UNUSED, start_time: 100, expire_time: 200, ...over }) as CertificateRecord

describe('unusableReason', () => {
  it('is undefined for an unused coupon inside its window, edges included', () => {
    expect(unusableReason(cert({}), 100)).toBeUndefined()
    expect(unusableReason(cert({}), 200)).toBeUndefined()
  })

  it('names used, refunded, expired and not-yet-valid coupons', () => {
    expect(unusableReason(cert({ status: CERT_STATUS.USED }), 150)).toBe('USED')
    for (const s of [CERT_STATUS.REFUND_APPLYING, CERT_STATUS.REFUNDED, CERT_STATUS.REFUNDING])
      expect(unusableReason(cert({ status: s }), 150)).toBe('REFUNDED')
    expect(unusableReason(cert({}), 201)).toBe('EXPIRED')
    expect(unusableReason(cert({}), 99)).toBe('NOT_STARTED')
  })
})
