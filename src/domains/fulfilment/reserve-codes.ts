/**
 * 预导码 (code_source_type "3"): the merchant imports codes for a sku (批量增加券码); each purchase of the sku takes
 * the oldest unexpired unused ones as its coupons' codes, and 查询券码对应订单信息 finds the order a code went to.
 * Such coupons are verified with `codes` like 三方码, without order_id.
 */
import { invalidParams, platformError } from '../../core/errors.js'
import type { Tenant } from '../../tenants/tenant.js'
import { goodsData, type ProductRecord } from '../goods/goods.store.js'
import { tradeData } from '../trade/trade.store.js'
import { fulfilmentData } from './fulfilment.store.js'
import { reserveCodeData, type ReserveCodeRecord } from './reserve-codes.store.js'

/** sku attribute code_source_type 3: 预导码 */
export const RESERVE_CODE_SOURCE = 3
/** The most codes one batch_import call may add (the sandbox's limit). */
export const MAX_IMPORT = 1000

function productOfSku(t: Tenant, skuId: string): ProductRecord | undefined {
  return goodsData(t)
    .products.values()
    .find((p) => (p.online ?? p.draft).sku?.sku_id === skuId)
}

export function importCodes(
  t: Tenant,
  b: { sku_id: string; third_sku_id?: string | undefined; codes: string[]; expired_time: number },
): { imported: number } {
  const now = t.clock.now()
  const p = productOfSku(t, b.sku_id)
  if (!p) throw platformError('NOT_FOUND', `no sku ${b.sku_id} (a single-sku product of this account)`)
  const sku = (p.online ?? p.draft).sku!
  if (Number(sku.attr_key_value_map.code_source_type ?? 1) !== RESERVE_CODE_SOURCE)
    throw platformError(
      'STATE_CONFLICT',
      `sku ${b.sku_id} is not a 预导码 sku (its code_source_type is ${sku.attr_key_value_map.code_source_type ?? '1'}, not "3")`,
    )
  if (b.expired_time <= now) throw invalidParams(`expired_time ${b.expired_time} is not in the future (now ${now})`)
  const { codes } = reserveCodeData(t)
  const taken = b.codes.filter((c, i) => b.codes.indexOf(c) !== i || codes.get(c) || fulfilmentData(t).byCode.get(c))
  if (taken.length > 0)
    throw platformError('STATE_CONFLICT', `codes already imported or in use: ${[...new Set(taken)].join(', ')}`)
  for (const code of b.codes) {
    codes.put(code, {
      code,
      seq: t.nextSeq('reserve_code'),
      sku_id: b.sku_id,
      product_id: p.product_id,
      third_sku_id: b.third_sku_id ?? sku.out_sku_id ?? '',
      expired_time: b.expired_time,
      imported_at: now,
      order_id: null,
      certificate_id: null,
    })
  }
  return { imported: b.codes.length }
}

/** The `n` codes a purchase of the sku takes (oldest first); throws when fewer are left. Writes nothing. */
export function pickReserveCodes(t: Tenant, productId: string, skuId: string, n: number, now: number): string[] {
  const free = reserveCodeData(t)
    .codes.values()
    .filter((r) => r.sku_id === skuId && r.order_id === null && r.expired_time > now)
    .sort((a, b) => a.seq - b.seq)
  if (free.length < n)
    throw platformError(
      'STATE_CONFLICT',
      `product ${productId} cannot be sold: its sku ${skuId} has ${free.length} unused 预导码 left, ${n} needed (import more with reserve_code/batch_import)`,
    )
  return free.slice(0, n).map((r) => r.code)
}

/** Marks a code as taken by a coupon. */
export function bindReserveCode(t: Tenant, code: string, orderId: string, certificateId: string): void {
  const { codes } = reserveCodeData(t)
  const r = codes.get(code)!
  codes.put(code, { ...r, order_id: orderId, certificate_id: certificateId })
}

/** 查询券码对应订单信息: the order a code was sold with. */
export function bindOrderInfo(t: Tenant, q: { code: string; sku_id: string }) {
  const r: ReserveCodeRecord | undefined = reserveCodeData(t).codes.get(q.code)
  if (!r || r.sku_id !== q.sku_id) throw platformError('NOT_FOUND', `no 预导码 ${q.code} of sku ${q.sku_id}`)
  const order = r.order_id ? tradeData(t).orders.get(r.order_id) : undefined
  if (!order) throw platformError('NOT_FOUND', `预导码 ${q.code} is not sold yet (no order)`)
  const certs = fulfilmentData(t).certificates
  const amount = {
    original_amount: order.original_amount,
    pay_amount: order.pay_amount,
    platform_ticket_amount: order.platform_discount_amount,
    merchant_ticket_amount: order.merchant_discount_amount,
    fee_amount: 0,
    payment_discount_amount: 0,
  }
  return {
    order: {
      order_id: order.order_id,
      sku_id: r.sku_id,
      third_sku_id: r.third_sku_id,
      codes: order.certificate_ids.map((id) => certs.get(id)?.code ?? '').filter(Boolean),
      create_time: order.create_order_time,
      amount_info: amount,
      // the official SDK's model names the same amounts `amount`
      amount,
      tourists: [] as Array<{ name: string; phone: string; id_card: string }>,
    },
  }
}
