/**
 * A certificate's encrypted_code and QR encrypted_data. They look like the platform's (base64 of an opaque
 * blob) but are derived from the certificate id with a per-tenant AES key instead of being stored: the
 * sandbox finds the certificate by decrypting them, so neither the strings nor a lookup index take memory
 * (100k orders in < 300 MB). Another tenant's code, or a changed character, decodes to nothing. The QR data
 * also carries the order's version (qr.ts): a QR shown before a coupon of the order changed is refused.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto'
import type { Tenant } from '../../tenants/tenant.js'
import type { CertificateRecord } from './fulfilment.store.js'

type Kind = 'code' | 'qr'
/** literal prefix and suffix around the base64 body, and the body's length in bytes */
const FORMAT: Record<Kind, { head: string; tail: string; bytes: number; tag: string }> = {
  code: { head: 'CgwIARD', tail: 'GgA=', bytes: 42, tag: 'dy-ecode' },
  /** 4 tag bytes; the other 4 of the block carry the order's version */
  qr: { head: 'EhAI', tail: '==', bytes: 63, tag: 'dy-q' },
}
const ID = /^[1-9]\d{0,18}$/
/** AES blocks per code: the first carries the id, the rest fill the body (42 or 63 bytes) */
const BLOCKS = 4

/** The cipher pair's types, as createCipheriv answers them (the class names differ between @types/node versions). */
interface Codec {
  cipher: ReturnType<typeof createCipheriv>
  decipher: ReturnType<typeof createDecipheriv>
}

/**
 * One AES-128-ECB cipher pair per tenant key (a pure memo: same key, same pair). ECB without padding is
 * stateless per block, so `update()` serves every call and `final()` is never needed.
 */
const CODECS = new Map<string, Codec>()

function codecOf(t: Tenant): Codec {
  let c = CODECS.get(t.key)
  if (!c) {
    const key = createHash('sha256').update(`douyin-sandbox certificate codes ${t.key}`).digest().subarray(0, 16)
    c = {
      cipher: createCipheriv('aes-128-ecb', key, null).setAutoPadding(false),
      decipher: createDecipheriv('aes-128-ecb', key, null).setAutoPadding(false),
    }
    CODECS.set(t.key, c)
  }
  return c
}

function encode(t: Tenant, certificateId: string, kind: Kind, version = 0): string {
  const f = FORMAT[kind]
  if (!ID.test(certificateId)) throw new Error(`certificate id ${certificateId} is not numeric`)
  const plain = Buffer.alloc(16 * BLOCKS)
  for (let b = 0; b < BLOCKS; b++) {
    plain.writeBigUInt64BE(BigInt(certificateId), b * 16)
    plain.write(f.tag, b * 16 + 8, 'latin1')
    if (kind === 'qr') plain.writeUInt32BE(version >>> 0, b * 16 + 12)
    plain[b * 16 + 15]! ^= b // blocks after the first differ, so they encrypt to unrelated bytes
  }
  const body = codecOf(t).cipher.update(plain).subarray(0, f.bytes)
  return `${f.head}${body.toString('base64')}${f.tail}`
}

function decode(t: Tenant, text: string, kind: Kind): { id: string; version: number } | undefined {
  const f = FORMAT[kind]
  const bodyChars = (f.bytes / 3) * 4
  if (text.length !== f.head.length + bodyChars + f.tail.length || !text.startsWith(f.head) || !text.endsWith(f.tail))
    return undefined
  const raw = Buffer.from(text.slice(f.head.length, f.head.length + bodyChars), 'base64')
  if (raw.length !== f.bytes) return undefined
  const block = codecOf(t).decipher.update(raw.subarray(0, 16))
  if (block.length !== 16 || block.toString('latin1', 8, 8 + f.tag.length) !== f.tag) return undefined
  const id = block.readBigUInt64BE().toString()
  const version = kind === 'qr' ? block.readUInt32BE(12) : 0
  return ID.test(id) && encode(t, id, kind, version) === text ? { id, version } : undefined
}

/** The certificate's encrypted_code (抖音码 as the till scans it). */
export function encryptedCodeOf(t: Tenant, c: CertificateRecord): string {
  return encode(t, c.certificate_id, 'code')
}

/** The QR payload prepare accepts as encrypted_data, for the order at `version` (qr.ts: currentQrDataOf). */
export function qrDataOf(t: Tenant, c: CertificateRecord, version: number): string {
  return encode(t, c.certificate_id, 'qr', version)
}

/** certificate_id of an encrypted_code, if it is one of this tenant's. */
export function certIdByEncryptedCode(t: Tenant, text: string): string | undefined {
  return decode(t, text, 'code')?.id
}

/** certificate_id and order version of a QR encrypted_data, if it is one of this tenant's. */
export function readQrData(t: Tenant, text: string): { certificate_id: string; version: number } | undefined {
  const r = decode(t, text, 'qr')
  return r && { certificate_id: r.id, version: r.version }
}
