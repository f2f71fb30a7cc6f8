/**
 * Who may refund what (seed 000 常见问题 7, tables a and b; RefundPolicy for ordinary products):
 * the user follows the pack's refund mode and the 3-day post-verification window; customer service may force
 * a refund; the system refunds at expiry.
 */
import type { Tenant } from '../../tenants/tenant.js'
import { CERT_STATUS, fulfilmentData, VERIFY_TYPE, type CertificateRecord } from '../fulfilment/fulfilment.store.js'
import { REFUND_MODES } from '../goods/combo.js'
import type { ProductRecord } from '../goods/goods.store.js'
import { refundRefused } from './after-sale.errors.js'
import type { RefundBy } from './after-sale.store.js'

/** 抖音码 coupons may be refunded within this long after their verification (seed 000: 发起时效3天). */
export const POST_VERIFY_REFUND_SECONDS = 3 * 86400

/** RefundPolicy attribute of ordinary products: 1 允许退款, 2 不可退款, 3 有条件退 */
export const REFUND_POLICY = { ALLOWED: 1, NONE: 2, CONDITIONAL: 3 } as const

export function refundPolicyOf(p: ProductRecord | undefined): number {
  return Number(p?.online?.product.attr_key_value_map.RefundPolicy ?? REFUND_POLICY.ALLOWED)
}

function verifyRecordOf(t: Tenant, c: CertificateRecord) {
  return fulfilmentData(t).records.get(c.verify_id ?? '')
}

/**
 * The user's self-service rows of a pack (seed 000 常见问题 7, 用户自助): nothing used → 整单退, the whole order;
 * partly used → 未使用部分全部退, every unused coupon at once (支持部分退) or nothing (不支持部分退). Refunds of
 * chosen sub-items are the 客服 rows.
 */
function checkUserPackRefund(mode: number, all: CertificateRecord[], unusedChosen: CertificateRecord[]): void {
  if (unusedChosen.length === 0) return
  const partlyUsed = all.some((c) => c.status === CERT_STATUS.USED)
  if (mode === REFUND_MODES.NO_PARTIAL && partlyUsed) {
    throw refundRefused(
      'this combo pack does not support partial refunds (不支持部分退) and part of it was already used; customer service may still force a refund',
    )
  }
  const unused = all.filter((c) => c.status === CERT_STATUS.UNUSED)
  if (unusedChosen.length === unused.length) return
  throw refundRefused(
    partlyUsed
      ? `a user refunds the unused part of a pack whole (未使用部分全部退): all ${unused.length} unused coupons, not ${unusedChosen.length}; name no certificate_ids, or by: "customer_service" refunds chosen sub-items`
      : `a user refunds an unused pack whole (整单退): all ${unused.length} coupons, not ${unusedChosen.length}; name no certificate_ids, or by: "customer_service" refunds chosen sub-items`,
  )
}

/**
 * Checks a refund of `chosen` certificates of an order whose certificates are `all`; throws the reason it is
 * refused. Returns whether the merchant must confirm it.
 */
export function checkRefund(
  t: Tenant,
  by: RefundBy,
  product: ProductRecord | undefined,
  all: CertificateRecord[],
  chosen: CertificateRecord[],
  viaSpi = false,
): { needAudit: boolean } {
  const done = chosen.find((c) => c.status !== CERT_STATUS.UNUSED && c.status !== CERT_STATUS.USED)
  if (done)
    throw refundRefused(
      `certificate ${done.certificate_id} is already refunded or being refunded (status ${done.status})`,
    )
  if (by !== 'user') return { needAudit: false }
  const now = t.clock.now()
  const used = chosen.filter((c) => c.status === CERT_STATUS.USED)
  for (const c of used) {
    const record = verifyRecordOf(t, c)
    if (record?.verify_type === VERIFY_TYPE.SYSTEM)
      throw refundRefused(
        `certificate ${c.certificate_id} expired unused and was closed (已过期, 不支持退款: the money went to the merchant); customer service may still force a refund`,
      )
    if (c.code_source_type !== 1 && !viaSpi)
      throw refundRefused(
        `certificate ${c.certificate_id} is a verified 三方码; its refund goes through the merchant's refund_apply SPI (PUT /sandbox/spi)`,
      )
    if (c.code_source_type !== 1) continue
    const since = now - (record?.verify_time ?? 0)
    if (since > POST_VERIFY_REFUND_SECONDS)
      throw refundRefused(
        `certificate ${c.certificate_id} was verified ${since} s ago; 抖音码 refunds after verification must be requested within ${POST_VERIFY_REFUND_SECONDS} s (3 days)`,
      )
  }
  const unusedChosen = chosen.filter((c) => c.status === CERT_STATUS.UNUSED)
  const mode = product?.online?.refund_mode ?? null
  if (mode !== null) checkUserPackRefund(mode, all, unusedChosen)
  else if (unusedChosen.length > 0 && refundPolicyOf(product) === REFUND_POLICY.NONE)
    throw refundRefused('the product is not refundable (RefundPolicy 2 不可退款)')
  const confirm = product?.online?.product.attr_key_value_map.refund_need_merchant_confirm === 'true'
  const conditional = mode === null && refundPolicyOf(product) === REFUND_POLICY.CONDITIONAL
  return { needAudit: confirm || conditional || used.length > 0 }
}
