/**
 * Read side of certificates: the certificate shape of prepare/get/query and the verify history
 * (douyin-api.md §3.4–3.6). The plain code is hidden while a coupon is unused or still cancellable.
 */
import type { Tenant } from '../../tenants/tenant.js'
import { bookersOf } from '../trade/booking.service.js'
import { tradeData } from '../trade/trade.store.js'
import { fulfilError, needOneOf } from './fulfilment.errors.js'
import {
  CERT_STATUS,
  fulfilmentData,
  RECORD_STATUS,
  VERIFY_RECORD_INDEX,
  type CertificateRecord,
  type VerifyRecord,
} from './fulfilment.store.js'
import { CANCEL_WINDOW_SECONDS } from './cancel.js'
import { certIdByEncryptedCode, encryptedCodeOf } from './codes.js'
import { timeCardView, verifyAmountInfo } from './time-card.js'
import { amountView } from './amount.views.js'
import { notAvailableTimeInfo } from './use-rules.js'
import { newestFirst, run, selects, total } from '../../store/seq-page.js'
import { commaItems } from '../../core/lists.js'

export const MAX_RECORD_PAGE = 50

function canCancel(r: VerifyRecord, now: number): boolean {
  return r.status === RECORD_STATUS.VERIFIED && now - r.verify_time <= CANCEL_WINDOW_SECONDS
}

function verifyView(r: VerifyRecord, now: number) {
  return {
    verify_id: r.verify_id,
    certificate_id: r.certificate_id,
    verify_type: r.verify_type,
    verify_time: r.verify_time,
    can_cancel: canCancel(r, now),
    verifier_unique_id: '开放平台API',
    poi_id: r.poi_id,
    ...(r.times_card_serial_num === undefined ? {} : { times_card_serial_num: r.times_card_serial_num }),
  }
}

/** used_status_type (核销类型; values not published): 0 not used, 1 used up, 2 a 次卡 with uses left. */
export const USED_STATUS = { NONE: 0, USED: 1, PARTLY: 2 } as const

function usedStatusType(c: CertificateRecord): number {
  if (c.status === CERT_STATUS.USED) return USED_STATUS.USED
  const timesUsed = c.time_card?.times_used ?? 0
  return c.status === CERT_STATUS.UNUSED && timesUsed > 0 ? USED_STATUS.PARTLY : USED_STATUS.NONE
}

/** `{ verify_amount_info }` of a card's use, `{}` for any other verification. */
function amountInfoOf(c: CertificateRecord, r: VerifyRecord) {
  const info = verifyAmountInfo(c, r)
  return info ? { verify_amount_info: info } : {}
}

/** verify_amount_info of the verification `verifyId` when it is a card's use (the verify answer's results). */
export function verifyAmountInfoOf(t: Tenant, verifyId: string) {
  const d = fulfilmentData(t)
  const r = verifyId ? d.records.get(verifyId) : undefined
  const c = r ? d.certificates.get(r.certificate_id) : undefined
  return r && c ? amountInfoOf(c, r) : {}
}

/**
 * 验券准备's reserve_info of each coupon: the 预约人 of its live booking. credential_type 1 (身份证) with the ID
 * number the booking was given, else 0 and "" (the sandbox's choice: no public page lists the credential types).
 */
export function reserveInfosOf(t: Tenant, certs: readonly CertificateRecord[]) {
  const bookers = bookersOf(t, new Set(certs.map((c) => c.order_id)))
  return (c: CertificateRecord) => ({
    order_reserve_user_info_list: (bookers.get(c.certificate_id) ?? []).map((u) => ({
      name: u.name,
      phone: u.phone,
      credential_type: u.id_card_no ? 1 : 0,
      credential_numb: u.id_card_no,
    })),
  })
}

/**
 * A certificate as prepare, certificate/get and certificate/query answer it. `verify` (the standing
 * verification) is left out while there is none, as in the documents' examples of an unused coupon.
 */
export function certificateView(t: Tenant, c: CertificateRecord) {
  const d = fulfilmentData(t)
  const now = t.clock.now()
  const records = c.verify_ids.map((id) => d.records.get(id)).filter((r) => r !== undefined)
  const current = c.verify_id ? d.records.get(c.verify_id) : undefined
  const hideCode = c.status === CERT_STATUS.UNUSED || (current !== undefined && canCancel(current, now))
  return {
    certificate_id: c.certificate_id,
    encrypted_code: encryptedCodeOf(t, c),
    ...(hideCode ? {} : { code: c.code }),
    status: c.status,
    used_status_type: usedStatusType(c),
    start_time: c.start_time,
    expire_time: c.expire_time,
    amount: amountView(c.amount),
    sku: c.sku,
    ...(current ? { verify: verifyView(current, now) } : {}),
    verify_records: records.map((r) => verifyView(r, now)),
    order_id: c.order_id,
    combination_id: c.combination_id ?? '',
    out_good_id: c.out_good_id,
    sub_item_name: c.sub_item_name ?? '',
    ...(c.time_card ? { time_card: timeCardView(c)! } : {}),
    not_available_time_info: notAvailableTimeInfo(t, c),
  }
}

type CertificateView = ReturnType<typeof certificateView>

/**
 * certificate/get's validity in milliseconds, as its field list gives `start_time`/`expire_time` (example
 * expire_time 1682265599000); its field list says 单位秒 for `verify.verify_time` (example 1651152314) and
 * `sku.sold_start_time`, so those, like every other time, stay seconds.
 */
function timesInMs(v: CertificateView): CertificateView {
  const ms = (s: number) => s * 1000
  return { ...v, start_time: ms(v.start_time), expire_time: ms(v.expire_time) }
}

export class FulfilmentViews {
  /** certificate/get by encrypted_code (start_time/expire_time in milliseconds, the other times in seconds). */
  get(t: Tenant, encryptedCode: string) {
    const d = fulfilmentData(t)
    const c = d.certificates.get(certIdByEncryptedCode(t, encryptedCode) ?? '')
    if (!c) throw fulfilError('NOT_FOUND', 'encrypted_code matches no coupon (is it URL-encoded?)')
    const view = timesInMs(certificateView(t, c))
    return { certificate: view, certificate_v2: view }
  }

  /** certificate/query by encrypted_code xor order_id. */
  query(t: Tenant, q: { encrypted_code?: string | undefined; order_id?: string | undefined }) {
    if ((q.encrypted_code === undefined) === (q.order_id === undefined)) throw needOneOf('encrypted_code', 'order_id')
    const d = fulfilmentData(t)
    let certs: CertificateRecord[]
    if (q.order_id !== undefined) {
      const order = tradeData(t).orders.get(q.order_id)
      if (!order) throw fulfilError('NOT_FOUND', `no order ${q.order_id}`)
      certs = order.certificate_ids.map((id) => d.certificates.get(id)!).filter(Boolean)
    } else {
      const c = d.certificates.get(certIdByEncryptedCode(t, q.encrypted_code!) ?? '')
      if (!c) throw fulfilError('NOT_FOUND', 'encrypted_code matches no coupon')
      certs = [c]
    }
    const views = certs.map((c) => certificateView(t, c))
    return { certificates: views, certificates_v2: views }
  }

  /** verify_record/query: newest first; cursor "0" starts, then the last record's cursor. */
  records(
    t: Tenant,
    q: {
      cursor: string
      size: number
      poi_ids?: string | undefined
      start_time?: number | undefined
      end_time?: number | undefined
    },
  ) {
    const d = fulfilmentData(t)
    const now = t.clock.now()
    const pois = commaItems(q.poi_ids)
    const ix = d.records.index(VERIFY_RECORD_INDEX)
    const buckets = pois.length === 0 ? [''] : [...new Set(pois)].map((p) => `poi:${p}`)
    const runs = buckets.map((b) => run(ix.list(b), q.start_time, q.end_time))
    // a cursor outside the selection starts from the top, as it always has
    const seq = q.cursor === '0' ? undefined : ix.seqOf(q.cursor)
    const below = seq !== undefined && selects(runs, q.cursor, seq) ? seq : undefined
    const ids = newestFirst(runs, q.size, { below })
    const page = ids.map((id) => {
      const r = d.records.get(id)!
      const c = d.certificates.get(r.certificate_id)!
      const hideCode = r.status === RECORD_STATUS.CANCELLED || canCancel(r, now)
      return {
        cursor: r.verify_id,
        verify_id: r.verify_id,
        certificate_id: r.certificate_id,
        order_id: r.order_id,
        poi_id: r.poi_id,
        ...(hideCode ? {} : { code: c.code }),
        encrypted_code: encryptedCodeOf(t, c),
        verify_type: r.verify_type,
        verify_time: r.verify_time,
        status: r.status,
        cancel_time: r.cancel_time,
        can_cancel: canCancel(r, now),
        certificate_status: c.status,
        amount: amountView(c.amount),
        sku: c.sku,
        ...amountInfoOf(c, r),
      }
    })
    return { records: page, records_v2: page, total: total(runs) }
  }
}
