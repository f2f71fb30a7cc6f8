/**
 * The product snapshot of an order (商品快照): what it was bought from, taken at purchase (OrderRecord.snapshot_id)
 * so later edits of the product do not reach it. Orders bought from one version of a product share its snapshot
 * (a new one is taken when the online product differs from the latest). trade/order/query answers it as
 * products[].snapshot_product and akte/order/query as goods[].goods_detail, in the shapes of the official SDK's
 * models.
 */
import type { Tenant } from '../../tenants/tenant.js'
import type { ProductRecord } from '../goods/goods.store.js'
import { ORDER_TYPE, tradeData, type OrderRecord, type OrderSnapshot } from './trade.store.js'

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

/** The snapshot_id of the product as it is online now: its latest snapshot when unchanged, else a new one. */
export function takeSnapshot(t: Tenant, rec: ProductRecord): string {
  const { snapshots, latestSnapshot } = tradeData(t)
  const v = rec.online!
  const productAttr = v.product.attr_key_value_map
  const skuAttr = v.sku?.attr_key_value_map ?? {}
  const latestId = latestSnapshot.get(rec.product_id)?.snapshot_id
  const latest = latestId === undefined ? undefined : snapshots.get(latestId)
  if (
    latest &&
    latest.product_type === rec.product_type &&
    sameMap(latest.product_attr, productAttr) &&
    sameMap(latest.sku_attr, skuAttr)
  )
    return latestId!
  const id = `${rec.product_id}.${t.nextSeq('order_snapshot')}`
  snapshots.put(id, { product_type: rec.product_type, product_attr: { ...productAttr }, sku_attr: { ...skuAttr } })
  latestSnapshot.put(rec.product_id, { snapshot_id: id })
  return id
}

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

/** The order's snapshot; for an order stored before snapshots were kept, its type and no attributes. */
function snapshotOf(t: Tenant, o: OrderRecord): OrderSnapshot {
  const s = o.snapshot_id === undefined ? undefined : tradeData(t).snapshots.get(o.snapshot_id)
  return s ?? { product_type: o.order_type === ORDER_TYPE.TIMES_CARD ? 15 : 1, product_attr: {}, sku_attr: {} }
}

/** show_channel (投放渠道) of the product at purchase; 0 when it had none. */
function showChannel(s: OrderSnapshot): number {
  const n = Number(s.product_attr.show_channel)
  return Number.isInteger(n) ? n : 0
}

/** products[].snapshot_product of trade/order/query. */
export function snapshotProduct(t: Tenant, o: OrderRecord) {
  const s = snapshotOf(t, o)
  return { product_attr: { show_channel: showChannel(s), ...NO_DYNAMIC_PAR }, tag_info_list: [] }
}

/** goods[].goods_detail of akte/order/query: the product's and the sku's attributes as at purchase. */
export function goodsDetail(t: Tenant, o: OrderRecord) {
  const s = snapshotOf(t, o)
  return {
    product_type: s.product_type,
    show_channel: showChannel(s),
    goods_attr: NO_DYNAMIC_PAR,
    product_attr: s.product_attr,
    sku_attr: s.sku_attr,
  }
}
