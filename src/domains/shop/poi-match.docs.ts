/** What the 门店匹配 operations do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'
import { MATCH_DELAY_SECONDS } from './poi-match.store.js'

export const poiMatchDocs = defineOpDocs({
  poiMatchTaskSubmit: {
    description: `Submits the merchant's stores for matching to Douyin POIs and answers the task_id. Each store is matched to the POI it names (\`poi_id\`, one of the account's POIs) or, without one, to the account's POI of the same \`poi_name\`; a POI takes one store and a store one POI. Results are decided at submit and take effect ${MATCH_DELAY_SECONDS} virtual seconds later (the platform matches asynchronously): until then task/query shows 1 等待执行 and relation/query 未匹配. Writes the tenant's match task and relations.`,
    errors: {},
    params: {},
  },
  poiMatchTaskQuery: {
    description:
      'The results of a match task, one per submitted store: match_status 1 等待执行 until the task is done, then 5 with match_result (1 成功, 2 失败, 4 无效数据, 5 重复提交, 6 POI already matched to another store) and the matched POI. Reads the task only.',
    errors: { 4000001: 'task_id names no task of this tenant' },
    params: { task_id: '匹配任务 id, from task/submit' },
  },
  poiMatchRelationQuery: {
    description:
      'The POI each of the merchant\'s store ids (ext_ids) is matched to: match_relation_status 2 已匹配 with match_poi_id once a match took effect, else 3 未匹配 with "0". Reads the relations only.',
    errors: {},
    params: { ext_ids: '三方门店 ids, comma-separated, 1–200' },
  },
})
