import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { listen } from './helpers/server.js'
import { errorOf } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const POI = DEFAULT_TENANT.poi_id

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const h = async () => ({ 'access-token': await made.api.token() })
  const p = await publish(made.api, productBody('queries'))
  const order = await buy(made.api, { product_id: p.product_id, count: 3 })
  const prep = errorOf(
    (await made.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${order.certificates[0].code}`, await h()))
      .body,
  )
  const verified = errorOf(
    (
      await made.api.post(
        '/goodlife/v1/fulfilment/certificate/verify/',
        {
          verify_token: prep.verify_token,
          poi_id: POI,
          encrypted_codes: prep.certificates.slice(0, 2).map((c: { encrypted_code: string }) => c.encrypted_code),
        },
        await h(),
      )
    ).body,
  ).verify_results
  return { ...made, h, order, verified }
}

describe('certificate queries', () => {
  it('hides the plain code while a coupon is unused or its verification still cancellable', async () => {
    const s = await setup()
    const get = async (i: number) =>
      errorOf(
        (
          await s.api.get(
            `/goodlife/v1/fulfilment/certificate/get/?encrypted_code=${encodeURIComponent(s.order.certificates[i].encrypted_code)}`,
            await s.h(),
          )
        ).body,
      ).certificate
    expect((await get(2)).code).toBeUndefined()
    expect((await get(0)).code).toBeUndefined()
    await s.api.post('/sandbox/clock/advance', { seconds: 3601 })
    const used = await get(0)
    expect(used).toMatchObject({ code: s.order.certificates[0].code, status: 2, verify: { can_cancel: false } })
    expect(
      errorOf(
        (
          await s.api.get(
            `/goodlife/v1/fulfilment/certificate/get/?encrypted_code=${encodeURIComponent(s.order.certificates[0].encrypted_code)}`,
            await s.h(),
          )
        ).body,
      ).certificate_v2,
    ).toEqual(used)
  })

  it('queries by order_id or by encrypted_code, not both and not neither', async () => {
    const s = await setup()
    const byOrder = errorOf(
      (await s.api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${s.order.order.order_id}`, await s.h()))
        .body,
    )
    expect(byOrder.certificates.map((c: { status: number }) => c.status)).toEqual([2, 2, 1])
    const one = errorOf(
      (
        await s.api.get(
          `/goodlife/v1/fulfilment/certificate/query/?encrypted_code=${encodeURIComponent(s.order.certificates[2].encrypted_code)}`,
          await s.h(),
        )
      ).body,
    )
    expect(one.certificates).toHaveLength(1)
    const both = errorOf(
      (await s.api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=1&encrypted_code=x`, await s.h())).body,
    )
    expect(both.description).toContain('exactly one of encrypted_code and order_id')
    expect(errorOf((await s.api.get('/goodlife/v1/fulfilment/certificate/query/', await s.h())).body).error_code).toBe(
      2100005,
    )
  })

  it('lists the verify history newest first with can_cancel, status and cursor paging', async () => {
    const s = await setup()
    await s.api.post(
      '/goodlife/v1/fulfilment/certificate/cancel/',
      { verify_id: s.verified[1].verify_id, certificate_id: s.verified[1].certificate_id },
      await s.h(),
    )
    const q = async (qs: string) =>
      errorOf(
        (
          await s.api.get(
            `/goodlife/v1/fulfilment/certificate/verify_record/query/?account_id=${ACC}&${qs}`,
            await s.h(),
          )
        ).body,
      )
    const all = await q('cursor=0&size=10')
    expect(all.total).toBe(2)
    expect(all.records.map((r: { verify_id: string; status: number }) => [r.verify_id, r.status])).toEqual([
      [s.verified[1].verify_id, 2],
      [s.verified[0].verify_id, 1],
    ])
    expect(all.records[0]).toMatchObject({ cancel_time: GOODS_NOW_MS / 1000, can_cancel: false })
    expect(all.records[0].code).toBeUndefined()
    expect(all.records[1]).toMatchObject({ can_cancel: true, verify_type: 4 })
    expect(all.records_v2).toEqual(all.records)
    const page1 = await q('cursor=0&size=1')
    const page2 = await q(`cursor=${page1.records[0].cursor}&size=1`)
    expect(page2.records.map((r: { verify_id: string }) => r.verify_id)).toEqual([s.verified[0].verify_id])
    await s.api.post('/sandbox/clock/advance', { seconds: 3601 })
    const later = await q('cursor=0&size=10')
    expect(later.records[1]).toMatchObject({ can_cancel: false, code: s.order.certificates[0].code })
    expect((await q(`cursor=0&size=10&poi_ids=7010000000000000001`)).total).toBe(0)
    expect((await q(`cursor=0&size=10&start_time=${GOODS_NOW_MS / 1000 + 1}`)).total).toBe(0)
    // 验券历史: size 1–20; the detail names the field
    expect((await q('cursor=0&size=21')).description).toBe('参数不合法: size: must be 1–20')
    expect((await q('cursor=0&size=20')).error_code).toBe(0)
  })
})

describe('concurrency', () => {
  it('verifies one certificate exactly once under 200 concurrent requests', async () => {
    const s = await setup()
    const target = s.order.certificates[2]
    const token = await s.api.token()
    const tokens: string[] = []
    for (let i = 0; i < 200; i++) {
      const p = await s.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${target.code}`, {
        'access-token': token,
      })
      tokens.push(p.body.data.verify_token)
    }
    const server = await listen(s.sandbox)
    try {
      const answers = await Promise.all(
        tokens.map(async (vt) => {
          const res = await fetch(`${server.url}/goodlife/v1/fulfilment/certificate/verify/`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'access-token': token },
            body: JSON.stringify({ verify_token: vt, poi_id: POI, encrypted_codes: [target.encrypted_code] }),
          })
          return ((await res.json()) as { data: { verify_results: Array<{ result: number }> } }).data.verify_results[0]!
            .result
        }),
      )
      expect(answers.filter((r) => r === 0)).toHaveLength(1)
      expect(answers.filter((r) => r === 4000102)).toHaveLength(199)
    } finally {
      await server.close()
    }
    const records = errorOf(
      (
        await s.api.get(
          `/goodlife/v1/fulfilment/certificate/verify_record/query/?account_id=${ACC}&cursor=0&size=20`,
          await s.h(),
        )
      ).body,
    )
    expect(
      records.records.filter((r: { certificate_id: string }) => r.certificate_id === target.certificate_id),
    ).toHaveLength(1)
  })
})
