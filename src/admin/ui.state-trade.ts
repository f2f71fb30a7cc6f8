/**
 * The console's view of a tenant's trade: orders with their coupons (plain code, the till's encrypted_code, the
 * QR payload, the verification still cancellable), after-sales and ledger records. No HTTP here.
 */
import type { Tenant } from '../tenants/tenant.js'
import { afterSaleData } from '../domains/after-sale/after-sale.store.js'
import { encryptedCodeOf } from '../domains/fulfilment/codes.js'
import { currentQrDataOf, orderQrVersion } from '../domains/fulfilment/qr.js'
import { CERT_STATUS, fulfilmentData, RECORD_STATUS } from '../domains/fulfilment/fulfilment.store.js'
import { CANCEL_WINDOW_SECONDS } from '../domains/fulfilment/verify.service.js'
import { goodsData } from '../domains/goods/goods.store.js'
import { settleData } from '../domains/settle/settle.store.js'
import { tradeData } from '../domains/trade/trade.store.js'

const newestFirst = <T extends { seq: number }>(rows: T[], limit: number): T[] =>
  rows.sort((a, b) => b.seq - a.seq).slice(0, limit)

export function ordersView(t: Tenant, limit: number) {
  const { certificates, records } = fulfilmentData(t)
  const products = goodsData(t).products
  const now = t.clock.now()
  return newestFirst(tradeData(t).orders.values(), limit).map((o) => {
    const refundMode = products.get(o.product_id)?.online?.refund_mode ?? null
    const coupons = o.certificate_ids.map((id) => certificates.get(id)).filter((c) => c !== undefined)
    const version = coupons[0] && orderQrVersion(t, coupons[0]) // the order's QR version, once for all its coupons
    return {
      order_id: o.order_id,
      order_status: o.order_status,
      product_id: o.product_id,
      product_name: o.product_name,
      refund_mode: refundMode,
      count: o.count,
      open_id: o.open_id,
      pay_amount: o.pay_amount,
      poi_id: o.poi_id,
      create_order_time: o.create_order_time,
      certificates: coupons.map((c) => {
        const record = c.verify_id ? records.get(c.verify_id) : undefined
        const standing = c.status === CERT_STATUS.USED && record?.status === RECORD_STATUS.VERIFIED
        const cancelUntil = standing && record.verify_type !== 0 ? record.verify_time + CANCEL_WINDOW_SECONDS : null
        return {
          certificate_id: c.certificate_id,
          status: c.status,
          sub_item_name: c.sub_item_name ?? '',
          code: c.code,
          code_source_type: c.code_source_type,
          encrypted_code: encryptedCodeOf(t, c),
          encrypted_data: currentQrDataOf(t, c, version),
          pay_amount: c.amount.pay_amount,
          start_time: c.start_time,
          expire_time: c.expire_time,
          refund_amount: c.refund_amount,
          verify_id: standing ? c.verify_id : null,
          verify_time: record?.verify_time ?? null,
          verify_type: record?.verify_type ?? null,
          cancel_until: cancelUntil !== null && cancelUntil >= now ? cancelUntil : null,
        }
      }),
    }
  })
}

export function afterSalesView(t: Tenant, limit: number) {
  return newestFirst(afterSaleData(t).afterSales.values(), limit).map((a) => ({
    after_sale_id: a.after_sale_id,
    order_id: a.order_id,
    by: a.by,
    refund_type: a.refund_type,
    status: a.status,
    refund_amount: a.refund_amount,
    reason: a.reason,
    reject_reason: a.reject_reason,
    certificate_ids: a.items.map((i) => i.certificate_id),
    create_time: a.create_time,
  }))
}

export function ledgerView(t: Tenant, limit: number) {
  return newestFirst(settleData(t).ledgers.values(), limit).map((l) => ({
    ledger_id: l.ledger_id,
    fund_amount_type: l.fund_amount_type,
    status: l.status,
    order_id: l.order_id,
    certificate_id: l.certificate_id,
    bill_date: l.bill_date,
    ledger_time: l.ledger_time,
    original: l.amount.original,
    commission: l.amount.commission,
    goods: l.amount.goods,
  }))
}
