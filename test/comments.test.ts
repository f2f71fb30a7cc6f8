/**
 * 餐饮评价: consumers review (after a verified coupon or freely, through the control plane), the merchant reads
 * the reviews (akte/comment/query), answers once (akte/comment/reply) and reads each POI's score
 * (akte/comment/score/query). Each rule reads the raw JSON: ids are exact int64 numbers.
 */
import { describe, expect, it } from 'vitest'
import { errorOf } from './helpers/errors.js'
import { productBuilders } from '../src/domains/goods/product.examples.js'
import { DEFAULT_TENANT, FROZEN_AT_MS, makeSandbox } from './helpers/harness.js'
import { buy, publish } from './helpers/goods.js'

const POI = DEFAULT_TENANT.poi_id
const ACC = DEFAULT_TENANT.account_id
const NOW = FROZEN_AT_MS / 1000

async function setup() {
  const { api } = await makeSandbox()
  const h = async () => ({ 'access-token': await api.token() })
  const write = async (body: object) => errorOf((await api.post('/sandbox/comments', body)).body)
  const query = async (q = '') => {
    const r = await api.get(`/goodlife/v1/akte/comment/query/?account_id=${ACC}${q}`, await h())
    return { data: errorOf(r.body), text: r.text }
  }
  const reply = async (body: object) =>
    errorOf(
      (await api.post('/goodlife/v1/akte/comment/reply/', { account_id: ACC, poi_id: POI, ...body }, await h())).body,
    )
  const score = async (q = '') => {
    const r = await api.get(`/goodlife/v1/akte/comment/score/query/?account_id=${ACC}${q}`, await h())
    return { data: errorOf(r.body), text: r.text }
  }
  const advance = (seconds: number) => api.post('/sandbox/clock/advance', { seconds })
  /** a bought and verified coupon at POI */
  const verified = async () => {
    const p = await publish(api, productBuilders({ account_id: ACC, poi_ids: [POI], now: NOW }).groupon())
    const o = await buy(api, { product_id: p.product_id })
    const code = o.certificates[0].code as string
    const prep = (await api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${code}`, await h())).body.data
    const v = await api.post(
      '/goodlife/v1/fulfilment/certificate/verify/',
      { verify_token: prep.verify_token, poi_id: POI, encrypted_codes: [o.certificates[0].encrypted_code] },
      await h(),
    )
    expect(v.body.data.error_code).toBe(0)
    return { product_id: p.product_id, order: o.order, certificate_id: o.certificates[0].certificate_id as string }
  }
  return { api, write, query, reply, score, advance, verified, h }
}

/** rate_id as its exact digits, read from the raw JSON text */
const rateIdsIn = (text: string) => [...text.matchAll(/"rate_id":(\d+)/g)].map((m) => m[1]!)

describe('餐饮评价', () => {
  it('a review of a verified coupon takes its POI, product and buyer; the query shows it with int64 ids', async () => {
    const s = await setup()
    const v = await s.verified()
    const w = await s.write({ certificate_id: v.certificate_id, rate_score: 5, text: '好吃', nickname: '小王' })
    expect(w.error_code, w.description).toBe(0)
    expect(w.comment).toMatchObject({ open_id: v.order.open_id, certificate_id: v.certificate_id })
    const { data, text } = await s.query('&cursor=0&count=10')
    expect(data.error_code).toBe(0)
    expect(data.has_more).toBe(false)
    expect(data.comments).toHaveLength(1)
    expect(data.comments[0].comment_info).toMatchObject({
      rate_score: 5,
      rate_text: '好吃',
      nickname: '小王',
      has_merchant_reply: false,
      create_time: NOW,
    })
    expect(data.comments[0].reply_list).toEqual([])
    expect(text).toContain(`"poi_id":${POI}`)
    expect(text).toContain(`"product_id":${v.product_id}`)
    expect(rateIdsIn(text)[0]).toMatch(/^\d{19}$/)
    // one review per coupon
    const again = await s.write({ certificate_id: v.certificate_id, rate_score: 1 })
    expect(again.error_code).toBe(4000002)
    expect(again.description).toContain('already reviewed')
  })

  it('refuses a review of an unused coupon, of a coupon at another POI, and of a POI not of the account', async () => {
    const s = await setup()
    const p = await publish(s.api, productBuilders({ account_id: ACC, poi_ids: [POI], now: NOW }).groupon())
    const o = await buy(s.api, { product_id: p.product_id })
    const unused = await s.write({ certificate_id: o.certificates[0].certificate_id, rate_score: 4 })
    expect(unused.error_code).toBe(4000002)
    expect(unused.description).toContain('not verified')
    const v = await s.verified()
    const elsewhere = await s.write({ certificate_id: v.certificate_id, poi_id: '999', rate_score: 4 })
    expect(elsewhere.error_code).toBe(2100005)
    expect(elsewhere.description).toContain(`poi_id: coupon ${v.certificate_id} was used at POI ${POI}`)
    const notOurs = await s.write({ poi_id: '999', rate_score: 4 })
    expect(notOurs.description).toContain('poi_id: 999 is not a POI of this account')
    const stars = await s.write({ rate_score: 6 })
    expect(stars.error_code).toBe(2100005)
    expect(stars.description).toContain('rate_score: must be 5 or less')
    const none = await s.write({ certificate_id: '1', rate_score: 3 })
    expect(none.error_code).toBe(4000001)
  })

  it('the merchant replies once; the reply shows in the query; a second reply is refused', async () => {
    const s = await setup()
    await s.write({ rate_score: 2, text: '上菜慢' })
    const { text } = await s.query()
    const rateId = rateIdsIn(text)[0]!
    // ids as the raw int64 digits in the body (a JSON number), as third-party clients send them
    const r = await s.api.request('POST', '/goodlife/v1/akte/comment/reply/', {
      raw: `{"account_id":"${ACC}","poi_id":${POI},"rate_id":${rateId},"text":"抱歉,已改进"}`,
      headers: { ...(await s.h()), 'content-type': 'application/json' },
    })
    expect(r.body.data.error_code, r.text).toBe(0)
    expect(r.text).toMatch(/"reply_id":\d{19}/)
    const after = await s.query()
    expect(after.data.comments[0].comment_info.has_merchant_reply).toBe(true)
    expect(after.data.comments[0].reply_list).toEqual([
      { reply_id: expect.any(Number), text: '抱歉,已改进', create_time: NOW },
    ])
    const second = await s.reply({ rate_id: rateId, text: '再说一次' })
    expect(second.error_code).toBe(4000002)
    expect(second.description).toContain(`review ${rateId} already has the merchant's reply`)
    const wrongPoi = await s.reply({ poi_id: '999', rate_id: rateId, text: 'x' })
    expect(wrongPoi.error_code).toBe(4000001)
    // ids as digit strings (the official SDK's types)
    await s.write({ rate_score: 5, text: '环境不错' })
    const newest = rateIdsIn((await s.query()).text)[0]!
    const asStrings = await s.reply({ poi_id: POI, rate_id: newest, text: '感谢您的好评,欢迎再次光临' })
    expect(asStrings.error_code).toBe(0)
    const empty = await s.reply({ rate_id: rateId, text: '  ' })
    expect(empty.error_code).toBe(2100005)
    expect(empty.description).toContain('text')
  })

  it('pages newest first with the cursor, and filters by POI, product and create_time', async () => {
    const s = await setup()
    const v = await s.verified()
    await s.write({ certificate_id: v.certificate_id, rate_score: 5, text: 'first' })
    for (const t of ['second', 'third']) {
      await s.advance(60)
      await s.write({ rate_score: 4, text: t })
    }
    const p1 = await s.query('&cursor=0&count=2')
    expect(p1.data.comments.map((c: any) => c.comment_info.rate_text)).toEqual(['third', 'second'])
    expect(p1.data).toMatchObject({ has_more: true, cursor: '2' })
    const p2 = await s.query(`&cursor=${p1.data.cursor}&count=2`)
    expect(p2.data.comments.map((c: any) => c.comment_info.rate_text)).toEqual(['first'])
    expect(p2.data.has_more).toBe(false)
    const byProduct = await s.query(`&product_id_list=${v.product_id}`)
    expect(byProduct.data.comments.map((c: any) => c.comment_info.rate_text)).toEqual(['first'])
    const byPoi = await s.query(`&poi_id_list=[${POI}]`)
    expect(byPoi.data.comments).toHaveLength(3)
    expect((await s.query('&poi_id_list=1,2')).data.comments).toEqual([])
    const window = await s.query(`&start_time=${NOW + 60}&end_time=${NOW + 60}`)
    expect(window.data.comments.map((c: any) => c.comment_info.rate_text)).toEqual(['second'])
    const bad = await s.query('&count=101')
    expect(bad.data.error_code).toBe(2100005)
    expect(bad.data.description).toContain('count')
    const badList = await s.query('&poi_id_list=abc')
    expect(badList.data.description).toContain('poi_id_list')
  })

  it("scores each POI by its reviews' average, and yesterday's score from the reviews before today", async () => {
    const s = await setup()
    const empty = await s.score()
    // without poi_id_list: every POI of the account
    expect(empty.data.score_info_list.length).toBeGreaterThan(1)
    expect(empty.data.score_info_list).toContainEqual({
      poi_id: Number(POI),
      score: '0.0',
      yesterday_score: '0.0',
      query_time: NOW,
    })
    await s.write({ rate_score: 5 })
    await s.write({ rate_score: 4 })
    await s.advance(86_400)
    await s.write({ rate_score: 1 })
    const r = await s.score(`&poi_id_list=${POI}`)
    expect(r.text).toContain(`"poi_id":${POI}`)
    expect(r.data.score_info_list).toHaveLength(1)
    expect(r.data.score_info_list[0]).toMatchObject({ score: '3.3', yesterday_score: '4.5', query_time: NOW + 86_400 })
  })
})
