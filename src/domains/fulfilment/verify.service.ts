/**
 * The till (seed 000 验券 flow; douyin-api.md §3): prepare a scanned 抖音码, verify coupons one result each,
 * verify 三方码 directly, and cancel a verification within one hour of virtual time.
 * Each call is synchronous between reads and writes, so one coupon is never verified twice.
 */
import type { Tenant } from '../../tenants/tenant.js'
import { settingsOf } from '../../tenants/settings.js'
import type { WebhooksService } from '../../webhooks/webhooks.service.js'
import { tradeData } from '../trade/trade.store.js'
import { fulfilError, FULFIL, needCode, needField, needVerifyInput, type FulfilCode } from './fulfilment.errors.js'
import {
  CERT_STATUS,
  fulfilmentData,
  RECORD_STATUS,
  VERIFY_TYPE,
  type CertificateRecord,
  type VerifyRecord,
} from './fulfilment.store.js'
import { certIdByEncryptedCode, readQrData } from './codes.js'
import { orderQrVersion } from './qr.js'
import { outsideUseTime, usePerConsumeLimit } from './use-rules.js'
import { cancelVerification, type CancelInput, type CancelResult } from './cancel.js'
import { useCoupon } from './coupon-use.js'
import { RESERVE_CODE_SOURCE } from './reserve-codes.js'

export { CANCEL_WINDOW_SECONDS } from './cancel.js'
/** A prepare's verify_token serves one verify call within this time. */
export const TOKEN_TTL_SECONDS = 1800

export interface VerifyResult {
  result: number
  msg: string
  code: string
  origin_code: string
  verify_id: string
  certificate_id: string
  account_id: string
  order_id: string
  product_id: string
  out_good_id: string
  verify_time: number
}

export interface VerifyInput {
  verify_token?: string | undefined
  poi_id: string
  encrypted_codes?: string[] | undefined
  codes?: string[] | undefined
  code_with_time_list?: Array<{ code: string; verify_time: number }> | undefined
  order_id?: string | undefined
}

/** Why a coupon cannot be verified now, or undefined when it can. */
export function unusableReason(c: CertificateRecord, now: number): FulfilCode | undefined {
  if (c.status === CERT_STATUS.USED) return 'USED'
  if (c.status !== CERT_STATUS.UNUSED) return 'REFUNDED'
  if (now > c.expire_time) return 'EXPIRED'
  if (now < c.start_time) return 'NOT_STARTED'
  return undefined
}

/** A coupon the verify_token's earlier call verified, still verified: result 1208 with its verification. */
function verifiedByToken(t: Tenant, certId: string, submitted: string): VerifyResult | undefined {
  const d = fulfilmentData(t)
  const c = d.certificates.get(certId)
  const record = c?.verify_id ? d.records.get(c.verify_id) : undefined
  if (!c || !record || record.status !== RECORD_STATUS.VERIFIED) return undefined
  return {
    result: FULFIL.VERIFIED_BY_TOKEN.code,
    msg: FULFIL.VERIFIED_BY_TOKEN.msg,
    code: submitted,
    origin_code: c.code,
    verify_id: record.verify_id,
    certificate_id: c.certificate_id,
    account_id: t.record.account_id,
    order_id: c.order_id,
    product_id: c.combination_id ?? c.product_id,
    out_good_id: c.out_good_id,
    verify_time: record.verify_time,
  }
}

export class VerifyService {
  constructor(
    private readonly webhooks: WebhooksService,
    /** called for each verification that happened (the ledger schedules its bill) */
    private readonly onVerified: (t: Tenant, record: VerifyRecord) => void = () => undefined,
  ) {}

  /** prepare: by code or QR encrypted_data (encrypted_data wins) → a verify_token and the order's usable coupons. */
  prepare(
    t: Tenant,
    q: { code?: string | undefined; encrypted_data?: string | undefined; poi_id?: string | undefined },
  ) {
    const d = fulfilmentData(t)
    if (!q.code && !q.encrypted_data) throw needCode()
    const qr = q.encrypted_data ? readQrData(t, q.encrypted_data) : undefined
    const certId = q.encrypted_data ? qr?.certificate_id : d.byCode.get(q.code!)?.certificate_id
    const scanned = certId === undefined ? undefined : d.certificates.get(certId)
    if (!scanned)
      throw fulfilError(
        'NOT_FOUND',
        q.encrypted_data ? 'encrypted_data matches no coupon (is it URL-encoded?)' : `code ${q.code}`,
      )
    // 验券准备: after a coupon of the order changed (verified, cancelled, refunded, expired) its QR is void
    if (qr && qr.version !== orderQrVersion(t, scanned))
      throw fulfilError(
        'QR_STALE',
        `a coupon of order ${scanned.order_id} changed since this QR was shown; use the order's current encrypted_data`,
      )
    if (scanned.code_source_type !== 1)
      throw fulfilError('WRONG_FLOW', '三方码 coupons are verified directly with codes and order_id, without prepare')
    if (q.poi_id && !scanned.poi_ids.includes(q.poi_id))
      throw fulfilError('WRONG_POI', `poi_id ${q.poi_id} is not a store of this product`)
    const now = t.clock.now()
    const order = tradeData(t).orders.get(scanned.order_id)
    const siblings = (order?.certificate_ids ?? [scanned.certificate_id])
      .map((id) => d.certificates.get(id)!)
      .filter(Boolean)
    const usable = siblings
      .filter((c) => unusableReason(c, now) === undefined && outsideUseTime(t, c, now) === undefined)
      .sort((a, b) => a.seq - b.seq)
    // 验券准备: "如未返回券码信息,则说明该订单此刻无可用券码": nothing usable is a success with no certificates
    // (a verify naming the scanned coupon then says why, in its verify_results[].result)
    const h = t.random.chars(32, '0123456789abcdef')
    const token = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    d.tokens.put(token, { order_id: scanned.order_id, created_at: now, used: false })
    return { verify_token: token, order_id: scanned.order_id, certificates: usable }
  }

  /** verify: 抖音码 (verify_token + encrypted_codes) or 三方码 (order_id + codes / code_with_time_list). */
  verify(t: Tenant, b: VerifyInput): VerifyResult[] {
    const d = fulfilmentData(t)
    const now = t.clock.now()
    if (b.encrypted_codes && b.encrypted_codes.length > 0) {
      if (!b.verify_token) throw needField('verify_token', 'with encrypted_codes (get one from certificate/prepare)')
      const token = d.tokens.get(b.verify_token)
      if (!token) throw fulfilError('TOKEN_INVALID', 'no prepare issued this verify_token')
      const repeat = token.used
      if (repeat && settingsOf(t).verify_token_single_use)
        throw fulfilError('TOKEN_USED', 'each prepare serves one verify; prepare again')
      if (now - token.created_at > TOKEN_TTL_SECONDS)
        throw fulfilError('TOKEN_EXPIRED', `it was issued at ${token.created_at}, more than ${TOKEN_TTL_SECONDS} s ago`)
      const before = new Set(token.verified ?? [])
      const used = new Map<string, number>()
      const results = b.encrypted_codes.map((code) => {
        const certId = certIdByEncryptedCode(t, code)
        // a repeat with the same verify_token is idempotent: what it verified answers 1208, the rest is tried
        if (repeat && certId !== undefined && before.has(certId)) {
          const done = verifiedByToken(t, certId, code)
          if (done) return done
        }
        return this.verifyOne(t, certId, code, b.poi_id, now, { order: token.order_id, source: 1, used })
      })
      const verified = [...before, ...results.filter((r) => r.result === 0).map((r) => r.certificate_id)]
      d.tokens.put(b.verify_token, { ...token, used: true, verified })
      return results
    }
    const list = b.code_with_time_list ?? (b.codes ?? []).map((code) => ({ code, verify_time: now }))
    if (list.length === 0) throw needVerifyInput()
    // 预导码 (code_source_type 3) name their coupon by themselves; other 三方码 need their order
    const preImported = (code: string) =>
      d.certificates.get(d.byCode.get(code)?.certificate_id ?? '')?.code_source_type === RESERVE_CODE_SOURCE
    if (!b.order_id && !list.every((x) => preImported(x.code)))
      throw needField('order_id', 'to verify 三方码 codes (only 预导码 go without it)')
    const used = new Map<string, number>()
    return list.map((x) =>
      this.verifyOne(t, d.byCode.get(x.code)?.certificate_id, x.code, b.poi_id, x.verify_time, {
        order: b.order_id,
        source: 2,
        used,
      }),
    )
  }

  private verifyOne(
    t: Tenant,
    certId: string | undefined,
    submitted: string,
    poiId: string,
    at: number,
    /** `used`: coupons verified so far in this call, per product (one call is one consumption) */
    expect: { order: string | undefined; source: number; used: Map<string, number> },
  ): VerifyResult {
    const d = fulfilmentData(t)
    const c = certId ? d.certificates.get(certId) : undefined
    const base = {
      code: submitted,
      origin_code: '',
      verify_id: '',
      certificate_id: '',
      account_id: t.record.account_id,
      order_id: '',
      product_id: '',
      out_good_id: '',
      verify_time: 0,
    }
    const fail = (name: FulfilCode, extra: Partial<VerifyResult> = {}): VerifyResult => ({
      ...base,
      ...extra,
      result: FULFIL[name].code,
      msg: FULFIL[name].msg,
    })
    if (!c) return fail('NOT_FOUND')
    const known = {
      certificate_id: c.certificate_id,
      order_id: c.order_id,
      product_id: c.combination_id ?? c.product_id,
      out_good_id: c.out_good_id,
    }
    if (expect.order !== undefined && c.order_id !== expect.order) return fail('NOT_IN_ORDER', known)
    // codes (三方码) also verify 预导码 (3); encrypted_codes only 抖音码 (1)
    if ((c.code_source_type === 1) !== (expect.source === 1)) return fail('WRONG_FLOW', known)
    const reason = unusableReason(c, t.clock.now())
    if (reason) return fail(reason, known)
    if (!c.poi_ids.includes(poiId)) return fail('WRONG_POI', known)
    if (outsideUseTime(t, c, at) !== undefined) return fail('OUT_OF_USE_TIME', known)
    const limit = usePerConsumeLimit(t, c)
    const sofar = expect.used.get(known.product_id) ?? 0
    if (limit !== undefined && sofar >= limit) return fail('OVER_USE_LIMIT', known)
    expect.used.set(known.product_id, sofar + 1)
    const record = useCoupon(t, { webhooks: this.webhooks, onVerified: this.onVerified }, c, {
      poi_id: poiId,
      verify_type: VERIFY_TYPE.API,
      verify_time: at,
      verify_source: 'merchant',
    })
    return {
      ...base,
      ...known,
      result: 0,
      msg: '验券成功',
      origin_code: c.code,
      verify_id: record.verify_id,
      verify_time: at,
    }
  }

  /** cancel: within CANCEL_WINDOW_SECONDS of the verification the coupon becomes usable again (cancel.ts). */
  cancel(t: Tenant, b: CancelInput): CancelResult[] {
    return cancelVerification(t, this.webhooks, b)
  }
}
