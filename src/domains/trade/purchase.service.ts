/**
 * A simulated consumer buys (POST /sandbox/orders, design.md): an online product inside its sale window with
 * stock, within limit_rule per open_id. The order and its certificates are created, stock moves from avail to
 * sold, and life_trade_order_notify (pay_success) is emitted.
 */
import type { Tenant } from '../../tenants/tenant.js'
import type { WebhooksService } from '../../webhooks/webhooks.service.js'
import { goodsData, type ProductRecord } from '../goods/goods.store.js'
import { ONLINE } from '../goods/product.lifecycle.js'
import { needProductRef } from '../goods/goods.errors.js'
import { findProduct } from '../goods/product.service.js'
import type { CertificateRecord } from '../fulfilment/fulfilment.store.js'
import { issueCertificates } from '../fulfilment/issue.js'
import { badDiscounts, foreignPoi, notForSale, outOfStock, overLimit, subProductNotForSale } from './trade.errors.js'
import { ORDER_STATUS, ORDER_TYPE, tradeData, type Discount, type OrderRecord } from './trade.store.js'
import { takeSnapshot } from './order-snapshot.js'

export interface PurchaseInput {
  /** set by the pre-create SPI step, which needs the id before the order exists */
  order_id?: string | undefined
  product_id?: string | undefined
  out_id?: string | undefined
  count?: number | undefined
  open_id?: string | undefined
  pay_amount?: number | undefined
  discounts?:
    | Array<{
        discount_type?: number | undefined
        merchant_discount_amount?: number | undefined
        platform_discount_amount?: number | undefined
      }>
    | undefined
  poi_id?: string | undefined
}

function limitOf(rec: ProductRecord): number | undefined {
  try {
    const rule = JSON.parse(rec.online?.sku?.attr_key_value_map.limit_rule ?? '{}') as {
      is_limit?: boolean
      total_buy_num?: number
    }
    return rule.is_limit && rule.total_buy_num ? rule.total_buy_num : undefined
  } catch {
    return undefined
  }
}

function discountsOf(input: PurchaseInput, original: number): { list: Discount[]; merchant: number; platform: number } {
  const list: Discount[] = (input.discounts ?? []).map((d) => {
    const merchant = d.merchant_discount_amount ?? 0
    const platform = d.platform_discount_amount ?? 0
    return {
      discount_type: d.discount_type ?? 1,
      discount_amount: merchant + platform,
      merchant_discount_amount: merchant,
      platform_discount_amount: platform,
    }
  })
  if (input.pay_amount !== undefined && list.length === 0 && input.pay_amount < original) {
    list.push({
      discount_type: 1,
      discount_amount: original - input.pay_amount,
      merchant_discount_amount: 0,
      platform_discount_amount: original - input.pay_amount,
    })
  }
  const merchant = list.reduce((s, d) => s + d.merchant_discount_amount, 0)
  const platform = list.reduce((s, d) => s + d.platform_discount_amount, 0)
  if (merchant + platform > original)
    throw badDiscounts(`discounts (${merchant + platform} fen) exceed the order's original_amount (${original} fen)`)
  if (input.pay_amount !== undefined && input.pay_amount !== original - merchant - platform) {
    throw badDiscounts(
      `pay_amount ${input.pay_amount} must equal original_amount ${original} minus discounts ${merchant + platform}`,
    )
  }
  return { list, merchant, platform }
}

/** Asked before a purchase with the order id it will get (the 三方码 pre_create_order SPI). */
export type BeforeBuy = (t: Tenant, product: ProductRecord, count: number, orderId: string) => Promise<void>

export class PurchaseService {
  constructor(
    private readonly webhooks: WebhooksService,
    /** called after each purchase (expiry scheduling, 三方码 issuing) */
    private readonly onPurchased: (t: Tenant, order: OrderRecord, certs: CertificateRecord[]) => void = () => undefined,
    /** true when the tenant's merchant issues 三方码 codes through the issue-code SPI */
    private readonly merchantIssues: (t: Tenant) => boolean = () => false,
    /** asked before each purchase, once the purchase could happen */
    private readonly beforeBuy: BeforeBuy = async () => undefined,
  ) {}

  /** POST /sandbox/orders: a consumer buys — checked, then the pre-create SPI is asked, then the purchase. */
  async purchase(t: Tenant, input: PurchaseInput): Promise<{ order: OrderRecord; certificates: CertificateRecord[] }> {
    if (input.product_id === undefined && input.out_id === undefined) throw needProductRef()
    const orderId = t.random.id()
    await this.beforeBuy(t, this.check(t, input), input.count ?? 1, orderId)
    return this.buy(t, { ...input, order_id: orderId })
  }

  /** Checks a purchase could happen now (the pre-create SPI is asked only for one that could). */
  check(t: Tenant, input: PurchaseInput): ProductRecord {
    const pack = input.product_id ? goodsData(t).subProducts.get(input.product_id) : undefined
    if (pack) throw subProductNotForSale(input.product_id!, pack.combination_id)
    const rec = findProduct(t, input)
    const now = t.clock.now()
    const v = rec.online
    if (!v || rec.online_status !== ONLINE.ONLINE) throw notForSale(rec.product_id, 'it is not online')
    if (now < v.product.sold_start_time || now >= v.product.sold_end_time)
      throw notForSale(
        rec.product_id,
        `now (${now}) is outside its sale window ${v.product.sold_start_time}–${v.product.sold_end_time}`,
      )
    if (!v.sku) throw notForSale(rec.product_id, 'it has no single sku (multi-SKU purchase is not simulated)')
    const pois = v.product.pois.map((p) => p.poi_id)
    if (input.poi_id !== undefined && !pois.includes(input.poi_id)) throw foreignPoi(rec.product_id, input.poi_id, pois)
    const count = input.count ?? 1
    if (rec.stock.limit_type === 1 && rec.stock.avail_qty < count)
      throw outOfStock(rec.product_id, rec.stock.avail_qty, count)
    return rec
  }

  /** The purchase itself: one synchronous step, so concurrent buyers never oversell. */
  buy(t: Tenant, input: PurchaseInput): { order: OrderRecord; certificates: CertificateRecord[] } {
    const rec = this.check(t, input)
    const v = rec.online!
    if (!v.sku) throw notForSale(rec.product_id, 'it has no single sku')
    const now = t.clock.now()
    const count = input.count ?? 1
    const openId = input.open_id ?? `_000${t.random.chars(28)}`
    const { bought, orders } = tradeData(t)
    const limit = limitOf(rec)
    const already = bought.get(`${rec.product_id}|${openId}`)?.units ?? 0
    if (limit !== undefined && already + count > limit) throw overLimit(rec.product_id, limit, already, count)
    const original = v.sku.actual_amount * count
    const d = discountsOf(input, original)
    const pay = original - d.merchant - d.platform
    const poiId = input.poi_id ?? v.product.pois[0]?.poi_id ?? ''
    const orderId = input.order_id ?? t.random.id()
    const pending = Number(v.sku.attr_key_value_map.code_source_type ?? 1) === 2 && this.merchantIssues(t)
    const certificates = issueCertificates(t, {
      pending_codes: pending,
      order_id: orderId,
      product: rec,
      count,
      pay_amount: pay,
      merchant_discount: d.merchant,
      platform_discount: d.platform,
      now,
    })
    const order: OrderRecord = {
      order_id: orderId,
      seq: t.nextSeq('order'),
      order_type: rec.product_type === 15 ? ORDER_TYPE.TIMES_CARD : ORDER_TYPE.GROUPON,
      order_status: ORDER_STATUS.AVAILABLE,
      product_id: rec.product_id,
      product_name: v.product.product_name,
      sku_id: v.sku.sku_id,
      sku_name: v.sku.sku_name,
      count,
      open_id: openId,
      original_amount: original,
      pay_amount: pay,
      discount_amount: d.merchant + d.platform,
      discounts: d.list,
      merchant_discount_amount: d.merchant,
      platform_discount_amount: d.platform,
      poi_id: poiId,
      certificate_ids: certificates.map((c) => c.certificate_id),
      create_order_time: now,
      update_order_time: now,
      pay_time: now,
      snapshot_id: takeSnapshot(t, rec),
    }
    orders.put(orderId, order)
    if (limit !== undefined) bought.put(`${rec.product_id}|${openId}`, { units: already + count })
    const s = rec.stock
    const stock = {
      ...s,
      avail_qty: s.limit_type === 1 ? s.avail_qty - count : s.avail_qty,
      sold_qty: s.sold_qty + count,
      sold_count: s.sold_count + count,
    }
    if (s.limit_type === 2) stock.stock_qty = s.stock_qty + count
    goodsData(t).products.put(rec.product_id, { ...rec, stock })
    this.onPurchased(t, order, certificates)
    this.webhooks.emit(t, {
      event: 'life_trade_order_notify',
      from_user_id: openId,
      content: {
        action: 'pay_success',
        msg_time: now,
        order: {
          order_id: orderId,
          account_id: t.record.account_id,
          pay_amount: pay,
          original_amount: original,
          create_time: now,
          pay_time: now,
        },
      },
    })
    return { order, certificates }
  }
}
