/** Wire schemas of the goods APIs (douyin-api.md §2). */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../../http/envelope.js'

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

export const categoryGetQuerySchema = z.object({
  category_id: z
    .string()
    .regex(/^\d+$/, 'must be a numeric category id')
    .optional()
    .openapi({ description: '父类目ID；不传或传 0 返回所有一级类目', example: '1000000' }),
  account_id: z.string().optional().openapi({ description: '商户ID；须为本应用授权的商户', example: '7113893944009705516' }),
  query_category_type: z
    .enum(['0', '1'])
    .optional()
    .openapi({ description: '0 单层子类目 (category_infos)；1 树形 (category_tree_infos)', example: '1' }),
})

export const categoryGetDataSchema = z.object({
  category_infos: z.array(categoryInfoSchema),
  category_tree_infos: z.array(categoryTreeInfoSchema),
})

export const categoryGetRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/goods/category/get/',
  tags: ['goods'],
  operationId: 'goodsCategoryGet',
  summary: '查询商品品类',
  security: [{ accessToken: [] }],
  request: { query: categoryGetQuerySchema },
  responses: jsonResponses(envelopeOf('CategoryGet', categoryGetDataSchema), 'direct children of category_id'),
})
