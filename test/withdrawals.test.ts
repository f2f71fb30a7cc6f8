/**
 * 提现: the records that settled on one Beijing day are paid out at the next 00:00 Beijing as one withdrawal
 * (withdraw/catering_query, withdraw/composite_query); withdraw_id gives its bill lines (bill/catering_query,
 * bill/composite_query).
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { errorOf } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const POI = DEFAULT_TENANT.poi_id

/** Two coupons verified on 2022-06-01 (Beijing); their bills are written an hour later and settle a day after. */
async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const { api } = made
  const h = async () => ({ 'access-token': await api.token() })
  const p = await publish(api, productBody('withdraw'))
  const o = await buy(api, { product_id: p.product_id, count: 2 })
  const prep = await api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, await h())
  await api.post(
    '/goodlife/v1/fulfilment/certificate/verify/',
    {
      verify_token: prep.body.data.verify_token,
      poi_id: POI,
      encrypted_codes: o.certificates.map((c: { encrypted_code: string }) => c.encrypted_code),
    },
    await h(),
  )
  const withdrawals = async (path: string, from = '2022-06-01', to = '2022-06-30', account = ACC) =>
    errorOf(
      (
        await api.get(
          `/goodlife/v1/settle/withdraw/${path}/?account_id=${account}&start_date=${from}&end_date=${to}&cursor=0&size=10`,
          await h(),
        )
      ).body,
    )
  const bills = async (path: string, extra = '') =>
    errorOf(
      (
        await api.get(
          `/goodlife/v1/settle/bill/${path}/?account_id=${ACC}&bill_date=2022-06-01&cursor=0&size=10${extra}`,
          await h(),
        )
      ).body,
    )
  return {
    ...made,
    o,
    withdrawals,
    bills,
    advance: (seconds: number) => api.post('/sandbox/clock/advance', { seconds }),
  }
}

describe('withdrawals', () => {
  it('pay out the records settled on a day once that day is over, with their receivable', async () => {
    const s = await setup()
    await s.advance(3601)
    expect((await s.withdrawals('catering_query')).bill_withdraw_records).toEqual([])
    // settle_delay_seconds (a day) later the records settle, on 2022-06-02; that day ends at 2022-06-03 00:00
    await s.advance(86400)
    const lines = (await s.bills('catering_query')).ledger_records
    expect(lines.map((l: { status: number }) => l.status)).toEqual([2, 2])
    expect((await s.withdrawals('catering_query')).bill_withdraw_records).toEqual([])
    await s.advance(86400)
    const [w, ...more] = (await s.withdrawals('catering_query')).bill_withdraw_records
    expect(more).toEqual([])
    expect(w).toMatchObject({
      withdraw_id: expect.stringMatching(/^7\d{18}$/),
      status: 'SUCCESS',
      settle_date: '2022-06-02',
      launch_time: Date.parse('2022-06-03T00:00:00+08:00') / 1000,
      amount: lines.reduce((sum: number, l: { fund_amount: number }) => sum + l.fund_amount, 0),
      settle_account: ACC,
    })
    expect(w.amount).toBeGreaterThan(0)
    expect((await s.withdrawals('composite_query')).bill_withdraw_records).toEqual([w])
    expect((await s.withdrawals('catering_query', '2022-06-03', '2022-06-30')).bill_withdraw_records).toEqual([])

    const paid = (await s.bills('catering_query', `&withdraw_id=${w.withdraw_id}`)).ledger_records
    expect(paid.map((l: { ledger_id: string }) => l.ledger_id)).toEqual(
      lines.map((l: { ledger_id: string }) => l.ledger_id),
    )
    expect((await s.bills('composite_query', `&withdraw_id=${w.withdraw_id}`)).ledger_records).toEqual(paid)
    expect((await s.bills('composite_query')).ledger_records).toEqual(lines)
  })

  it('refuse a reversed range, another account and an unknown withdraw_id', async () => {
    const s = await setup()
    const reversed = await s.withdrawals('catering_query', '2022-06-05', '2022-06-01')
    expect(reversed).toMatchObject({ error_code: 2100005 })
    expect(reversed.description).toContain('start_date must not be after end_date')
    expect(await s.withdrawals('composite_query', '2022-06-01', '2022-06-02', '7000000000000000001')).toMatchObject({
      error_code: 2119005,
    })
    const unknown = await s.bills('composite_query', '&withdraw_id=7000000000000000009')
    expect(unknown).toMatchObject({ error_code: 4000001 })
    expect(unknown.description).toContain('no withdrawal 7000000000000000009')
  })
})
