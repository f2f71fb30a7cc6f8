/**
 * trade/order/query (douyin-api.md §4.1): by order_id; by account + status / time window; by open_id + window.
 */
import { createHash } from 'node:crypto'
import type { Tenant } from '../../tenants/tenant.js'
import { encryptedCodeOf } from '../fulfilment/codes.js'
import { currentQrDataOf, orderQrVersion } from '../fulfilment/qr.js'
import { fulfilmentData, type CertificateRecord } from '../fulfilment/fulfilment.store.js'
import { noOrder, noQueryMode, unpairedWindow } from './trade.errors.js'
import { ORDER_INDEX, tradeData, type OrderRecord } from './trade.store.js'
import { goodsDetail, snapshotProduct } from './order-snapshot.js'
import { newestPage, run, total } from '../../store/seq-page.js'
import { settingsOf } from '../../tenants/settings.js'

/** 抖音用户id of an order's consumer: 16 digits derived from the open_id, so one consumer has one user_id. */
export function userIdOf(openId: string): string {
  const n = BigInt(`0x${createHash('sha256').update(openId).digest('hex').slice(0, 15)}`)
  return String(1_000_000_000_000_000n + (n % 9_000_000_000_000_000n))
}

export interface OrderQuery {
  page_num: number
  page_size: number
  order_id?: string | undefined
  ext_order_id?: string | undefined
  open_id?: string | undefined
  order_status?: number | undefined
  create_order_start_time?: number | undefined
  create_order_end_time?: number | undefined
  update_order_start_time?: number | undefined
  update_order_end_time?: number | undefined
}

/** An order's discount as the models give it: no brand (品牌) or provider (服务商) share in the sandbox. */
function discountView(x: OrderRecord['discounts'][number]) {
  return { ...x, brand_discount_amount: 0, provider_discount_amount: 0 }
}

export function orderView(t: Tenant, o: OrderRecord) {
  const d = fulfilmentData(t)
  const poi = t.record.pois.find((p) => p.poi_id === o.poi_id)
  // the platform's commission on what the merchant sells (原价 − 商家优惠), as the ledger bills it at verify
  const commission = Math.round(
    ((o.original_amount - o.merchant_discount_amount) * settingsOf(t).commission_rate_percent) / 100,
  )
  const discounts = o.discounts.map(discountView)
  return {
    order_id: o.order_id,
    order_type: o.order_type,
    order_status: o.order_status,
    sku_id: o.sku_id,
    sku_name: o.sku_name,
    third_sku_id: '',
    count: o.count,
    original_amount: o.original_amount,
    pay_amount: o.pay_amount,
    discount_amount: o.discount_amount,
    payment_discount: 0,
    discounts,
    order_pay_amount: o.pay_amount,
    receipt_amount: o.pay_amount,
    amount_info: {
      origin_amount: o.original_amount,
      product_origin_amount: o.original_amount,
      sale_price: o.original_amount,
      pay_amount: o.pay_amount,
      order_pay_amount: o.pay_amount,
      pay_discount_amount: 0,
      merchant_discount_amount: o.merchant_discount_amount,
      platform_discount_amount: o.platform_discount_amount,
      brand_discount_amount: 0,
      provider_discount_amount: 0,
      activities_fee_amount: 0,
      freight_pay_amount: 0,
      merchant_deliver_freight_fee: 0,
      platform_deliver_freight_fee: 0,
      commission_amount: commission,
      estimated_order_income: o.original_amount - o.merchant_discount_amount - commission,
    },
    sub_order_amount_infos: [
      {
        sub_order_id: o.order_id,
        sub_order_type: 100,
        sku_id: o.sku_id,
        sub_sku_id: '',
        combination_id: '',
        origin_amount: o.original_amount,
        pay_amount: o.pay_amount,
        discount_amount: o.discount_amount,
        receipt_amount: o.pay_amount,
        sub_coupon_pay_amount: o.pay_amount,
        discounts,
      },
    ],
    create_order_time: o.create_order_time,
    update_order_time: o.update_order_time,
    pay_time: o.pay_time,
    open_id: o.open_id,
    user_id: userIdOf(o.open_id),
    poi_id: o.poi_id,
    intention_poi_id: o.poi_id,
    room_id: '',
    attribute_info: { room_id: '' },
    has_donated_items: false,
    poi: {
      poi_id: o.poi_id,
      poi_name: poi?.poi_name ?? '',
      intention_poi_id: o.poi_id,
      intention_poi_name: poi?.poi_name ?? '',
    },
    merchant_info: { account_id: t.record.account_id, account_name: t.record.account_name },
    certificate: o.certificate_ids.map((id) => {
      const c = d.certificates.get(id)!
      return {
        certificate_id: c.certificate_id,
        order_item_id: c.order_item_id,
        item_status: c.item_status,
        item_update_time: c.item_update_time,
        refund_amount: c.refund_amount,
        refund_time: c.refund_time,
        combination_id: c.combination_id ?? '',
        sub_product_id: c.sub_product_id ?? '',
        sku_id: o.sku_id,
        sub_sku_id: c.combination_id === null ? '' : c.sku.sku_id,
        origin_certificate_id: '',
        is_donated_item: false,
      }
    }),
    goods: [
      { sku_id: o.sku_id, sku_name: o.sku_name, third_sku_id: '', count: o.count, goods_detail: goodsDetail(t, o) },
    ],
    contacts: [],
    products: [
      {
        product_id: o.product_id,
        sku_id: o.sku_id,
        product_name: o.product_name,
        num: o.count,
        origin_amount: o.original_amount,
        snapshot_product: snapshotProduct(t, o),
      },
    ],
  }
}

/** An order's search_after cursor: its create time and id, as strings. */
const cursorOf = (o: OrderRecord): string[] => [String(o.create_order_time), o.order_id]

function checkPair(
  q: OrderQuery,
  a: 'create_order_start_time' | 'update_order_start_time',
  b: 'create_order_end_time' | 'update_order_end_time',
): void {
  if ((q[a] === undefined) !== (q[b] === undefined)) throw unpairedWindow(a, b)
}

/**
 * Orders of the tenant matching the query, newest first, one page. The page's search_after has the keys of the
 * operation's model: trade/order/query `Size`, `CursorValue`; akte/order/query (`akte`) `size`, `cursor`,
 * `all_cursor`.
 */
export function queryOrders(t: Tenant, q: OrderQuery, akte = false) {
  checkPair(q, 'create_order_start_time', 'create_order_end_time')
  checkPair(q, 'update_order_start_time', 'update_order_end_time')
  const hasWindow = q.create_order_start_time !== undefined || q.update_order_start_time !== undefined
  if (
    q.order_id === undefined &&
    q.open_id === undefined &&
    q.order_status === undefined &&
    !hasWindow &&
    q.ext_order_id === undefined
  )
    throw noQueryMode()
  const inWindow = (v: number, from?: number, to?: number) => from === undefined || (v >= from && v <= to!)
  const { orders } = tradeData(t)
  const skip = (q.page_num - 1) * q.page_size
  let page: OrderRecord[]
  let count: number
  if (q.order_id !== undefined || q.ext_order_id !== undefined) {
    // by order_id: one lookup; ext_order_id names no sandbox order
    const o = q.ext_order_id === undefined ? orders.get(q.order_id!) : undefined
    const all = [o].filter(
      (x): x is OrderRecord =>
        x !== undefined &&
        (q.open_id === undefined || x.open_id === q.open_id) &&
        (q.order_status === undefined || x.order_status === q.order_status) &&
        inWindow(x.create_order_time, q.create_order_start_time, q.create_order_end_time) &&
        inWindow(x.update_order_time, q.update_order_start_time, q.update_order_end_time),
    )
    page = all.slice(skip, skip + q.page_size)
    count = all.length
  } else {
    const bucket = [
      q.open_id === undefined ? '' : `open:${q.open_id}`,
      q.order_status === undefined ? '' : `status:${q.order_status}`,
    ]
      .filter(Boolean)
      .join('|')
    // the update window is not indexed (update times change): it filters the bucket's create window
    const keep =
      q.update_order_start_time === undefined
        ? undefined
        : (id: string) =>
            inWindow(orders.get(id)!.update_order_time, q.update_order_start_time, q.update_order_end_time)
    const r = run(orders.index(ORDER_INDEX).list(bucket), q.create_order_start_time, q.create_order_end_time, keep)
    page = newestPage([r], skip, q.page_size).map((id) => orders.get(id)!)
    count = total([r])
  }
  const last = page.length > 0 ? cursorOf(page.at(-1)!) : []
  return {
    orders: page.map((o) => orderView(t, o)),
    page: { page_num: q.page_num, page_size: q.page_size, total: count },
    search_after: akte
      ? { size: page.length, cursor: last, all_cursor: page.map(cursorOf) }
      : { Size: page.length, CursorValue: last },
  }
}

/** A stored order and its coupons (GET /sandbox/orders/{order_id}), or the platform's not-found error. */
export function orderWithCoupons(t: Tenant, orderId: string) {
  const order = tradeData(t).orders.get(orderId)
  if (!order) throw noOrder(orderId)
  const certificates = fulfilmentData(t).certificates
  return { order, certificates: order.certificate_ids.map((id) => certificates.get(id)).filter((c) => c !== undefined) }
}

/** POST /sandbox/orders' (and GET /sandbox/orders/{order_id}'s) answer: the order and each certificate with its code, encrypted code and QR data. */
export function purchaseView(t: Tenant, p: { order: OrderRecord; certificates: CertificateRecord[] }) {
  const first = p.certificates[0]
  const version = first && orderQrVersion(t, first) // one QR covers the order: its version once, not per coupon
  return {
    order: orderView(t, p.order),
    certificates: p.certificates.map((x) => ({
      certificate_id: x.certificate_id,
      code: x.code,
      encrypted_code: encryptedCodeOf(t, x),
      encrypted_data: currentQrDataOf(t, x, version),
      code_source_type: x.code_source_type,
      start_time: x.start_time,
      expire_time: x.expire_time,
      amount: x.amount,
      combination_id: x.combination_id ?? '',
      sub_product_id: x.sub_product_id ?? '',
      sub_item_name: x.sub_item_name ?? '',
      out_good_id: x.out_good_id,
    })),
  }
}
