/** The rest of the settle APIs: detailed and by-order ledgers, by-coupon records and bill files that reconcile with catering_query. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { readSheet } from './helpers/xlsx.js'
import { errorOf } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const POI = DEFAULT_TENANT.poi_id
const DAY = '2022-06-01'

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const b = productBody(`settle-${Math.random()}`)
  b.product.attr_key_value_map.refund_need_merchant_confirm = 'false'
  const p = await publish(made.api, b)
  const o = await buy(made.api, {
    product_id: p.product_id,
    count: 3,
    discounts: [{ merchant_discount_amount: 300, platform_discount_amount: 150 }],
  })
  const h = async () => ({ 'access-token': await made.api.token() })
  const get = async (path: string) => (await made.api.get(path, await h())).body
  const verify = async (i: number) => {
    const prep = errorOf(await get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[i].code}`))
    return (
      await made.api.post(
        '/goodlife/v1/fulfilment/certificate/verify/',
        { verify_token: prep.verify_token, poi_id: POI, encrypted_codes: [o.certificates[i].encrypted_code] },
        await h(),
      )
    ).body.data.verify_results[0]
  }
  const advance = (seconds: number) => made.api.post('/sandbox/clock/advance', { seconds })
  /** two coupons billed, one of them refunded by customer service (a reversal) */
  const billed = async () => {
    await verify(0)
    await verify(1)
    await advance(3601)
    await made.api.post('/sandbox/refunds', {
      order_id: o.order.order_id,
      certificate_ids: [o.certificates[1].certificate_id],
      by: 'customer_service',
    })
  }
  const download = async (url: string) => {
    const u = new URL(url)
    const res = await made.sandbox.fetch(new Request(`http://localhost:8787${u.pathname}${u.search}`))
    return { status: res.status, type: res.headers.get('content-type'), buf: Buffer.from(await res.arrayBuffer()) }
  }
  return { ...made, p, o, h, get, verify, advance, billed, download }
}

describe('settle/ledger/detailed_query', () => {
  it("pages the day's records like ledger/query, with the KA breakdown", async () => {
    const s = await setup()
    await s.billed()
    const plain = errorOf(
      await s.get(`/goodlife/v1/settle/ledger/query/?account_id=${ACC}&bill_date=${DAY}&cursor=0&size=10`),
    )
    const detailed = (
      await s.get(`/goodlife/v1/settle/ledger/detailed_query/?account_id=${ACC}&bill_date=${DAY}&cursor=0&size=2`)
    ).data
    expect(detailed.ledger_records.map((r: any) => r.ledger_id)).toEqual(
      plain.ledger_records.slice(0, 2).map((r: any) => r.ledger_id),
    )
    expect(detailed.has_more).toBe(true)
    const [first] = detailed.ledger_records
    expect(first.amount).toMatchObject({
      original: plain.ledger_records[0].amount.original,
      goods: plain.ledger_records[0].amount.goods,
      ledger_total: first.amount.pay + first.amount.ledger_platform_ticket + first.amount.pay_discount,
    })
    expect(first.amount.total_merchant_platform_service).toBeGreaterThan(0)
    expect(
      errorOf(
        await s.get(`/goodlife/v1/settle/ledger/detailed_query/?account_id=${ACC}&bill_date=${DAY}&cursor=0&size=51`),
      ),
    ).toMatchObject({ error_code: 2100005, description: '参数不合法: size: must be 1–50' })
  })
})

describe('settle/ledger/query_by_order and detailed_query_by_order', () => {
  it('answers every record of the orders keyed by ledger_id; nothing for an order without bills', async () => {
    const s = await setup()
    await s.billed()
    const r = (
      await s.get(`/goodlife/v1/settle/ledger/query_by_order/?account_id=${ACC}&order_ids=${s.o.order.order_id},1`)
    ).data
    const records = Object.values(r.ledger_records) as any[]
    expect(records.map((x) => x.fund_amount_type).sort()).toEqual([1, 1, 2])
    for (const [key, x] of Object.entries(r.ledger_records) as Array<[string, any]>) {
      expect(key).toBe(x.ledger_id)
      expect(x.order_id).toBe(s.o.order.order_id)
    }
    expect(r.ledger_second_records).toEqual({})
    const d = (
      await s.get(
        `/goodlife/v1/settle/ledger/detailed_query_by_order/?account_id=${ACC}&order_ids=${s.o.order.order_id}`,
      )
    ).data
    expect(Object.keys(d.ledger_records).sort()).toEqual(Object.keys(r.ledger_records).sort())
    expect((Object.values(d.ledger_records)[0] as any).amount).toHaveProperty('ledger_total')
    const many = Array.from({ length: 51 }, (_, i) => i + 1).join(',')
    expect(
      errorOf(await s.get(`/goodlife/v1/settle/ledger/query_by_order/?account_id=${ACC}&order_ids=${many}`)),
    ).toMatchObject({ error_code: 2100005, description: '参数不合法: order_ids takes 1–50 ids, got 51' })
    expect((await s.get(`/goodlife/v1/settle/ledger/query_by_order/?order_ids=1`)).data.error_code).toBe(2100005)
  })
})

describe('settle/bill/query_record_by_subfulfil', () => {
  it("answers one coupon's records with the ledger_datail_map breakdown", async () => {
    const s = await setup()
    await s.billed()
    const id = s.o.certificates[1].certificate_id
    const r = errorOf(await s.get(`/goodlife/v1/settle/bill/query_record_by_subfulfil/?sub_fulfil_id=${id}`))
    expect(r.records.map((x: any) => x.fund_amount_type)).toEqual([1, 2])
    const byCert = (await s.get(`/goodlife/v1/settle/ledger/query_record_by_cert/?certificate_ids=${id}`)).data.records
    expect(r.records[0]).toMatchObject({
      sub_fulfil_id: id,
      shop_order_id: s.o.order.order_id,
      ledger_datail_map: {
        goods: { amount: byCert[0].fund_amount.goods },
        merchant_platform_commission: {
          amount: byCert[0].fund_amount.total_merchant_platform_service,
          commission_ratio: 250,
        },
      },
    })
    expect(
      (
        await s.get(
          `/goodlife/v1/settle/bill/query_record_by_subfulfil/?sub_fulfil_id=${s.o.certificates[2].certificate_id}`,
        )
      ).data.records,
    ).toEqual([])
    expect(errorOf(await s.get('/goodlife/v1/settle/bill/query_record_by_subfulfil/'))).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('sub_fulfil_id'),
    })
  })
})

describe('bill files (query_leger_url, query_rebate_url)', () => {
  it("serves the day's ledger as an .xlsx that reconciles with catering_query", async () => {
    const s = await setup()
    await s.billed()
    const r = await s.get(`/goodlife/v1/settle/bill/query_leger_url/?account_id=${ACC}&launch_date=${DAY}`)
    expect(r.data).toMatchObject({ error_code: 0 })
    expect(r.urls).toHaveLength(1)
    const file = await s.download(r.urls[0])
    expect(file.status).toBe(200)
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const rows = readSheet(file.buf)
    expect(rows[0]).toContain('商家应得(分)')
    const catering = (
      await s.get(`/goodlife/v1/settle/bill/catering_query/?account_id=${ACC}&bill_date=${DAY}&cursor=0&size=50`)
    ).data.ledger_records
    const col = (name: string) => rows[0]!.indexOf(name)
    expect(rows.slice(1).map((row) => row[col('账单ID')])).toEqual(catering.map((c: any) => c.ledger_id))
    expect(rows.slice(1).map((row) => row[col('商家应得(分)')])).toEqual(catering.map((c: any) => c.fund_amount))
    expect(rows.slice(1).map((row) => row[col('款项类型')])).toEqual(['核销收入', '核销收入', '退款冲减'])
    // a day without bills: the header only
    const empty = await s.get(`/goodlife/v1/settle/bill/query_leger_url/?account_id=${ACC}&launch_date=2022-05-01`)
    expect(readSheet((await s.download(empty.urls[0])).buf)).toHaveLength(1)
  })

  it('refuses a changed or expired link, and checks the query', async () => {
    const s = await setup()
    const r = await s.get(`/goodlife/v1/settle/bill/query_leger_url/?account_id=${ACC}&launch_date=${DAY}`)
    const bad = await s.download(r.urls[0].replace('2022-06-01', '2022-06-02'))
    expect(bad.status).toBe(403)
    expect(errorOf(JSON.parse(bad.buf.toString()))).toMatchObject({
      error_code: 2100005,
      description: '参数不合法: x-signature does not match this file link',
    })
    await s.advance(31 * 86400 + 1)
    const late = await s.download(r.urls[0])
    expect(late.status).toBe(403)
    expect(JSON.parse(late.buf.toString()).data.error_code).toBe(4000002)
    expect(
      errorOf(await s.get(`/goodlife/v1/settle/bill/query_leger_url/?account_id=${ACC}&launch_date=20220601`)),
    ).toMatchObject({
      error_code: 2100005,
      description: expect.stringContaining('launch_date'),
    })
    expect(
      errorOf(
        await s.get(`/goodlife/v1/settle/bill/query_leger_url/?account_id=7000000000000000001&launch_date=${DAY}`),
      ).error_code,
    ).toBe(2119005)
  })

  it("serves the month's rebate file (header only: no rebates are simulated)", async () => {
    const s = await setup()
    const r = await s.get(`/goodlife/v1/settle/bill/query_rebate_url/?account_id=${ACC}&biz_month=2022-06`)
    const rows = readSheet((await s.download(r.urls[0])).buf)
    expect(rows).toEqual([['返佣单ID', '月份', '订单号', '返佣金额(分)']])
    expect(
      (await s.get(`/goodlife/v1/settle/bill/query_rebate_url/?account_id=${ACC}&biz_month=2022-6`)).data.error_code,
    ).toBe(2100005)
  })
})
