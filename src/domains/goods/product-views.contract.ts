/** Wire schemas of the goods read APIs and views (douyin-api.md §2.2, §2.8–2.11). */
import { z } from '@hono/zod-openapi'

/** An int64 the platform sends as a JSON number (written with every digit, beyond 2^53 too). */
const int64Number = (description: string) =>
  z
    .number()
    .int()
    .openapi({ format: 'int64', description: `${description}; a JSON number with every digit` })
const digits = (description: string) =>
  z.string().regex(/^\d+$/, 'must be a number').openapi({ description }).transform(Number)
const idsParam = (what: string) =>
  z
    .string()
    .max(400)
    .optional()
    .openapi({ description: `${what}, comma-separated, at most 10` })

export const templateAttrSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    desc: z.string(),
    is_required: z.boolean(),
    is_multi: z.boolean(),
    value_type: z.string(),
    value_demo: z.string(),
  })
  .openapi('TemplateAttr')

export const templateQuerySchema = z.object({
  product_type: digits('商品类型: 1 团购套餐, 11 代金券, 15 次卡'),
  category_id: digits('三级类目ID (GET goods/category/get/)'),
  product_sub_type: z.string().optional(),
  template_type: z.string().optional(),
  pattern_type: z.string().optional(),
})

export const templateDataSchema = z.object({
  product_attrs: z.array(templateAttrSchema),
  sku_attrs: z.array(templateAttrSchema),
  spu_attrs: z.array(templateAttrSchema),
  calendar_attrs: z.array(templateAttrSchema),
})

const stockSchema = z
  .object({
    limit_type: z.number().int(),
    stock_qty: z.number().int(),
    avail_qty: z.number().int(),
    frozen_qty: z.number().int(),
    sold_qty: z.number().int(),
    sold_count: z.number().int(),
  })
  .openapi('Stock', { description: 'stock_qty = avail_qty + frozen_qty + sold_qty; sold_count is never rolled back' })

const subProductSchema = z
  .object({
    product_id: z.string(),
    sku_id: z.string(),
    combination_id: z.string().openapi({ description: 'the pack' }),
    item_type: z.number().int().openapi({ description: '1 团购券, 11 代金券, 101 折扣券, 102 满减券, 201 实物周边' }),
    name: z.string(),
    actual_amount: z.number().int(),
    origin_amount: z.number().int(),
    out_sub_id: z
      .string()
      .optional()
      .openapi({ description: '商家平台子品ID (POS dish code), echoed as out_good_id on verification' }),
    discount: z.number().int().optional(),
    threshold_amount: z.number().int().optional(),
    reduction_amount: z.number().int().optional(),
  })
  .openapi('SubProduct')

export const productViewSchema = z
  .object({
    product_id: z.string(),
    out_id: z.string(),
    product_name: z.string(),
    product_type: z.number().int(),
    category_id: z.number().int(),
    category_full_name: z.string(),
    biz_line: z.number().int(),
    account_name: z.string(),
    attr_key_value_map: z.record(z.string(), z.string()),
    sold_start_time: z.number().int(),
    sold_end_time: z.number().int(),
    create_time: z.number().int(),
    update_time: z.number().int(),
    pois: z.array(z.object({ poi_id: int64Number('门店ID'), supplier_id: z.string(), supplier_ext_id: z.string() })),
    creator_account_id: int64Number('创建者账户ID'),
    owner_account_id: int64Number('归属账户ID'),
    telephone: z.array(z.string()),
    out_url: z.string(),
    product_form_type: z.number().int().openapi({ description: '商品形态类型: 1 ordinary, 2 组合券包' }),
    refund_mode: z.number().int().nullable().optional().openapi({ description: 'packs: 1 支持部分退, 2 不支持部分退' }),
    sub_products: z
      .array(subProductSchema)
      .optional()
      .openapi({ description: 'packs: one sub-product per combination_rule item' }),
    product_sub_type: z.number().int().openapi({ description: '0: none for 到店餐饮 vouchers' }),
    pattern_type: z.number().int().openapi({ description: '0: none for 到店餐饮 vouchers' }),
    spu_id: z.string().openapi({ description: '"": a 团购 is bound to no SPU' }),
    desc: z.string(),
    contact_name: z.string(),
    extra: z.string(),
    version: z.string().openapi({ description: 'changes with every save: the Unix time of the last one' }),
  })
  .openapi('ProductView')

export const skuViewSchema = z
  .object({
    sku_id: z.string(),
    out_sku_id: z.string(),
    sku_name: z.string(),
    origin_amount: z.number().int(),
    actual_amount: z.number().int(),
    status: z.number().int(),
    attr_key_value_map: z.record(z.string(), z.string()),
    stock: stockSchema,
    create_time: z.number().int(),
    update_time: z.number().int(),
    bind_skus: z.array(z.string()).openapi({ description: 'empty: no bound SKUs' }),
    extra: z.string(),
  })
  .openapi('SkuView')

const nullableSku = z.union([skuViewSchema, z.null()])
const skus = z.array(skuViewSchema).optional().openapi({ description: 'multi-SKU products (sku/batch_save)' })
export const draftViewSchema = z
  .object({
    product: productViewSchema,
    sku: nullableSku,
    skus,
    draft_status: z.number().int().openapi({ description: '10 审核中, 12 审核失败, 1 审核通过, 100 免审修改成功' }),
    audit_msg: z.string(),
    extra: z.string(),
  })
  .openapi('ProductDraft')
export const onlineViewSchema = z
  .object({
    product: productViewSchema,
    sku: nullableSku,
    skus,
    online_status: z.number().int().openapi({ description: '1 在线, 2 下线, 3 封禁' }),
    commission_info: z.object({
      platform_take_rate: z
        .number()
        .int()
        .openapi({ description: 'platform commission per ten thousand (‱): 250 = 2.5 %', example: 350 }),
    }),
    is_sell_out: z.boolean().openapi({ description: 'limited stock with nothing left to sell' }),
    poi_sell_out_status: z.array(z.object({})).openapi({ description: 'empty: no per-POI sell-out in the sandbox' }),
  })
  .openapi('ProductOnline')

const accountId = z.string().openapi({ description: '商户ID' })
const count = z
  .string()
  .regex(/^\d+$/)
  .optional()
  .openapi({ description: 'page size, default 5, at most 50 (20 with query_all_poi=true)' })
/** A page size as the platform reads it: 5 when missing or 0, at most `max`. */
const pageSize = (raw: string | undefined, max: number): number => Math.min(Number(raw ?? 5) || 5, max)
/** The list filter `status` as a number. */
const statusNumber = (raw: string | undefined): number | undefined => (raw === undefined ? undefined : Number(raw))

export const draftGetQuerySchema = z.object({
  account_id: accountId.optional(),
  product_ids: idsParam('product ids'),
  out_ids: idsParam('out_ids'),
  get_draft_type: z.enum(['0', '1']).optional().openapi({ description: '0: draft_status 1/10/11/12; 1: every status' }),
  need_poi: z.string().optional(),
})
export const draftQuerySchema = z.object({
  account_id: accountId,
  cursor: z.string().regex(/^\d+$/).optional(),
  count: count.transform((v) => pageSize(v, 50)),
  status: z.string().regex(/^\d+$/).optional().openapi({ description: 'draft_status' }).transform(statusNumber),
  product_type_list: z.string().optional(),
})
export const onlineGetQuerySchema = z.object({
  account_id: accountId,
  product_ids: idsParam('product ids'),
  out_ids: idsParam('out_ids'),
})
export const onlineQuerySchema = z
  .object({
    account_id: accountId,
    cursor: z.string().regex(/^\d+$/).optional(),
    count,
    status: z.enum(['1', '2', '3']).optional().openapi({ description: 'online_status' }).transform(statusNumber),
    goods_creator_type: z.string().optional(),
    goods_query_type: z.string().optional(),
    query_all_poi: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .openapi({ description: 'the full POI list; true or 1 (then count is at most 20)' }),
    poi_ids: z
      .string()
      .optional()
      .openapi({ description: 'comma-separated; PHP-style poi_ids[0]=…&poi_ids[1]=… and [a,b] are read too' }),
    ext_ids: z.string().optional(),
    product_name: z.string().max(30).optional(),
    product_type_list: z.string().optional(),
  })
  .transform((q) => ({
    ...q,
    count: pageSize(q.count, q.query_all_poi === 'true' || q.query_all_poi === '1' ? 20 : 50),
  }))

export const saveDataSchema = z.object({
  product_id: z.string(),
  sku_ids: z.record(z.string(), z.string()).openapi({ description: 'out_sku_id (or sku_id) → sku_id' }),
  extra_map: z.record(z.string(), z.string()).openapi({ description: 'empty' }),
  sub_products: z
    .array(
      z.object({ product_id: z.string(), sku_id: z.string(), name: z.string(), out_sub_id: z.string().optional() }),
    )
    .openapi({ description: 'packs only' }),
})
export const draftGetDataSchema = z.object({ product_drafts: z.array(draftViewSchema) })
export const draftQueryDataSchema = z.object({
  products: z.array(draftViewSchema),
  next_cursor: z.string(),
  has_more: z.boolean(),
})
export const onlineGetDataSchema = z.object({ product_onlines: z.array(onlineViewSchema) })
export const onlineQueryDataSchema = z.object({
  products: z.array(onlineViewSchema),
  next_cursor: z.string(),
  has_more: z.boolean(),
})
