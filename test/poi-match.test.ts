/**
 * 门店匹配: task/submit maps the merchant's store ids (ext_id) to the account's POIs, asynchronously on the virtual
 * clock; task/query answers each store's result, relation/query the standing relations, per tenant.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { errorOf, errorText } from './helpers/errors.js'

const POI = DEFAULT_TENANT.poi_id

async function setup() {
  const made = await makeSandbox()
  const { api } = made
  const h = async () => ({ 'access-token': await api.token() })
  const poiName = errorOf((await api.get(`/goodlife/v1/shop/poi/query/?poi_id=${POI}&page=1&size=10`, await h())).body)
    .pois[0].poi.poi_name as string
  /** task/submit; answers the task_id read from the raw JSON (an exact int64 number) */
  const submit = async (datas: object[]) => {
    const r = await api.post('/goodlife/v1/poi/match/task/submit/', { datas }, await h())
    expect(r.body.data.error_code).toBe(0)
    const id = /"task_id":(\d+)/.exec(r.text)?.[1]
    expect(id).toMatch(/^7\d{18}$/)
    return id!
  }
  const task = async (id: string) =>
    errorOf((await api.get(`/goodlife/v1/poi/match/task/query/?task_id=${id}`, await h())).body)
  const relations = async (extIds: string) =>
    (await api.get(`/goodlife/v1/poi/match/relation/query/?ext_ids=${extIds}`, await h())).body.data.relations
  return {
    ...made,
    poiName,
    submit,
    task,
    relations,
    advance: (s: number) => api.post('/sandbox/clock/advance', { seconds: s }),
  }
}

describe('POI matching (门店匹配)', () => {
  it('matches a store to the POI it names once the task has run, and answers the relation', async () => {
    const s = await setup()
    const id = await s.submit([{ ext_id: 'store-1', poi_id: POI, poi_name: '随便' }])
    expect((await s.task(id)).results).toEqual([
      { ext_id: 'store-1', match_status: 1, match_result: 0, match_poi_id: '0', match_message: '' },
    ])
    expect(await s.relations('store-1')).toEqual([{ ext_id: 'store-1', match_poi_id: '0', match_relation_status: 3 }])
    await s.advance(30)
    expect((await s.task(id)).results).toEqual([
      { ext_id: 'store-1', match_status: 5, match_result: 1, match_poi_id: POI, match_message: '' },
    ])
    expect(await s.relations('store-1,store-2')).toEqual([
      { ext_id: 'store-1', match_poi_id: POI, match_relation_status: 2 },
      { ext_id: 'store-2', match_poi_id: '0', match_relation_status: 3 },
    ])
  })

  it('matches by name without a poi_id, and answers each refusal with its match_result', async () => {
    const s = await setup()
    const id = await s.submit([
      { ext_id: 'by-name', poi_name: s.poiName },
      { ext_id: 'same-poi', poi_id: POI },
      { ext_id: 'by-name', poi_name: s.poiName },
      { ext_id: 'nowhere', poi_name: '不存在的门店' },
      { ext_id: 'other', poi_id: '7000000000000000001' },
      { poi_id: POI },
    ])
    await s.advance(30)
    const results = (await s.task(id)).results
    expect(results.map((r: { match_result: number }) => r.match_result)).toEqual([1, 6, 5, 2, 2, 4])
    expect(results[0].match_poi_id).toBe(POI)
    expect(results[3].match_message).toContain('no store named 不存在的门店')
    const again = await s.submit([{ ext_id: 'by-name', poi_id: POI }])
    await s.advance(30)
    expect((await s.task(again)).results[0]).toMatchObject({ match_result: 5, match_poi_id: POI })
  })

  it('refuses an unknown task, no stores and too many ext_ids, naming them', async () => {
    const s = await setup()
    const h = { 'access-token': await s.api.token() }
    const unknown = await s.task('7000000000000000009')
    expect(unknown).toMatchObject({ error_code: 4000001 })
    expect(unknown.description).toContain('no POI match task 7000000000000000009')
    const empty = await s.api.post('/goodlife/v1/poi/match/task/submit/', { datas: [] }, h)
    expect(empty.body.data.error_code).toBe(2100005)
    expect(errorText(empty.body)).toContain('datas')
    const many = Array.from({ length: 201 }, (_, i) => `s${i}`).join(',')
    const tooMany = await s.api.get(`/goodlife/v1/poi/match/relation/query/?ext_ids=${many}`, h)
    expect(errorText(tooMany.body)).toContain('ext_ids')
  })

  it("keeps each tenant's matches to itself", async () => {
    const s = await setup()
    await s.submit([{ ext_id: 'mine', poi_id: POI }])
    await s.advance(30)
    const other = errorOf((await s.api.post('/sandbox/tenants', {})).body)
    const tok = await s.api.token(other)
    const theirs = await s.api.get('/goodlife/v1/poi/match/relation/query/?ext_ids=mine', { 'access-token': tok })
    expect(theirs.body.data.relations[0].match_relation_status).toBe(3)
  })
})
