/**
 * The product snapshot of an order (商品快照): what it was bought from, kept at purchase (OrderRecord.snapshot) so
 * later edits of the product do not reach it. trade/order/query answers it as products[].snapshot_product and
 * akte/order/query as goods[].goods_detail, in the shapes of the official SDK's models.
 */
import { ORDER_TYPE, type OrderRecord, type OrderSnapshot } from './trade.store.js'

/** 动态面值 (dynamic par value) vouchers: the sandbox sells none, so no rule and voucher_par_type 0. */
const NO_DYNAMIC_PAR = {
  dynamic_par_rule: {
    dynamic_par_rule_item_list: [],
    dynamic_par_rule_desc: '',
    dynamic_par_min_amount: 0,
    dynamic_par_max_amount: 0,
  },
  voucher_par_type: 0,
}

/** An order stored before snapshots were kept: its product type from the order type, no attributes. */
function snapshotOf(o: OrderRecord): OrderSnapshot {
  return o.snapshot ?? { product_type: o.order_type === ORDER_TYPE.TIMES_CARD ? 15 : 1, product_attr: {}, sku_attr: {} }
}

/** show_channel (投放渠道) of the product at purchase; 0 when it had none. */
function showChannel(s: OrderSnapshot): number {
  const n = Number(s.product_attr.show_channel)
  return Number.isInteger(n) ? n : 0
}

/** products[].snapshot_product of trade/order/query. */
export function snapshotProduct(o: OrderRecord) {
  const s = snapshotOf(o)
  return { product_attr: { show_channel: showChannel(s), ...NO_DYNAMIC_PAR }, tag_info_list: [] }
}

/** goods[].goods_detail of akte/order/query: the product's and the sku's attributes as at purchase. */
export function goodsDetail(o: OrderRecord) {
  const s = snapshotOf(o)
  return {
    product_type: s.product_type,
    show_channel: showChannel(s),
    goods_attr: NO_DYNAMIC_PAR,
    product_attr: s.product_attr,
    sku_attr: s.sku_attr,
  }
}
