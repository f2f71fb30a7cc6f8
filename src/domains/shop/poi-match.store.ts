/**
 * 门店匹配 (POI matching): the merchant's own store ids (ext_id) mapped to Douyin POIs, per tenant.
 * A task's items are decided when it is submitted and take effect MATCH_DELAY_SECONDS later on the virtual clock
 * (the platform matches asynchronously): until then the task is 1 等待执行 and the relation not yet visible.
 */
import type { Tenant } from '../../tenants/tenant.js'

/** virtual seconds a submitted task takes */
export const MATCH_DELAY_SECONDS = 30
/** match_result: 1 成功, 2 失败, 4 无效数据, 5 重复提交, 6 POI 已与其他三方门店匹配, 7 三方门店已与其他 POI 匹配 */
export const MATCH_RESULT = { OK: 1, FAILED: 2, INVALID: 4, REPEATED: 5, POI_TAKEN: 6, EXT_TAKEN: 7 } as const
/** match_status: 1 等待执行, 2 匹配进行中, 5 匹配完成 */
export const MATCH_STATUS = { WAITING: 1, RUNNING: 2, DONE: 5 } as const

export interface MatchItem {
  ext_id: string
  match_result: number
  match_poi_id: string
  match_message: string
}

/** task_id → a submitted task */
export interface MatchTask {
  task_id: string
  submit_time: number
  /** when the items take effect (Unix seconds) */
  done_time: number
  items: MatchItem[]
}

/** ext_id → the POI it is matched to (or being matched to, from `from`) */
export interface MatchRelation {
  poi_id: string
  from: number
  task_id: string
}

export function poiMatchData(t: Tenant) {
  return {
    tasks: t.repo.collection('poi_match_tasks'),
    /** ext_id → relation */
    byExt: t.repo.collection('poi_matches'),
    /** poi_id → the ext_id it is matched to */
    byPoi: t.repo.collection('poi_matches_by_poi'),
  }
}
