/**
 * 提交门店匹配任务, 查询门店匹配任务结果 and 查询门店匹配关系 (life.capacity.shop match.*): a store is matched
 * to the POI the merchant names (poi_id, one of the account's POIs) or, without one, to the account's POI of the
 * same name; a POI or an ext_id takes one partner; a repeat of a matched or matching ext_id is 5 重复提交.
 */
import type { Tenant } from '../../tenants/tenant.js'
import { int64 } from '../../core/int64.js'
import { matchTaskNotFound } from './shop.errors.js'
import {
  MATCH_DELAY_SECONDS,
  MATCH_RESULT,
  MATCH_STATUS,
  poiMatchData,
  type MatchItem,
  type MatchTask,
} from './poi-match.store.js'

export interface MatchInput {
  ext_id?: string | undefined
  poi_id?: string | undefined
  poi_name?: string | undefined
}

function decide(t: Tenant, d: MatchInput, taken: Map<string, string>, seen: Set<string>): MatchItem {
  const { byExt, byPoi } = poiMatchData(t)
  const item = (match_result: number, match_poi_id: string, match_message: string): MatchItem => ({
    ext_id: d.ext_id ?? '',
    match_result,
    match_poi_id,
    match_message,
  })
  if (!d.ext_id || (!d.poi_id && !d.poi_name))
    return item(MATCH_RESULT.INVALID, '0', '无效数据: ext_id and poi_id or poi_name are required')
  if (seen.has(d.ext_id) || byExt.get(d.ext_id))
    return item(
      MATCH_RESULT.REPEATED,
      byExt.get(d.ext_id)?.poi_id ?? '0',
      `重复提交: ext_id ${d.ext_id} is already matched or being matched`,
    )
  const pois = t.record.pois
  const poi = d.poi_id ? pois.find((p) => p.poi_id === d.poi_id) : pois.find((p) => p.poi_name === d.poi_name)
  if (!poi)
    return item(
      MATCH_RESULT.FAILED,
      '0',
      d.poi_id
        ? `匹配不到门店: POI ${d.poi_id} is not a store of this account`
        : `匹配不到门店: no store named ${d.poi_name}`,
    )
  const partner = taken.get(poi.poi_id) ?? byPoi.get(poi.poi_id)?.ext_id
  if (partner !== undefined)
    return item(MATCH_RESULT.POI_TAKEN, '0', `POI ${poi.poi_id} is already matched to ext_id ${partner}`)
  return item(MATCH_RESULT.OK, poi.poi_id, '')
}

export class PoiMatchService {
  /** task/submit: decides every item now; they take effect MATCH_DELAY_SECONDS later. */
  submit(t: Tenant, datas: MatchInput[]): { task_id: number } {
    const { tasks, byExt, byPoi } = poiMatchData(t)
    const now = t.clock.now()
    const task: MatchTask = {
      task_id: t.random.id(),
      submit_time: now,
      done_time: now + MATCH_DELAY_SECONDS,
      items: [],
    }
    const taken = new Map<string, string>()
    const seen = new Set<string>()
    for (const d of datas) {
      const item = decide(t, d, taken, seen)
      if (d.ext_id) seen.add(d.ext_id)
      if (item.match_result === MATCH_RESULT.OK) {
        taken.set(item.match_poi_id, item.ext_id)
        byExt.put(item.ext_id, { poi_id: item.match_poi_id, from: task.done_time, task_id: task.task_id })
        byPoi.put(item.match_poi_id, { ext_id: item.ext_id })
      }
      task.items.push(item)
    }
    tasks.put(task.task_id, task)
    return { task_id: int64(task.task_id) }
  }

  /** task/query: the task's items, 1 等待执行 until it is done. */
  query(t: Tenant, taskId: string) {
    const task = poiMatchData(t).tasks.get(taskId)
    if (!task) throw matchTaskNotFound(taskId)
    const done = t.clock.now() >= task.done_time
    return {
      results: task.items.map((i) => ({
        ext_id: i.ext_id,
        match_status: done ? MATCH_STATUS.DONE : MATCH_STATUS.WAITING,
        match_result: done ? i.match_result : 0,
        match_poi_id: done ? i.match_poi_id : '0',
        match_message: done ? i.match_message : '',
      })),
    }
  }

  /** relation/query: 2 已匹配 with the POI once a match took effect, else 3 未匹配. */
  relations(t: Tenant, extIds: string[]) {
    const { byExt } = poiMatchData(t)
    const now = t.clock.now()
    return {
      relations: extIds.map((ext_id) => {
        const r = byExt.get(ext_id)
        return r && now >= r.from
          ? { ext_id, match_poi_id: r.poi_id, match_relation_status: 2 }
          : { ext_id, match_poi_id: '0', match_relation_status: 3 }
      }),
    }
  }
}
