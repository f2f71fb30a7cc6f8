/** Wire schemas of the goods write APIs (douyin-api.md §2.3–2.7; seed 003). */
import { z } from '@hono/zod-openapi'
import { wireId as idLike, wireInt, wireIntOf } from '../../http/wire-int.js'

const attrMap = z.record(z.string(), z.unknown()).openapi({
  type: 'object',
  additionalProperties: { type: 'string' },
  description:
    "map<string,string> keyed by the template's attr keys; numbers and booleans as strings, structs and lists JSON-encoded",
})

export const stockInputSchema = z.object({
  limit_type: wireIntOf(1, 2).openapi({ description: '1 有限库存, 2 无限库存' }),
  stock_qty: wireInt({ min: 0, max: 100_000_000 }),
  avail_qty: wireInt({ min: 0 }).optional(),
})

export const productInputSchema = z
  .object({
    product_id: idLike.optional().openapi({ type: 'string', description: 'update by id (or by out_id)' }),
    out_id: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .openapi({ description: "the developer's own id; the same out_id updates the same product" }),
    product_name: z.string().min(1).max(120),
    product_type: wireInt().openapi({
      description: '1 团购套餐, 11 代金券, 15 次卡 (food templates); immutable',
    }),
    category_id: wireInt().openapi({ example: 1001001 }),
    biz_line: wireInt().openapi({ description: '1 闭环自研开发者, 3 直连服务商, 5 小程序; immutable' }),
    account_name: z.string().max(100).optional(),
    sold_start_time: wireInt().openapi({ description: 'Unix seconds' }),
    sold_end_time: wireInt().openapi({ description: 'Unix seconds; the product goes offline then' }),
    pois: z
      .array(
        z.object({
          poi_id: idLike.optional().openapi({ type: 'string' }),
          supplier_ext_id: z.string().optional(),
          supplier_id: idLike.optional().openapi({ type: 'string' }),
        }),
      )
      .min(1)
      .max(1000),
    attr_key_value_map: attrMap,
    product_ext: z
      .object({
        auto_online: z.boolean().optional(),
        test_extra: z
          .object({
            test_flag: z.boolean().optional(),
            uids: z.array(z.string()).optional().openapi({ description: '商品可见的用户UID列表, at most 10' }),
          })
          .loose()
          .optional()
          .openapi({ description: '测试商品: with test_flag true, 1–10 uids and stock at most 50' }),
      })
      .optional(),
    telephone: z.array(z.string()).optional(),
    out_url: z.string().optional(),
    product_form_type: wireIntOf(1, 2).optional().openapi({
      description:
        '商品形态类型: 1 ordinary, 2 组合券包 (needs attr combination_rule); when absent, 2 if attr combination_rule is present, else 1',
    }),
  })
  .loose()

export const skuInputSchema = z
  .object({
    sku_id: idLike.optional().openapi({ type: 'string' }),
    out_sku_id: z.string().max(128).optional(),
    sku_name: z.string().min(1).max(120),
    origin_amount: wireInt({ min: 0 }).optional().openapi({ description: 'fen; computed from commodity when omitted' }),
    actual_amount: wireInt({ min: 0 }).openapi({ description: 'fen, what the user pays' }),
    status: wireIntOf(1, -1).optional(),
    stock: stockInputSchema,
    attr_key_value_map: attrMap,
  })
  .loose()

export const saveBodySchema = z
  .object({
    account_id: idLike.openapi({ type: 'string' }),
    product: productInputSchema,
    sku: skuInputSchema.optional(),
    skus: z.array(skuInputSchema).optional(),
  })
  .loose()
  .openapi('ProductSaveRequest')
export type SaveBody = z.infer<typeof saveBodySchema>

const productRef = {
  account_id: idLike.openapi({ type: 'string' }),
  product_id: idLike.optional().openapi({ type: 'string' }),
  out_id: z.string().min(1).optional(),
}

export const operateBodySchema = z
  .object({ ...productRef, op_type: wireIntOf(1, 2).openapi({ description: '1 上线, 2 下线' }) })
  .loose()
  .openapi('ProductOperateRequest')
export const freeAuditBodySchema = z
  .object({
    ...productRef,
    sold_end_time: wireInt().optional(),
    stock_qty: wireInt({ min: 0 }).optional(),
    actual_amount: wireInt({ min: 0 }).optional().openapi({ description: 'fen; refused for combo packs' }),
  })
  .loose()
  .openapi('ProductFreeAuditRequest')
export const stockSyncBodySchema = z
  .object({ ...productRef, stock: stockInputSchema })
  .loose()
  .openapi('StockSyncRequest')
export const skuBatchSaveBodySchema = z
  .object({
    ...productRef,
    product_out_id: z.string().optional(),
    skus: z
      .array(skuInputSchema.extend({ status: wireIntOf(1, -1).optional() }))
      .min(1)
      .max(100),
  })
  .loose()
  .openapi('SkuBatchSaveRequest')
export type SkuBatchSaveBody = z.infer<typeof skuBatchSaveBodySchema>
