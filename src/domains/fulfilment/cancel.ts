/**
 * 撤销核销: a verification can be cancelled within one hour of virtual time (seed 000: 超过一小时不可撤销). A 次卡
 * use is cancelled by its verify_id, or its latest uses by `times_card_cancel_count` with verify_id "0"; a
 * `cancel_token` makes a 次卡 cancellation idempotent for an hour.
 */
import type { Tenant } from '../../tenants/tenant.js'
import type { WebhooksService } from '../../webhooks/webhooks.service.js'
import { syncOrderStatus } from '../trade/order-status.js'
import { fulfilError, needField } from './fulfilment.errors.js'
import { CERT_STATUS, fulfilmentData, RECORD_STATUS, type VerifyRecord } from './fulfilment.store.js'
import { afterCancel } from './time-card.js'
import { certificateNotify } from './certificate-notify.js'

/** A verification can be cancelled this long after it happened (seed 000: 超过一小时不可撤销). */
export const CANCEL_WINDOW_SECONDS = 3600

export interface CancelInput {
  verify_id: string
  certificate_id: string
  /** 次卡: how many of its latest uses to cancel (used when verify_id is "0") */
  times_card_cancel_count?: number | undefined
  /** 次卡: a repeat with the same token within an hour succeeds without cancelling again */
  cancel_token?: string | undefined
}

/** One cancelled verification as 撤销核销 answers it (cancel_results[]): result_code 0 is success. */
export interface CancelResult {
  verify_id: string
  order_id: string
  result_code: number
  result_msg: string
}

/**
 * Cancels the verifications the request names (all or none: a failure throws before any is cancelled) and
 * answers one result each; a repeat with a 次卡's cancel_token answers the verifications the first call cancelled.
 */
export function cancelVerification(t: Tenant, webhooks: WebhooksService, b: CancelInput): CancelResult[] {
  const d = fulfilmentData(t)
  const now = t.clock.now()
  const tokenKey = b.cancel_token ? `${b.certificate_id}|${b.cancel_token}` : undefined
  const seen = tokenKey ? d.cancelTokens.get(tokenKey) : undefined
  const done = (ids: string[]) =>
    ids.map((id) => ({
      verify_id: id,
      order_id: d.records.get(id)?.order_id ?? '',
      result_code: 0,
      result_msg: 'success',
    }))
  if (seen && now - seen.at <= CANCEL_WINDOW_SECONDS) return done(seen.verify_ids)
  const records = pick(t, b, now)
  for (const r of records) cancelOne(t, webhooks, r, now)
  if (tokenKey) d.cancelTokens.put(tokenKey, { at: now, verify_ids: records.map((r) => r.verify_id) })
  return done(records.map((r) => r.verify_id))
}

/** The verifications the request names, each checked. */
function pick(t: Tenant, b: CancelInput, now: number): VerifyRecord[] {
  const d = fulfilmentData(t)
  if (b.verify_id === '0') {
    const c = d.certificates.get(b.certificate_id)
    if (!c) throw fulfilError('RECORD_NOT_FOUND', `no certificate ${b.certificate_id}`)
    const n = b.times_card_cancel_count
    if (!c.time_card || n === undefined || n < 1)
      throw needField('times_card_cancel_count', '(≥ 1, for a 次卡) when verify_id is "0"')
    const standing = c.verify_ids
      .map((id) => d.records.get(id)!)
      .filter((r) => r && r.status === RECORD_STATUS.VERIFIED)
      .sort((a, z) => z.seq - a.seq)
    const open = standing.filter((r) => now - r.verify_time <= CANCEL_WINDOW_SECONDS)
    if (open.length < n)
      throw fulfilError(
        standing.length < n ? 'RECORD_NOT_FOUND' : 'CANCEL_LATE',
        `certificate ${c.certificate_id} has ${standing.length} standing uses, ${open.length} of them within ${CANCEL_WINDOW_SECONDS} s; cannot cancel ${n}`,
      )
    return open.slice(0, n)
  }
  const record = d.records.get(b.verify_id)
  if (!record || record.certificate_id !== b.certificate_id)
    throw fulfilError('RECORD_NOT_FOUND', `no verification ${b.verify_id} of certificate ${b.certificate_id}`)
  if (record.status === RECORD_STATUS.CANCELLED)
    throw fulfilError('ALREADY_CANCELLED', `verification ${b.verify_id} was cancelled at ${record.cancel_time}`)
  if (now - record.verify_time > CANCEL_WINDOW_SECONDS) {
    throw fulfilError(
      'CANCEL_LATE',
      `verified at ${record.verify_time}, cancellable until ${record.verify_time + CANCEL_WINDOW_SECONDS} (virtual now ${now})`,
    )
  }
  return [record]
}

function cancelOne(t: Tenant, webhooks: WebhooksService, record: VerifyRecord, now: number): void {
  const d = fulfilmentData(t)
  const c = d.certificates.get(record.certificate_id)!
  const stands = c.time_card
    ? c.status === CERT_STATUS.UNUSED || c.status === CERT_STATUS.USED
    : c.status === CERT_STATUS.USED && c.verify_id === record.verify_id
  if (!stands)
    throw fulfilError('REFUNDED', `certificate ${c.certificate_id} is no longer in the state this verification left it`)
  d.records.put(record.verify_id, { ...record, status: RECORD_STATUS.CANCELLED, cancel_time: now })
  const standing = c.verify_ids.map((id) => d.records.get(id)!).filter((r) => r && r.status === RECORD_STATUS.VERIFIED)
  d.certificates.put(c.certificate_id, afterCancel(c, standing, now))
  syncOrderStatus(t, c.order_id)
  webhooks.emit(t, certificateNotify(t, c, 'verify_cancel'))
}
