/** Wire schemas and routes of 门店匹配: match/task/submit, match/task/query and match/relation/query. */
import { createRoute, z } from '@hono/zod-openapi'
import { commaList } from '../../http/query.js'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'

const int = z.number().int()
const security = [{ accessToken: [] }]
const tags = ['shop']
export const MAX_MATCH_ITEMS = 200

const storeSchema = z
  .object({
    ext_id: z.string().optional().openapi({ description: '三方门店 id (required per item; missing: match_result 4)' }),
    poi_id: z.string().optional().openapi({ description: "期望匹配的抖音门店 id (one of the account's POIs)" }),
    poi_name: z.string().optional().openapi({ description: '抖音门店名称: matched by name when poi_id is absent' }),
    address: z.string().optional(),
    province: z.string().optional(),
    city: z.string().optional(),
    latitude: z.string().optional().openapi({ description: 'GCJ-02' }),
    longitude: z.string().optional().openapi({ description: 'GCJ-02' }),
    contact_phone: z.string().optional(),
    contact_tel: z.string().optional(),
    industry_code: z.string().optional(),
  })
  .loose()

export const matchSubmitRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/poi/match/task/submit/',
  tags,
  security,
  operationId: 'poiMatchTaskSubmit',
  summary: '提交门店匹配任务',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              datas: z
                .array(storeSchema)
                .min(1)
                .max(MAX_MATCH_ITEMS)
                .openapi({ description: `the stores, 1–${MAX_MATCH_ITEMS}` }),
            })
            .loose()
            .openapi({
              example: {
                datas: [{ ext_id: 'store-001', poi_id: '7113893944009705516', poi_name: '测试门店' }],
              },
            }),
        },
      },
    },
  },
  responses: jsonResponses(
    envelopeOf(
      'PoiMatchTaskSubmit',
      z.object({ task_id: int.openapi({ description: '匹配任务 id (int64, an exact JSON number)' }) }),
    ),
    'the task; its results follow on the virtual clock',
  ),
})

export const matchTaskQueryRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/poi/match/task/query/',
  tags,
  security,
  operationId: 'poiMatchTaskQuery',
  summary: '查询门店匹配任务结果',
  request: { query: z.object({ task_id: z.string().regex(/^\d+$/, 'must be a task id') }) },
  responses: jsonResponses(
    envelopeOf(
      'PoiMatchTaskQuery',
      z.object({
        results: z.array(
          z.object({
            ext_id: z.string(),
            match_status: int.openapi({ description: '1 等待执行, 2 匹配进行中, 5 匹配完成' }),
            match_result: int.openapi({
              description:
                '0 pending, 1 匹配成功, 2 匹配失败, 4 无效数据, 5 重复提交, 6 抖音门店已与其他三方门店匹配, 7 三方门店已与其他抖音门店匹配',
            }),
            match_poi_id: z.string().openapi({ description: '"0" when none' }),
            match_message: z.string(),
          }),
        ),
      }),
    ),
    'one result per submitted store',
  ),
})

export const matchRelationRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/poi/match/relation/query/',
  tags,
  security,
  operationId: 'poiMatchRelationQuery',
  summary: '查询门店匹配关系',
  request: { query: z.object({ ext_ids: commaList(1, MAX_MATCH_ITEMS, '三方门店 ids') }) },
  responses: jsonResponses(
    envelopeOf(
      'PoiMatchRelationQuery',
      z.object({
        relations: z.array(
          z.object({
            ext_id: z.string(),
            match_poi_id: z.string().openapi({ description: '"0" when not matched' }),
            match_relation_status: int.openapi({ description: '2 已匹配, 3 未匹配' }),
          }),
        ),
      }),
    ),
    'one relation per ext_id',
  ),
})
