/** Wire schema and route of 批量查询sku (goods/sku/get). */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { withExample } from '../../http/route-examples.js'
import { skuViewSchema } from './product-views.contract.js'

/** The most ids sku_ids or out_sku_ids may name (the sandbox's limit). */
export const MAX_SKU_IDS = 50

export const skuGetRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/goods/sku/get/',
  tags: ['goods'],
  security: [{ accessToken: [] }],
  operationId: 'goodsSkuGet',
  summary: '批量查询sku',
  description: [
    'The SKUs of one product (by product_id or product_out_id) or the SKUs named by sku_ids / out_sku_ids, from the',
    "products the tenant holds: each product's online version, or its draft before the first audit passes; a",
    'multi-SKU product answers every SKU of sku/batch_save. Each SKU carries its stock (stock_qty = avail_qty +',
    'frozen_qty + sold_qty, moved by purchases and refunds) and its `product_id`. Ids that name nothing are left out.',
    'Reads goods only.',
    '',
    `Errors: 2100005 (none of product_id, product_out_id, sku_ids, out_sku_ids; more than ${MAX_SKU_IDS} ids),`,
    '4000001 (product_id or product_out_id names no product of the tenant).',
  ].join('\n'),
  request: {
    query: z.object({
      account_id: z.string().optional().openapi({ description: "商户ID; must be the tenant's account when given" }),
      product_id: z.string().optional().openapi({ description: 'the product whose SKUs to answer (first mode)' }),
      product_out_id: z.string().optional().openapi({ description: 'the product by its out_id (second mode)' }),
      sku_ids: z
        .string()
        .optional()
        .openapi({ description: `comma-separated sku_ids, at most ${MAX_SKU_IDS} (third mode)` }),
      out_sku_ids: z
        .string()
        .optional()
        .openapi({ description: `comma-separated out_sku_ids, at most ${MAX_SKU_IDS} (fourth mode)` }),
    }),
  },
  responses: withExample(
    jsonResponses(
      envelopeOf(
        'GoodsSkuGet',
        z.object({
          skus: z.array(skuViewSchema.extend({ product_id: z.string().openapi({ description: "the SKU's product" }) })),
        }),
      ),
      'the SKUs',
    ),
    {
      skus: [
        {
          product_id: '7123456789012345001',
          sku_id: '7123456789012345002',
          out_sku_id: 'sku-1',
          sku_name: '双人套餐',
          origin_amount: 14850,
          actual_amount: 9900,
          status: 1,
          attr_key_value_map: { code_source_type: '1', settle_type: '1', use_type: '1' },
          stock: { limit_type: 1, stock_qty: 500, avail_qty: 499, frozen_qty: 0, sold_qty: 1, sold_count: 1 },
          create_time: 1767240000,
          update_time: 1767240000,
        },
      ],
    },
  ),
})
