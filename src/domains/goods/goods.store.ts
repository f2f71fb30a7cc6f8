/**
 * Stored shapes of goods (t:<key>/products, t:<key>/product_out_ids). A product keeps two versions, as the
 * platform does: the draft (what was last saved, with its audit state) and the online version (the last
 * approved one, which keeps serving while an update is in audit).
 */
import type { Tenant } from '../../tenants/tenant.js'

/** product.pois[] as saved */
export interface PoiRef {
  poi_id: string
  supplier_ext_id?: string
  supplier_id?: string
}

/** The `product` object as saved and as the views return it (ids as strings). */
export interface ProductBody {
  product_name: string
  product_type: number
  category_id: number
  biz_line: number
  account_name?: string
  sold_start_time: number
  sold_end_time: number
  pois: PoiRef[]
  attr_key_value_map: Record<string, string>
  product_ext?: { auto_online?: boolean; test_extra?: unknown }
  telephone?: string[]
  out_url?: string
  product_form_type: number
}

/** One SKU as saved. */
export interface SkuBody {
  sku_id: string
  sku_name: string
  out_sku_id?: string
  origin_amount: number
  actual_amount: number
  status: number
  attr_key_value_map: Record<string, string>
}

/** A combo pack's sub-item (子品), saved as its own product. */
export interface SubItem {
  product_id: string
  sku_id: string
  item_type: number
  name: string
  actual_amount: number
  origin_amount: number
  out_sub_id?: string
  discount?: number
  threshold_amount?: number
  reduction_amount?: number
}

export interface Version {
  product: ProductBody
  sku: SkuBody | null
  /** multi-SKU products (saved without a sku): the list sku/batch_save maintains */
  skus?: SkuBody[]
  /** combo pack sub-items, in combination_rule order */
  sub_items: SubItem[]
  refund_mode: number | null
}

/** stock of the product's SKU: stock_qty = avail_qty + frozen_qty + sold_qty */
export interface Stock {
  limit_type: number
  stock_qty: number
  avail_qty: number
  frozen_qty: number
  sold_qty: number
  /** never rolled back by refunds */
  sold_count: number
}

/** products: product_id → ProductRecord */
export interface ProductRecord {
  product_id: string
  out_id: string
  /** order of creation, for cursors */
  seq: number
  product_type: number
  biz_line: number
  draft: Version
  /** 10 审核中, 12 审核失败, 1 审核通过, 100 免审修改成功 */
  draft_status: number
  audit_msg: string
  /** last approved version; null until the first audit passes */
  online: Version | null
  /** 0 never online, 1 在线, 2 下线, 3 封禁 */
  online_status: number
  stock: Stock
  audit_job_id: string | null
  sold_end_job_id: string | null
  create_time: number
  update_time: number
}

export function goodsData(t: Tenant) {
  return {
    products: t.repo.collection('products'),
    /** out_id → product_id */
    outIds: t.repo.collection('product_out_ids'),
    /** sub-product id of a combo pack's sub-item → the pack's product_id */
    subProducts: t.repo.collection('sub_products'),
  }
}
