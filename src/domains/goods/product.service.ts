/**
 * product/save (seed 003): validates against the template, creates or updates (same out_id = same product),
 * and puts the new version in audit. Lifecycle after that lives in product.lifecycle.ts.
 */
import type { Tenant } from '../../tenants/tenant.js'
import { checkTestExtra } from './test-product.js'
import { settingsOf } from '../../tenants/settings.js'
import { checkAttrs, originFromCommodity } from './attr-check.js'
import { buildSubItems, checkCombination, FORM_ORDINARY, FORM_PACK } from './combo.js'
import {
  badAmount,
  badAttrs,
  badSaleWindow,
  badStock,
  comboRule,
  immutableField,
  packSkuBatch,
  poiNotOwned,
  productNotFound,
  singleSku,
} from './goods.errors.js'
import { COMBINATION_RULE_ATTR, type CatalogService } from './goods.service.js'
import {
  goodsData,
  type ProductBody,
  type ProductRecord,
  type SkuBody,
  type Stock,
  type Version,
} from './goods.store.js'
import type { ProductLifecycle } from './product.lifecycle.js'
import type { SaveBody, SkuBatchSaveBody } from './product.contract.js'
import { DRAFT } from './product.lifecycle.js'

type SkuInput = NonNullable<SaveBody['sku']>

/** The product a request names by product_id or out_id, or an error. */
export function findProduct(
  t: Tenant,
  ref: { product_id?: string | undefined; out_id?: string | undefined },
): ProductRecord {
  const { products, outIds } = goodsData(t)
  const id = ref.product_id ?? (ref.out_id !== undefined ? outIds.get(ref.out_id)?.product_id : undefined)
  const rec = id ? products.get(id) : undefined
  if (!rec) throw productNotFound(ref.product_id ? `product_id ${ref.product_id}` : `out_id ${ref.out_id}`)
  return rec
}

function existingFor(t: Tenant, p: SaveBody['product']): ProductRecord | undefined {
  if (p.product_id !== undefined) return findProduct(t, { product_id: p.product_id })
  const id = p.out_id !== undefined ? goodsData(t).outIds.get(p.out_id)?.product_id : undefined
  return id ? goodsData(t).products.get(id) : undefined
}

function checkPois(t: Tenant, pois: SaveBody['product']['pois']): ProductBody['pois'] {
  const own = new Set(t.record.pois.map((p) => p.poi_id))
  return pois.map((p, i) => {
    if (p.poi_id === undefined)
      throw badAttrs([`product.pois[${i}].poi_id is required (supplier_ext_id alone is not mapped in the sandbox)`])
    if (!own.has(p.poi_id)) throw poiNotOwned(t.record.account_id, p.poi_id)
    return p.supplier_ext_id === undefined
      ? { poi_id: p.poi_id }
      : { poi_id: p.poi_id, supplier_ext_id: p.supplier_ext_id }
  })
}

function stockFor(input: SkuInput['stock'], previous: Stock | undefined): Stock {
  const frozen = previous?.frozen_qty ?? 0
  const sold = previous?.sold_qty ?? 0
  if (input.limit_type === 1 && input.stock_qty < frozen + sold) {
    throw badStock(`sku.stock.stock_qty ${input.stock_qty} is below what is already sold or held (${sold + frozen})`)
  }
  return {
    limit_type: input.limit_type,
    stock_qty: input.stock_qty,
    avail_qty: input.stock_qty - frozen - sold,
    frozen_qty: frozen,
    sold_qty: sold,
    sold_count: previous?.sold_count ?? 0,
  }
}

export class ProductService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly lifecycle: ProductLifecycle,
  ) {}

  /** Creates or updates a product; the new version goes into audit. */
  save(
    t: Tenant,
    body: SaveBody,
  ): {
    product_id: string
    sku_ids: Record<string, string>
    extra_map: Record<string, string>
    sub_products: Array<{ product_id: string; sku_id: string; name: string; out_sub_id?: string }>
  } {
    const p = body.product
    const existing = existingFor(t, p)
    if (existing && existing.product_type !== p.product_type)
      throw immutableField('product_type', existing.product_type, p.product_type)
    if (existing && existing.biz_line !== p.biz_line) throw immutableField('biz_line', existing.biz_line, p.biz_line)
    const productMap = p.attr_key_value_map
    // the SDK's product model has no product_form_type: the 组套规则 attribute alone marks a pack
    const form = p.product_form_type ?? (productMap.combination_rule === undefined ? FORM_ORDINARY : FORM_PACK)
    const sku = body.sku ?? body.skus?.[0]
    const rule =
      form === FORM_PACK
        ? checkCombination(
            t,
            this.catalog,
            typeof productMap.combination_rule === 'string' ? productMap.combination_rule : undefined,
            { product_type: p.product_type, category_id: p.category_id, actual_amount: sku?.actual_amount },
          )
        : undefined
    const template = this.catalog.template(p.product_type, p.category_id)
    const strict = settingsOf(t).strict_attrs
    if (form === FORM_ORDINARY && productMap.combination_rule !== undefined)
      throw comboRule(
        'product_form_type 1 is an ordinary product, which has no combination_rule (omit product_form_type or send 2 for a combo pack)',
      )
    const pa = checkAttrs('product.attr_key_value_map', productMap, template.product_attrs, strict, [
      COMBINATION_RULE_ATTR.key,
    ])
    const sa = sku
      ? checkAttrs('sku.attr_key_value_map', sku.attr_key_value_map, template.sku_attrs, strict)
      : { problems: [], kept: {} }
    if (pa.problems.length + sa.problems.length > 0) throw badAttrs([...pa.problems, ...sa.problems])
    checkTestExtra(p, Math.max(...[body.sku, ...(body.skus ?? [])].map((x) => x?.stock.stock_qty ?? 0)))
    const now = t.clock.now()
    if (p.sold_start_time >= p.sold_end_time)
      throw badSaleWindow(
        `product.sold_start_time (${p.sold_start_time}) must be before sold_end_time (${p.sold_end_time})`,
      )
    if (p.sold_end_time <= now)
      throw badSaleWindow(`product.sold_end_time (${p.sold_end_time}) is already past (virtual now ${now})`)
    const pois = checkPois(t, p.pois)

    const product: ProductBody = {
      product_name: p.product_name,
      product_type: p.product_type,
      category_id: p.category_id,
      biz_line: p.biz_line,
      sold_start_time: p.sold_start_time,
      sold_end_time: p.sold_end_time,
      pois,
      attr_key_value_map: pa.kept,
      product_form_type: form,
      ...(p.account_name === undefined ? {} : { account_name: p.account_name }),
      ...(p.product_ext === undefined ? {} : { product_ext: p.product_ext }),
      ...(p.telephone === undefined ? {} : { telephone: p.telephone }),
      ...(p.out_url === undefined ? {} : { out_url: p.out_url }),
    }
    let skuBody: SkuBody | null = null
    if (sku) {
      const origin = sku.origin_amount ?? originFromCommodity(sa.kept.commodity) ?? sku.actual_amount
      if (origin < sku.actual_amount)
        throw badAmount(`sku.origin_amount (${origin}) is below sku.actual_amount (${sku.actual_amount})`)
      skuBody = {
        sku_id: existing?.draft.sku?.sku_id ?? t.random.id(),
        sku_name: sku.sku_name,
        origin_amount: origin,
        actual_amount: sku.actual_amount,
        status: sku.status ?? 1,
        attr_key_value_map: sa.kept,
        ...(sku.out_sku_id === undefined ? {} : { out_sku_id: sku.out_sku_id }),
      }
    }
    const subItems = rule ? buildSubItems(t, rule, existing?.draft.sub_items ?? []) : []
    const version: Version = { product, sku: skuBody, sub_items: subItems, refund_mode: rule?.refund_mode ?? null }
    const stock = sku
      ? stockFor(sku.stock, existing?.stock)
      : (existing?.stock ?? stockFor({ limit_type: 2, stock_qty: 0 }, undefined))
    const rec = this.store(t, existing, p.out_id, version, stock, now)
    this.lifecycle.submitForAudit(t, rec)
    return {
      product_id: rec.product_id,
      sku_ids: skuBody ? { [skuBody.out_sku_id ?? skuBody.sku_id]: skuBody.sku_id } : {},
      extra_map: {},
      sub_products: subItems.map((s) => ({
        product_id: s.product_id,
        sku_id: s.sku_id,
        name: s.name,
        ...(s.out_sub_id === undefined ? {} : { out_sub_id: s.out_sub_id }),
      })),
    }
  }

  /** sku/batch_save: the SKU list of a product saved without a sku (status -1 deletes one). */
  batchSaveSkus(t: Tenant, rec: ProductRecord, skus: SkuBatchSaveBody['skus']): { sku_ids: Record<string, string> } {
    if (rec.draft.product.product_form_type === FORM_PACK) throw packSkuBatch(rec.product_id)
    if (rec.draft.sku) throw singleSku(rec.product_id)
    const template = this.catalog.template(rec.product_type, rec.draft.product.category_id)
    const strict = settingsOf(t).strict_attrs
    const current = new Map((rec.draft.skus ?? []).map((s) => [s.out_sku_id ?? s.sku_id, s]))
    const sku_ids: Record<string, string> = {}
    skus.forEach((s, i) => {
      const key = s.out_sku_id ?? s.sku_id ?? ''
      if (s.status === -1) {
        current.delete(key)
        return
      }
      const checked = checkAttrs(`skus[${i}].attr_key_value_map`, s.attr_key_value_map, template.sku_attrs, strict)
      if (checked.problems.length > 0) throw badAttrs(checked.problems)
      const origin = s.origin_amount ?? s.actual_amount
      if (origin < s.actual_amount)
        throw badAmount(`skus[${i}].origin_amount (${origin}) is below its actual_amount (${s.actual_amount})`)
      const skuId = current.get(key)?.sku_id ?? s.sku_id ?? t.random.id()
      current.set(key || skuId, {
        sku_id: skuId,
        sku_name: s.sku_name,
        origin_amount: origin,
        actual_amount: s.actual_amount,
        status: 1,
        attr_key_value_map: checked.kept,
        ...(s.out_sku_id === undefined ? {} : { out_sku_id: s.out_sku_id }),
      })
      sku_ids[key || skuId] = skuId
    })
    const next: ProductRecord = {
      ...rec,
      draft: { ...rec.draft, skus: [...current.values()] },
      update_time: t.clock.now(),
    }
    goodsData(t).products.put(rec.product_id, next)
    this.lifecycle.submitForAudit(t, next)
    return { sku_ids }
  }

  private store(
    t: Tenant,
    existing: ProductRecord | undefined,
    outId: string | undefined,
    version: Version,
    stock: Stock,
    now: number,
  ): ProductRecord {
    const { products, outIds, subProducts } = goodsData(t)
    const productId = existing?.product_id ?? t.random.id()
    const rec: ProductRecord = existing
      ? { ...existing, draft: version, stock, update_time: now, out_id: outId ?? existing.out_id }
      : {
          product_id: productId,
          out_id: outId ?? '',
          seq: t.nextSeq('product'),
          product_type: version.product.product_type,
          biz_line: version.product.biz_line,
          draft: version,
          draft_status: DRAFT.IN_AUDIT,
          audit_msg: '',
          online: null,
          online_status: 0,
          stock,
          audit_job_id: null,
          sold_end_job_id: null,
          create_time: now,
          update_time: now,
        }
    products.put(productId, rec)
    if (existing?.out_id && existing.out_id !== rec.out_id) outIds.delete(existing.out_id)
    if (rec.out_id) outIds.put(rec.out_id, { product_id: productId })
    for (const s of version.sub_items) subProducts.put(s.product_id, { combination_id: productId })
    return rec
  }
}
