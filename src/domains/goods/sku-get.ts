/** 批量查询sku: the SKUs of one product, or the SKUs named by id, from each product's online version (else draft). */
import { invalidParams } from '../../core/errors.js'
import type { Tenant } from '../../tenants/tenant.js'
import { productNotFound } from './goods.errors.js'
import { goodsData, type ProductRecord, type SkuBody } from './goods.store.js'
import type { ProductViews } from './product.views.js'
import { MAX_SKU_IDS } from './sku-get.contract.js'
import { commaItems } from '../../core/lists.js'

export interface SkuGetQuery {
  product_id?: string | undefined
  product_out_id?: string | undefined
  sku_ids?: string | undefined
  out_sku_ids?: string | undefined
}

function ids(raw: string | undefined, field: string): string[] {
  const list = commaItems(raw)
  if (list.length > MAX_SKU_IDS) throw invalidParams(`${field} takes at most ${MAX_SKU_IDS} comma-separated ids`)
  return list
}

function skusOf(rec: ProductRecord): SkuBody[] {
  const v = rec.online ?? rec.draft
  return v.skus ?? (v.sku ? [v.sku] : [])
}

export function skuGet(t: Tenant, views: ProductViews, q: SkuGetQuery) {
  const { products, outIds, subProducts } = goodsData(t)
  const view = (rec: ProductRecord, s: SkuBody) => ({
    ...views.skuView(rec, { ...(rec.online ?? rec.draft), sku: s })!,
    product_id: rec.product_id,
  })
  const ref = q.product_id ?? (q.product_out_id ? outIds.get(q.product_out_id)?.product_id : undefined)
  if (q.product_id !== undefined || q.product_out_id !== undefined) {
    const rec = ref === undefined || subProducts.get(ref) ? undefined : products.get(ref)
    if (!rec) throw productNotFound(q.product_id ?? `out_id ${q.product_out_id}`)
    return { skus: skusOf(rec).map((s) => view(rec, s)) }
  }
  const bySku = ids(q.sku_ids, 'sku_ids')
  const byOut = ids(q.out_sku_ids, 'out_sku_ids')
  if (bySku.length === 0 && byOut.length === 0)
    throw invalidParams('one of product_id, product_out_id, sku_ids, out_sku_ids is required')
  const found = products
    .values()
    .filter((rec) => !subProducts.get(rec.product_id))
    .sort((a, b) => a.seq - b.seq)
    .flatMap((rec) =>
      skusOf(rec)
        .filter((s) => bySku.includes(s.sku_id) || (s.out_sku_id !== undefined && byOut.includes(s.out_sku_id)))
        .map((s) => view(rec, s)),
    )
  return { skus: found }
}
