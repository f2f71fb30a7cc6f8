/**
 * The body of the issue_code SPI call: the 组合券包 发券 page's shape (sku and amount objects, validity in
 * seconds), or the flat legacy one of versions up to 0.1 (tenant setting issue_code_flat_body).
 */
import type { CertificateRecord } from '../domains/fulfilment/fulfilment.store.js'
import { goodsData } from '../domains/goods/goods.store.js'
import type { OrderRecord } from '../domains/trade/trade.store.js'
import type { Tenant } from '../tenants/tenant.js'
import type { FlatIssueCodeRequest, IssueCodeRequest } from './spi.requests.js'

const certList = (certs: CertificateRecord[]) =>
  certs.map((c) => ({ certificate_id: c.certificate_id, order_item_id: c.order_item_id }))

const sum = (certs: CertificateRecord[], pick: (c: CertificateRecord) => number) =>
  certs.reduce((n, c) => n + pick(c), 0)

/** groupon_type of the product bought: 2 代金券 (product_type 11), 3 次卡 (15), else 1 团餐券 */
function grouponType(t: Tenant, order: OrderRecord): number {
  const type = goodsData(t).products.get(order.product_id)?.product_type
  return type === 11 ? 2 : type === 15 ? 3 : 1
}

export function issueBody(t: Tenant, order: OrderRecord, certs: CertificateRecord[]): IssueCodeRequest {
  return {
    order_id: order.order_id,
    count: order.count,
    sku: {
      sku_name: order.sku_name,
      sku_id: order.sku_id,
      third_sku_id: certs[0]?.sku.third_sku_id ?? '',
      groupon_type: grouponType(t, order),
    },
    open_id: order.open_id,
    start_time: Math.min(...certs.map((c) => c.start_time)),
    expire_time: Math.max(...certs.map((c) => c.expire_time)),
    amount: {
      original_amount: order.original_amount,
      pay_amount: order.pay_amount,
      merchant_ticket_amount: sum(certs, (c) => c.amount.merchant_ticket_amount),
      platform_discount_amount: sum(certs, (c) => c.amount.platform_discount_amount),
      payment_discount_amount: sum(certs, (c) => c.amount.payment_discount_amount),
    },
    create_order_time: order.create_order_time,
    certificates: certList(certs),
  }
}

export function flatIssueBody(order: OrderRecord, certs: CertificateRecord[]): FlatIssueCodeRequest {
  return {
    order_id: order.order_id,
    sku_id: order.sku_id,
    count: order.count,
    open_id: order.open_id,
    pay_amount: order.pay_amount,
    original_amount: order.original_amount,
    create_order_time: order.create_order_time,
    certificates: certList(certs),
  }
}
