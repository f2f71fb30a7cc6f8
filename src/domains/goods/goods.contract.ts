/** Routes of the goods APIs (douyin-api.md §2), each also served at its /goodlife/v1/akte/goods/… alias. */
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import * as w from './product.contract.js'
import * as v from './product-views.contract.js'

const categoryInfoSchema = z
  .object({
    category_id: z.number().int().openapi({ example: 1001001 }),
    parent_id: z.number().int(),
    name: z.string().openapi({ example: '北京菜' }),
    level: z.number().int(),
    is_leaf: z.boolean(),
    enable: z.boolean(),
  })
  .openapi('CategoryInfo')

export type CategoryTreeInfo = z.infer<typeof categoryInfoSchema> & { sub_tree_infos: CategoryTreeInfo[] }

const categoryTreeInfoSchema: z.ZodType<CategoryTreeInfo> = categoryInfoSchema
  .extend({ sub_tree_infos: z.array(z.lazy(() => categoryTreeInfoSchema)) })
  .openapi('CategoryTreeInfo')

const categoryGetQuerySchema = z.object({
  category_id: z
    .string()
    .regex(/^\d+$/, 'must be a numeric category id')
    .optional()
    .openapi({ description: '父类目ID；不传或传 0 返回所有一级类目', example: '1000000' })
    .transform((v) => Number(v ?? 0)),
  account_id: z.string().optional().openapi({ description: '商户ID；须为本应用授权的商户' }),
  query_category_type: z
    .enum(['0', '1'])
    .optional()
    .openapi({ description: '0 单层子类目 (category_infos)；1 树形 (category_tree_infos)' }),
})

const ok = z.object({})
const security = [{ accessToken: [] }]
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })

function route<R extends RouteConfig>(r: R): R {
  return createRoute({ ...r, tags: ['goods'], security })
}

export const categoryGetRoute = route({
  method: 'get',
  path: '/goodlife/v1/goods/category/get/',
  operationId: 'goodsCategoryGet',
  summary: '查询商品品类',
  request: { query: categoryGetQuerySchema },
  responses: jsonResponses(
    envelopeOf(
      'CategoryGet',
      z.object({ category_infos: z.array(categoryInfoSchema), category_tree_infos: z.array(categoryTreeInfoSchema) }),
    ),
    'direct children of category_id',
  ),
})
export const templateGetRoute = route({
  method: 'get',
  path: '/goodlife/v1/goods/template/get/',
  operationId: 'goodsTemplateGet',
  summary: '查询商品模板',
  description:
    'Templates exist for 团购 (1), 代金券 (11) and 次卡 (15) in level-3 food categories; they carry combination_rule (组套规则) for combo packs.',
  request: { query: v.templateQuerySchema },
  responses: jsonResponses(envelopeOf('TemplateGet', v.templateDataSchema), 'the template'),
})
export const productSaveRoute = route({
  method: 'post',
  path: '/goodlife/v1/goods/product/save/',
  operationId: 'goodsProductSave',
  summary: '创建/更新商品',
  description:
    'Validates against the template; the same out_id updates the same product; the new version goes into audit (draft_status 10). A combo pack is a save with attr combination_rule (product_form_type 2, implied when absent); it needs sku.',
  request: { body: json(w.saveBodySchema) },
  responses: jsonResponses(envelopeOf('ProductSave', v.saveDataSchema), 'the product id'),
})
export const productOperateRoute = route({
  method: 'post',
  path: '/goodlife/v1/goods/product/operate/',
  operationId: 'goodsProductOperate',
  summary: '上下架 (sub-products of a combo pack are refused)',
  request: { body: json(w.operateBodySchema) },
  responses: jsonResponses(envelopeOf('ProductOperate', ok), 'done'),
})
export const productFreeAuditRoute = route({
  method: 'post',
  path: '/goodlife/v1/goods/product/free_audit/',
  operationId: 'goodsProductFreeAudit',
  summary: "免审修改 (sold_end_time, stock_qty, actual_amount — not a pack's price)",
  request: { body: json(w.freeAuditBodySchema) },
  responses: jsonResponses(envelopeOf('ProductFreeAudit', ok), 'done'),
})
export const stockSyncRoute = route({
  method: 'post',
  path: '/goodlife/v1/goods/stock/sync/',
  operationId: 'goodsStockSync',
  summary: '同步库存',
  request: { body: json(w.stockSyncBodySchema) },
  responses: jsonResponses(envelopeOf('StockSync', ok), 'done'),
})
export const skuBatchSaveRoute = route({
  method: 'post',
  path: '/goodlife/v1/goods/sku/batch_save/',
  operationId: 'goodsSkuBatchSave',
  summary: '创建/更新多SKU商品的SKU列表 (products saved without a sku; not combo packs)',
  request: { body: json(w.skuBatchSaveBodySchema) },
  responses: jsonResponses(envelopeOf('SkuBatchSave', z.object({ sku_ids: z.record(z.string(), z.string()) })), 'done'),
})
export const draftGetRoute = route({
  method: 'get',
  path: '/goodlife/v1/goods/product/draft/get/',
  operationId: 'goodsProductDraftGet',
  summary: '查询商品草稿',
  request: { query: v.draftGetQuerySchema },
  responses: jsonResponses(envelopeOf('ProductDraftGet', v.draftGetDataSchema), 'the drafts'),
})
export const draftQueryRoute = route({
  method: 'get',
  path: '/goodlife/v1/goods/product/draft/query/',
  operationId: 'goodsProductDraftQuery',
  summary: '查询商品草稿列表',
  request: { query: v.draftQuerySchema },
  responses: jsonResponses(envelopeOf('ProductDraftQuery', v.draftQueryDataSchema), 'a page of drafts'),
})
export const onlineGetRoute = route({
  method: 'get',
  path: '/goodlife/v1/goods/product/online/get/',
  operationId: 'goodsProductOnlineGet',
  summary: '查询商品线上数据',
  request: { query: v.onlineGetQuerySchema },
  responses: jsonResponses(envelopeOf('ProductOnlineGet', v.onlineGetDataSchema), 'the online versions'),
})
export const onlineQueryRoute = route({
  method: 'get',
  path: '/goodlife/v1/goods/product/online/query/',
  operationId: 'goodsProductOnlineQuery',
  summary: '查询商品线上数据列表',
  request: { query: v.onlineQuerySchema },
  responses: jsonResponses(envelopeOf('ProductOnlineQuery', v.onlineQueryDataSchema), 'a page of online products'),
})

/** The same route at /goodlife/v1/akte/goods/…, the paths the official SDK uses. */
export function akteAlias<R extends RouteConfig>(r: R): R {
  return {
    ...r,
    path: r.path.replace('/goodlife/v1/goods/', '/goodlife/v1/akte/goods/'),
    operationId: `${r.operationId}Akte`,
  }
}
