/**
 * How bills are scheduled: one job per verify second bills that second's verifications once their cancel window
 * closes, and one job settles the records written together; jobs stored by earlier versions (one per verification
 * or per record) still run.
 */
import { describe, expect, it } from 'vitest'
import { LEDGER_JOB, SETTLE_JOB } from '../src/domains/settle/ledger.service.js'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'

const ACC = DEFAULT_TENANT.account_id
const POI = DEFAULT_TENANT.poi_id
type Ran = { kind: string; result: { billed?: number; settled?: number; ledger_ids: string[] } }

async function setup(count: number) {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const p = await publish(made.api, productBody(`bill-jobs-${count}`))
  const o = await buy(made.api, { product_id: p.product_id, count })
  const h = async () => ({ 'access-token': await made.api.token() })
  const verify = async (i: number) => {
    const c = o.certificates[i]
    const prep = (await made.api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${c.code}`, await h())).body
    const body = { verify_token: prep.data.verify_token, poi_id: POI, encrypted_codes: [c.encrypted_code] }
    const res = (await made.api.post('/goodlife/v1/fulfilment/certificate/verify/', body, await h())).body.data
    expect(res.verify_results[0].result).toBe(0)
    return res.verify_results[0] as { verify_id: string; certificate_id: string }
  }
  const advance = async (seconds: number) =>
    (await made.api.post('/sandbox/clock/advance', { seconds })).body.data.ran as Ran[]
  const ledgers = async () =>
    (
      await made.api.get(
        `/goodlife/v1/settle/bill/catering_query/?account_id=${ACC}&bill_date=2022-06-01&cursor=0&size=50`,
        await h(),
      )
    ).body.data.ledger_records as Array<{ ledger_id: string; verify_id: string; status: number }>
  const tenant = made.sandbox.tenants.default()
  return { ...made, o, h, verify, advance, ledgers, tenant }
}

describe('bill jobs', () => {
  it('bills the verifications of one second with one job, skips the cancelled one, and settles them with one', async () => {
    const s = await setup(3)
    const v = [await s.verify(0), await s.verify(1), await s.verify(2)]
    expect(s.tenant.scheduler.pending().filter((j) => j.kind === LEDGER_JOB)).toHaveLength(1)
    await s.api.post(
      '/goodlife/v1/fulfilment/certificate/cancel/',
      { verify_id: v[1]!.verify_id, certificate_id: v[1]!.certificate_id },
      await s.h(),
    )
    const billedRuns = (await s.advance(3601)).filter((j) => j.kind === LEDGER_JOB)
    expect(billedRuns).toHaveLength(1)
    expect(billedRuns[0]!.result.billed).toBe(2)
    const records = await s.ledgers()
    expect(records.map((r) => r.verify_id)).toEqual([v[0]!.verify_id, v[2]!.verify_id])
    expect(billedRuns[0]!.result.ledger_ids).toEqual(records.map((r) => r.ledger_id))
    expect(records.map((r) => r.status)).toEqual([0, 0])

    const settleRuns = (await s.advance(24 * 3600)).filter((j) => j.kind === SETTLE_JOB)
    expect(settleRuns.map((j) => j.result.settled)).toEqual([2])
    expect((await s.ledgers()).map((r) => r.status)).toEqual([2, 2])
  })

  it('gives verifications of different seconds their own jobs', async () => {
    const s = await setup(2)
    await s.verify(0)
    await s.advance(10)
    await s.verify(1)
    const due = s.tenant.scheduler
      .pending()
      .filter((j) => j.kind === LEDGER_JOB)
      .map((j) => j.due_at_ms / 1000)
    expect(due).toEqual([GOODS_NOW_MS / 1000 + 3601, GOODS_NOW_MS / 1000 + 10 + 3601])
    expect((await s.advance(3591)).filter((j) => j.kind === LEDGER_JOB).map((j) => j.result.billed)).toEqual([1])
    expect(await s.ledgers()).toHaveLength(1)
    expect((await s.advance(10)).filter((j) => j.kind === LEDGER_JOB).map((j) => j.result.billed)).toEqual([1])
    expect(await s.ledgers()).toHaveLength(2)
  })

  it('never bills a verification twice when its second is billed again (a clock set back)', async () => {
    const s = await setup(1)
    const v = await s.verify(0)
    const job = s.tenant.scheduler.pending().find((j) => j.kind === LEDGER_JOB)!
    s.tenant.scheduler.schedule(LEDGER_JOB, job.due_at_ms, { ...job.payload })
    const runs = (await s.advance(3601)).filter((j) => j.kind === LEDGER_JOB)
    expect(runs.map((j) => j.result.billed)).toEqual([1, 0])
    expect((await s.ledgers()).map((r) => r.verify_id)).toEqual([v.verify_id])
  })

  it('still runs the jobs earlier versions stored: one per verification, one per ledger record', async () => {
    const s = await setup(1)
    const v = await s.verify(0)
    const job = s.tenant.scheduler.pending().find((j) => j.kind === LEDGER_JOB)!
    s.tenant.scheduler.cancel(job.job_id)
    s.tenant.scheduler.schedule(LEDGER_JOB, job.due_at_ms, { verify_id: v.verify_id })
    const billed = (await s.advance(3601)).find((j) => j.kind === LEDGER_JOB)!
    expect(billed.result.billed).toBe(1)
    const settle = s.tenant.scheduler.pending().find((j) => j.kind === SETTLE_JOB)!
    s.tenant.scheduler.cancel(settle.job_id)
    const [ledgerId] = billed.result.ledger_ids
    s.tenant.scheduler.schedule(SETTLE_JOB, settle.due_at_ms, { ledger_id: ledgerId })
    const settled = (await s.advance(24 * 3600)).find((j) => j.kind === SETTLE_JOB)!
    expect(settled.result).toEqual({ settled: 1, ledger_ids: [ledgerId] })
    expect((await s.ledgers()).map((r) => r.status)).toEqual([2])
  })
})
