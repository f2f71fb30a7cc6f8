/** Wire schema and route of 查询门店信息 (shop/poi/query). */
import { createRoute, z } from '@hono/zod-openapi'
import { digitsFrom, digitsIn } from '../../http/query.js'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { withExample } from '../../http/route-examples.js'

const poiSchema = z
  .object({
    poi: z.object({
      poi_id: z.string().openapi({ description: '抖音门店 ID' }),
      poi_name: z.string().openapi({ description: '抖音门店名称' }),
      address: z.string().openapi({ description: "门店地址 (the sandbox's own)" }),
      latitude: z.number().openapi({ description: '门店坐标 - 纬度' }),
      longitude: z.number().openapi({ description: '门店坐标 - 经度' }),
    }),
    root_account: z.object({
      account_id: z.string().openapi({ description: '账户 ID' }),
      account_name: z.string().openapi({ description: '账户名称' }),
    }),
  })
  .openapi('ShopPoi')

export const poiQueryRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/shop/poi/query/',
  tags: ['shop'],
  security: [{ accessToken: [] }],
  operationId: 'shopPoiQuery',
  summary: '查询门店信息',
  description: [
    "The tenant's stores (门店), the POIs products are published at and coupons verified in: by `account_id` (all",
    'of its POIs, paged) or by `poi_id` (that one store; account_id wins when both are given). A poi_id of no store',
    "of the tenant answers an empty page. Reads the tenant's account only.",
    '',
    'Errors: 2100005 (neither account_id nor poi_id; page below 1; size outside 1–100), 2119005 (an account_id',
    "other than the tenant's).",
  ].join('\n'),
  request: {
    query: z
      .object({
        account_id: z
          .string()
          .optional()
          .openapi({ description: '本地生活商家账户 ID (account_id or poi_id is required; account_id wins)' }),
        poi_id: z.string().optional().openapi({ description: '抖音门店 ID' }),
        page: digitsFrom(1, '页码'),
        size: digitsIn(1, 100, '页大小'),
      })
      .refine((q) => q.account_id !== undefined || q.poi_id !== undefined, {
        message: 'account_id or poi_id is required',
      }),
  },
  responses: withExample(
    jsonResponses(
      envelopeOf(
        'ShopPoiQuery',
        z.object({
          pois: z.array(poiSchema),
          total: z.number().int().openapi({ description: 'stores matching, over all pages' }),
        }),
      ),
      'a page of stores',
    ),
    {
      pois: [
        {
          poi: {
            poi_id: '123123123123',
            poi_name: 'lh测试商家(望京店)',
            address: '北京市朝阳区沙盒路3123号',
            latitude: 39.9123,
            longitude: 116.4123,
          },
          root_account: { account_id: '7113893944009705516', account_name: 'lh测试商家' },
        },
      ],
      total: 1,
    },
  ),
})
