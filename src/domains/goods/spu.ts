/**
 * 保存SPU (goods/spu/save): standard products (标品) of the 酒旅 documents, kept per tenant. The same out_spu_id
 * (or spu_id) updates the same SPU; its POIs must be the account's (at most one, as the document says for 酒旅).
 */
import { invalidParams } from '../../core/errors.js'
import type { Tenant } from '../../tenants/tenant.js'
import { poiNotOwned, productNotFound } from './goods.errors.js'
import type { CatalogService } from './goods.service.js'

/** spus: spu_id → SpuRecord */
export interface SpuRecord {
  spu_id: string
  seq: number
  out_spu_id: string
  spu_name: string
  product_type: number
  category_id: number
  spu_status: number
  biz_line: number
  pois: Array<{ poi_id: string }>
  attr_key_value_map: Record<string, string>
  desc: string
  create_time: number
  update_time: number
}

/** product_type values 保存SPU lists: 1 团购套餐, 4 日历房, 5 门票, 7 旅行跟拍, 8 一日游, 11 代金券, 12 新预售, 13 预定 */
export const SPU_PRODUCT_TYPES = [1, 4, 5, 7, 8, 11, 12, 13] as const

export interface SpuInput {
  spu_id?: string | undefined
  out_spu_id?: string | undefined
  spu_name: string
  product_type: number
  category_id: number
  spu_status?: number | undefined
  biz_line?: number | undefined
  pois?: Array<{ poi_id?: string | undefined; supplier_ext_id?: string | undefined }> | undefined
  attr_key_value_map?: Record<string, string> | undefined
  desc?: string | undefined
}

export function saveSpu(t: Tenant, catalog: CatalogService, s: SpuInput): { spu_id: string } {
  const spus = t.repo.collection('spus')
  if (!s.spu_id && !s.out_spu_id)
    throw invalidParams('spu.out_spu_id is required to create an SPU (or spu_id to update one)')
  const existing = s.spu_id ? spus.get(s.spu_id) : spus.values().find((x) => x.out_spu_id === s.out_spu_id)
  if (s.spu_id && !existing) throw productNotFound(`spu ${s.spu_id}`)
  catalog.category(s.category_id)
  const pois = (s.pois ?? []).map((p, i) => {
    if (!p.poi_id)
      throw invalidParams(`spu.pois[${i}].poi_id is required (supplier_ext_id alone is not mapped in the sandbox)`)
    if (!t.record.pois.some((x) => x.poi_id === p.poi_id)) throw poiNotOwned(t.record.account_id, p.poi_id)
    return { poi_id: p.poi_id }
  })
  if (pois.length > 1) throw invalidParams(`spu.pois takes one store (目前只允许绑定一家), got ${pois.length}`)
  const now = t.clock.now()
  const rec: SpuRecord = {
    spu_id: existing?.spu_id ?? t.random.id(),
    seq: existing?.seq ?? t.nextSeq('spu'),
    out_spu_id: s.out_spu_id ?? existing?.out_spu_id ?? '',
    spu_name: s.spu_name,
    product_type: s.product_type,
    category_id: s.category_id,
    spu_status: s.spu_status ?? existing?.spu_status ?? 1,
    biz_line: s.biz_line ?? existing?.biz_line ?? 1,
    pois,
    attr_key_value_map: s.attr_key_value_map ?? {},
    desc: s.desc ?? '',
    create_time: existing?.create_time ?? now,
    update_time: now,
  }
  spus.put(rec.spu_id, rec)
  return { spu_id: rec.spu_id }
}
