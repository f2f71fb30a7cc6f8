import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const POI = DEFAULT_TENANT.poi_id
const DAY = '2022-06-01'

async function setup(count = 4) {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const b = productBody(`bill-${Math.random()}`)
  b.product.attr_key_value_map.RefundPolicy = '1'
  b.product.attr_key_value_map.refund_need_merchant_confirm = 'false'
  const p = await publish(made.api, b)
  const o = await buy(made.api, {
    product_id: p.product_id,
    count,
    discounts: [{ merchant_discount_amount: 400, platform_discount_amount: 200 }],
  })
  const h = async () => ({ 'access-token': await made.api.token() })
  const verify = async (i: number) => {
    const prep = errorOf(
      (await made.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[i].code}`, await h()))
        .body,
    )
    const res = errorOf(
      (
        await made.api.post(
          '/goodlife/v1/fulfilment/certificate/verify/',
          { verify_token: prep.verify_token, poi_id: POI, encrypted_codes: [o.certificates[i].encrypted_code] },
          await h(),
        )
      ).body,
    )
    return res.verify_results[0]
  }
  const catering = async (qs = '') =>
    errorOf(
      (
        await made.api.get(
          `/goodlife/v1/settle/bill/catering_query/?account_id=${ACC}&bill_date=${DAY}&cursor=0&size=50${qs}`,
          await h(),
        )
      ).body,
    )
  const advance = (seconds: number) => made.api.post('/sandbox/clock/advance', { seconds })
  return { ...made, p, o, h, verify, catering, advance }
}

describe('bills', () => {
  it('bills a verification only once its one-hour cancel window has closed', async () => {
    const s = await setup()
    await s.verify(0)
    await s.advance(3600)
    expect((await s.catering()).ledger_records).toEqual([])
    await s.advance(1)
    const records = (await s.catering()).ledger_records
    expect(records).toHaveLength(1)
    const c = s.o.certificates[0]
    expect(records[0]).toMatchObject({
      account_id: ACC,
      settle_type: 1,
      settle_type_desc: '总店结算',
      fund_amount_type: 1,
      status: 0,
      certificate_id: c.certificate_id,
      code: c.code,
      poi_id: POI,
      bill_date: DAY,
      amount: {
        original: 996,
        pay: c.amount.pay_amount,
        merchant_ticket: c.amount.merchant_ticket_amount,
        platform_ticket: c.amount.platform_discount_amount,
      },
    })
    const commission = Math.round((996 - c.amount.merchant_ticket_amount) * 0.025)
    expect(records[0].amount).toMatchObject({ commission, goods: 996 - c.amount.merchant_ticket_amount - commission })
    expect(records[0].fund_amount).toBe(records[0].amount.goods)
  })

  it('never bills a verification cancelled or refunded within the hour', async () => {
    const s = await setup()
    const v0 = await s.verify(0)
    const v1 = await s.verify(1)
    await s.advance(3599)
    await s.api.post(
      '/goodlife/v1/fulfilment/certificate/cancel/',
      { verify_id: v0.verify_id, certificate_id: v0.certificate_id },
      await s.h(),
    )
    await s.api.post('/sandbox/refunds', {
      order_id: s.o.order.order_id,
      certificate_ids: [v1.certificate_id],
      by: 'customer_service',
    })
    await s.advance(7200)
    expect((await s.catering()).ledger_records).toEqual([])
  })

  it('writes a reversing record for a refund after the bill, and settles records after the configured delay', async () => {
    const s = await setup()
    await s.api.request('PUT', '/sandbox/settings', { body: { settle_delay_seconds: 7200 } })
    const v = await s.verify(2)
    await s.advance(3601)
    await s.api.post('/sandbox/refunds', { order_id: s.o.order.order_id, certificate_ids: [v.certificate_id] })
    await s.api.post(
      '/goodlife/v1/akte/after_sale/order/audit/',
      { order_id: s.o.order.order_id, audit_status: true },
      await s.h(),
    )
    const records = (await s.catering()).ledger_records
    expect(records.map((r: { fund_amount_type: number }) => r.fund_amount_type)).toEqual([1, 2])
    expect(records[1].amount).toEqual(records[0].amount)
    await s.advance(7200)
    const settled = errorOf(
      (
        await s.api.get(
          `/goodlife/v1/settle/ledger/query/?account_id=${ACC}&bill_date=${DAY}&cursor=0&size=10`,
          await s.h(),
        )
      ).body,
    ).ledger_records
    expect(settled.map((r: { status: number }) => r.status)).toEqual([2, 2])
    // 账单查询: size 1–50; the detail names the field
    const ledgerPage = async (size: number) =>
      (
        await s.api.get(
          `/goodlife/v1/settle/ledger/query/?account_id=${ACC}&bill_date=${DAY}&cursor=0&size=${size}`,
          await s.h(),
        )
      ).body
    expect((await ledgerPage(50)).data.error_code).toBe(0)
    const over = await ledgerPage(51)
    expect(over.data).toEqual({ error_code: 2100005, description: '参数不合法' })
    expect(over.extra.sub_description).toBe('size: must be 1–50')
    expect(settled[0].ledger_time).toBe(GOODS_NOW_MS / 1000 + 3601 + 7200)
    const byCert = errorOf(
      (
        await s.api.get(
          `/goodlife/v1/settle/ledger/query_record_by_cert/?certificate_ids=${v.certificate_id}`,
          await s.h(),
        )
      ).body,
    ).records
    expect(byCert.map((r: { fund_amount_type: number }) => r.fund_amount_type)).toEqual([1, 2])
  })

  it("reconciles: the day's merchant receivable is what stayed verified minus what was reversed", async () => {
    const s = await setup(4)
    const v = [await s.verify(0), await s.verify(1), await s.verify(2)]
    await s.advance(3601)
    await s.api.post('/sandbox/refunds', {
      order_id: s.o.order.order_id,
      certificate_ids: [v[1].certificate_id],
      by: 'customer_service',
    })
    const records = (await s.catering()).ledger_records as Array<{
      fund_amount_type: number
      amount: { goods: number }
      certificate_id: string
    }>
    const net = records.reduce((sum, r) => sum + (r.fund_amount_type === 1 ? r.amount.goods : -r.amount.goods), 0)
    const standing = [0, 2]
      .map((i) => s.o.certificates[i])
      .map((c) => {
        const base = c.amount.original_amount - c.amount.merchant_ticket_amount
        return base - Math.round(base * 0.025)
      })
    expect(net).toBe(standing[0]! + standing[1]!)
  })

  it('pages the catering bill by cursor and checks its parameters', async () => {
    const s = await setup(3)
    for (let i = 0; i < 3; i++) await s.verify(i)
    await s.advance(3601)
    const p1 = errorOf(
      (
        await s.api.get(
          `/goodlife/v1/settle/bill/catering_query/?account_id=${ACC}&bill_date=${DAY}&cursor=0&size=2`,
          await s.h(),
        )
      ).body,
    )
    expect(p1).toMatchObject({ has_more: true, cursor: '2' })
    const p2 = errorOf(
      (
        await s.api.get(
          `/goodlife/v1/settle/bill/catering_query/?root_account_id=${ACC}&bill_date=${DAY}&cursor=2&size=2`,
          await s.h(),
        )
      ).body,
    )
    expect(p2.ledger_records).toHaveLength(1)
    expect(p2.has_more).toBe(false)
    const bad = async (qs: string) =>
      errorOf((await s.api.get(`/goodlife/v1/settle/bill/catering_query/?${qs}`, await s.h())).body)
    expect((await bad(`account_id=${ACC}&bill_date=${DAY}&cursor=0&size=51`)).description).toContain(
      'size: must be 1–50',
    )
    expect((await bad(`bill_date=${DAY}&cursor=0&size=5`)).description).toContain(
      'account_id or root_account_id is required',
    )
    expect((await bad(`account_id=${ACC}&bill_date=20220601&cursor=0&size=5`)).description).toContain(
      'bill_date: must be YYYY-MM-DD',
    )
    expect((await bad(`root_account_id=7000000000000000001&bill_date=${DAY}&cursor=0&size=5`)).error_code).toBe(2119005)
    const tooMany = Array.from({ length: 51 }, (_, i) => `7${String(i).padStart(18, '0')}`).join(',')
    expect(
      errorOf(
        (await s.api.get(`/goodlife/v1/settle/ledger/query_record_by_cert/?certificate_ids=${tooMany}`, await s.h()))
          .body,
      ).description,
    ).toContain('certificate_ids: takes 1–50 comma-separated ids')
  })
})
