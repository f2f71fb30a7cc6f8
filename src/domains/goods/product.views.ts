/**
 * Read side of goods: draft/get, draft/query, online/get, online/query (douyin-api.md §2.8–2.11).
 * Drafts show the last saved version; online views the last approved one.
 */
import { int64 } from '../../core/int64.js'
import { settingsOf } from '../../tenants/settings.js'
import type { Tenant } from '../../tenants/tenant.js'
import { needIds, tooManyIds } from './goods.errors.js'
import type { CatalogService } from './goods.service.js'
import { goodsData, type ProductRecord, type SubItem, type Version } from './goods.store.js'
import { DRAFT, ONLINE } from './product.lifecycle.js'
import type { IndexSpec } from '../../store/seq-index.js'
import { oldestPage, run, total, type Run } from '../../store/seq-page.js'
import { commaItems } from '../../core/lists.js'

/**
 * commission_info.platform_take_rate: an integer, like the online/get example's 350; the sandbox reads it as
 * per ten thousand (‱, as the bills' commission_ratio) of the tenant's commission_rate_percent (2.5 % → 250).
 */
export function platformTakeRate(t: Tenant): number {
  return Math.round(settingsOf(t).commission_rate_percent * 100)
}

/** Splits a comma-joined id list (the SDK joins arrays with commas), at most 10. */
export function idList(raw: string | undefined, field: string): string[] {
  const ids = commaItems(raw)
  if (ids.length > 10) throw tooManyIds(field)
  return ids
}

export class ProductViews {
  constructor(private readonly catalog: CatalogService) {}

  private subView(rec: ProductRecord, s: SubItem) {
    return { ...s, combination_id: rec.product_id }
  }

  productView(t: Tenant, rec: ProductRecord, v: Version) {
    const p = v.product
    return {
      product_id: rec.product_id,
      out_id: rec.out_id,
      product_name: p.product_name,
      product_type: p.product_type,
      category_id: p.category_id,
      category_full_name: this.catalog.fullName(p.category_id),
      biz_line: p.biz_line,
      account_name: p.account_name ?? t.record.account_name,
      attr_key_value_map: p.attr_key_value_map,
      sold_start_time: p.sold_start_time,
      sold_end_time: p.sold_end_time,
      create_time: rec.create_time,
      update_time: rec.update_time,
      pois: p.pois.map((x) => ({
        ...x,
        poi_id: int64(x.poi_id),
        supplier_id: String(x.supplier_id ?? ''),
        supplier_ext_id: x.supplier_ext_id ?? '',
      })),
      creator_account_id: int64(t.record.account_id),
      owner_account_id: int64(t.record.account_id),
      telephone: p.telephone ?? [],
      out_url: p.out_url ?? '',
      product_form_type: p.product_form_type,
      // fields of the SDK's models with no counterpart in a 团购 save: their empty values
      product_sub_type: 0,
      pattern_type: 0,
      spu_id: '',
      desc: '',
      contact_name: '',
      extra: '',
      /** changes with every save: the time of the last one */
      version: String(rec.update_time),
      ...(v.sub_items.length > 0
        ? { refund_mode: v.refund_mode, sub_products: v.sub_items.map((s) => this.subView(rec, s)) }
        : {}),
    }
  }

  skuView(rec: ProductRecord, v: Version) {
    if (!v.sku) return null
    return {
      ...v.sku,
      out_sku_id: v.sku.out_sku_id ?? '',
      stock: rec.stock,
      create_time: rec.create_time,
      update_time: rec.update_time,
      bind_skus: [],
      extra: '',
    }
  }

  private skusView(rec: ProductRecord, v: Version) {
    return v.skus ? { skus: v.skus.map((s) => this.skuView(rec, { ...v, sku: s })!) } : {}
  }

  draftView(t: Tenant, rec: ProductRecord) {
    return {
      product: this.productView(t, rec, rec.draft),
      sku: this.skuView(rec, rec.draft),
      ...this.skusView(rec, rec.draft),
      draft_status: rec.draft_status,
      audit_msg: rec.audit_msg,
      extra: '',
    }
  }

  onlineView(t: Tenant, rec: ProductRecord) {
    const v = rec.online!
    return {
      product: this.productView(t, rec, v),
      sku: this.skuView(rec, v),
      ...this.skusView(rec, v),
      online_status: rec.online_status,
      commission_info: { platform_take_rate: platformTakeRate(t) },
      is_sell_out: rec.stock.limit_type === 1 && rec.stock.avail_qty === 0,
      poi_sell_out_status: [],
    }
  }

  private byIds(t: Tenant, productIds: string[], outIds: string[]): ProductRecord[] {
    if (productIds.length + outIds.length === 0) throw needIds()
    const { products, outIds: index, subProducts } = goodsData(t)
    const ids = [
      ...productIds.map((id) => subProducts.get(id)?.combination_id ?? id),
      ...outIds.map((o) => index.get(o)?.product_id ?? ''),
    ]
    const seen = new Set<string>()
    return ids.flatMap((id) => {
      const rec = products.get(id)
      if (!rec || seen.has(id)) return []
      seen.add(id)
      return [rec]
    })
  }

  /** draft/get: get_draft_type 0 → statuses 1, 10, 11, 12; 1 → every status. */
  draftGet(
    t: Tenant,
    q: { product_ids?: string | undefined; out_ids?: string | undefined; get_draft_type?: string | undefined },
  ) {
    const all = q.get_draft_type === '1'
    const recs = this.byIds(t, idList(q.product_ids, 'product_ids'), idList(q.out_ids, 'out_ids'))
    return {
      product_drafts: recs
        .filter((r) => all || [1, 10, 11, 12].includes(r.draft_status))
        .map((r) => this.draftView(t, r)),
    }
  }

  /** online/get: products that passed audit at least once. */
  onlineGet(t: Tenant, q: { product_ids?: string | undefined; out_ids?: string | undefined }) {
    const recs = this.byIds(t, idList(q.product_ids, 'product_ids'), idList(q.out_ids, 'out_ids'))
    return { product_onlines: recs.filter((r) => r.online).map((r) => this.onlineView(t, r)) }
  }

  private page(t: Tenant, r: Run, cursor: string | undefined, count: number) {
    const start = Number(cursor ?? 0)
    const slice = oldestPage(r, start, count).map((id) => goodsData(t).products.get(id)!)
    const next = start + slice.length
    return { slice, next_cursor: String(next), has_more: next < total([r]) }
  }

  /** draft/query: every product's draft, optionally by draft_status, paged by cursor. */
  draftQuery(t: Tenant, q: { cursor?: string | undefined; count: number; status?: number | undefined }) {
    const bucket = q.status === undefined ? '' : q.status === DRAFT.PASSED ? 'draft:passed' : `draft:${q.status}`
    const items = run(goodsData(t).products.index(PRODUCT_INDEX).list(bucket))
    const { slice, next_cursor, has_more } = this.page(t, items, q.cursor, q.count)
    return { products: slice.map((r) => this.draftView(t, r)), next_cursor, has_more }
  }

  /** online/query: products that passed audit, by online_status, name and POI, paged by cursor. */
  onlineQuery(
    t: Tenant,
    q: {
      cursor?: string | undefined
      count: number
      status?: number | undefined
      product_name?: string | undefined
      poi_ids?: string | undefined
    },
  ) {
    const pois = commaItems(q.poi_ids)
    const { products } = goodsData(t)
    // name and POIs are not indexed: they filter the status's bucket
    const keep =
      !q.product_name && pois.length === 0
        ? undefined
        : (id: string) => {
            const r = products.get(id)!
            if (q.product_name && !r.online!.product.product_name.includes(q.product_name)) return false
            return pois.length === 0 || r.online!.product.pois.some((p) => pois.includes(p.poi_id))
          }
    const bucket = q.status === undefined ? 'online' : `online:${q.status}`
    const items = run(products.index(PRODUCT_INDEX).list(bucket), undefined, undefined, keep)
    const { slice, next_cursor, has_more } = this.page(t, items, q.cursor, q.count)
    return { products: slice.map((r) => this.onlineView(t, r)), next_cursor, has_more }
  }
}

/**
 * products by seq: all (''), a draft_status's (`draft:`; `draft:passed` holds 1 and 100, as draft/query's
 * status 1 answers both) and, once online, every online one's (`online`) and an online_status's (`online:`).
 */
export const PRODUCT_INDEX: IndexSpec<ProductRecord> = {
  name: 'by_status',
  buckets: (r) => [
    '',
    `draft:${r.draft_status}`,
    ...(r.draft_status === DRAFT.PASSED || r.draft_status === DRAFT.FREE_EDIT ? ['draft:passed'] : []),
    ...(r.online && r.online_status !== ONLINE.NEVER ? ['online', `online:${r.online_status}`] : []),
  ],
  seq: (r) => r.seq,
}
