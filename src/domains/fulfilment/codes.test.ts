import { describe, expect, it } from 'vitest'
import type { Tenant } from '../../tenants/tenant.js'
import { certIdByEncryptedCode, encryptedCodeOf, qrDataOf, readQrData } from './codes.js'
import type { CertificateRecord } from './fulfilment.store.js'

/** Just what codes.ts uses of a tenant: its key and (for certificates stored before derivation) the old indexes. */
function tenant(key: string, legacy: Record<string, Record<string, { certificate_id: string }>> = {}): Tenant {
  return {
    key,
    repo: { collection: (name: string) => ({ get: (id: string) => legacy[name]?.[id] }) },
  } as unknown as Tenant
}
const cert = (id: string, over: Partial<CertificateRecord> = {}) =>
  ({ certificate_id: id, ...over }) as CertificateRecord
const IDS = ['7028697040892445074', '7000000000000000001', '7999999999999999999', '1']

describe('derived encrypted_code and QR encrypted_data', () => {
  it('have the platform shape and lead back to their certificate', () => {
    const t = tenant('awsandboxdefault')
    for (const id of IDS) {
      const code = encryptedCodeOf(t, cert(id))
      const qr = qrDataOf(t, cert(id), 0xfedcba98)
      expect(code).toMatch(/^CgwIARD[A-Za-z0-9+/]{56}GgA=$/)
      expect(qr).toMatch(/^EhAI[A-Za-z0-9+/]{84}==$/)
      expect(certIdByEncryptedCode(t, code)).toBe(id)
      expect(readQrData(t, qr)).toEqual({ certificate_id: id, version: 0xfedcba98 })
    }
  })

  it('QR data carries the order version: another version is another string, and it reads back', () => {
    const t = tenant('awsandboxdefault')
    const v1 = qrDataOf(t, cert(IDS[0]!), 1)
    const v2 = qrDataOf(t, cert(IDS[0]!), 2)
    expect(v1).not.toBe(v2)
    expect(readQrData(t, v1)?.version).toBe(1)
    expect(readQrData(t, v2)?.version).toBe(2)
  })

  it('differ between certificates and between tenants, and another tenant cannot decode them', () => {
    const a = tenant('tenant-a')
    const b = tenant('tenant-b')
    const codes = new Set(IDS.map((id) => encryptedCodeOf(a, cert(id))))
    expect(codes.size).toBe(IDS.length)
    const code = encryptedCodeOf(a, cert(IDS[0]!))
    expect(encryptedCodeOf(b, cert(IDS[0]!))).not.toBe(code)
    expect(certIdByEncryptedCode(b, code)).toBeUndefined()
    expect(readQrData(b, qrDataOf(a, cert(IDS[0]!), 0))).toBeUndefined()
  })

  it('decode to nothing when one character changes, or a code is offered as QR data', () => {
    const t = tenant('awsandboxdefault')
    const code = encryptedCodeOf(t, cert(IDS[0]!))
    for (let i = 0; i < code.length; i++) {
      const swapped = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1)
      expect(certIdByEncryptedCode(t, swapped)).toBeUndefined()
    }
    expect(readQrData(t, code)).toBeUndefined()
    expect(certIdByEncryptedCode(t, qrDataOf(t, cert(IDS[0]!), 0))).toBeUndefined()
    for (const junk of ['', 'CgwIARDGgA=', `CgwIARD${'%'.repeat(56)}GgA=`])
      expect(certIdByEncryptedCode(t, junk)).toBeUndefined()
  })
})
