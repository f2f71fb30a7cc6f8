import { describe, expect, it } from 'vitest'
import { FROZEN_AT_MS, makeSandbox } from './helpers/harness.js'
import { errorText } from './helpers/errors.js'

describe('virtual clock', () => {
  it('starts frozen at the configured instant', async () => {
    const { api } = await makeSandbox()
    const c = (await api.get('/sandbox/clock')).body.data.clock
    expect(c).toEqual({
      now: FROZEN_AT_MS / 1000,
      now_ms: FROZEN_AT_MS,
      iso: '2025-12-31T16:00:00.000Z',
      frozen: true,
      offset_seconds: 0,
      pending_jobs: 0,
      next_job_at: null,
    })
  })

  it('runs due jobs in time order at their own due time when advanced', async () => {
    const { sandbox, api } = await makeSandbox()
    const t = sandbox.tenants.default()
    const seen: Array<[string, number]> = []
    sandbox.jobHandlers.set('test.note', (_ctx, job) => {
      seen.push([String(job.payload.n), t.clock.now()])
      return job.payload.n
    })
    const now = t.clock.nowMs()
    t.scheduler.schedule('test.note', now + 30_000, { n: 'c' })
    t.scheduler.schedule('test.note', now + 10_000, { n: 'a' })
    t.scheduler.schedule('test.note', now + 10_000, { n: 'b' })
    t.scheduler.schedule('test.note', now + 90_000, { n: 'late' })
    const r = await api.post('/sandbox/clock/advance', { seconds: 60 })
    expect(r.body.data.ran.map((j: { result: string }) => j.result)).toEqual(['a', 'b', 'c'])
    const base = now / 1000
    expect(seen).toEqual([
      ['a', base + 10],
      ['b', base + 10],
      ['c', base + 30],
    ])
    expect(r.body.data.clock.now).toBe(base + 60)
    expect(r.body.data.clock.pending_jobs).toBe(1)
    expect(r.body.data.clock.next_job_at).toBe(base + 90)
  })

  it('runs a job scheduled by a job when it falls due within the same advance', async () => {
    const { sandbox, api } = await makeSandbox()
    const t = sandbox.tenants.default()
    sandbox.jobHandlers.set('test.chain', (_ctx, job) => {
      const left = Number(job.payload.left)
      if (left > 0) t.scheduler.schedule('test.chain', job.due_at_ms + 5000, { left: left - 1 })
      return left
    })
    t.scheduler.schedule('test.chain', t.clock.nowMs() + 5000, { left: 3 })
    const r = await api.post('/sandbox/clock/advance', { seconds: 18 })
    expect(r.body.data.ran.map((j: { result: number }) => j.result)).toEqual([3, 2, 1])
    expect(r.body.data.clock.pending_jobs).toBe(1)
  })

  it('reports a failing job without stopping the others', async () => {
    const { sandbox, api } = await makeSandbox()
    const t = sandbox.tenants.default()
    t.scheduler.schedule('no.such.kind', t.clock.nowMs() + 1000)
    const r = await api.post('/sandbox/clock/advance', { seconds: 2 })
    expect(r.body.data.ran).toEqual([
      expect.objectContaining({ kind: 'no.such.kind', error: 'no handler for job kind no.such.kind' }),
    ])
  })

  it('freezes at a later instant by running the jobs up to it, and refuses the past', async () => {
    const { sandbox, api } = await makeSandbox()
    const t = sandbox.tenants.default()
    t.scheduler.schedule('oauth.token_expire', t.clock.nowMs() + 5000, { access_token: 'none' })
    const later = await api.post('/sandbox/clock/freeze', { at: FROZEN_AT_MS / 1000 + 10 })
    expect(later.body.data.clock.now).toBe(FROZEN_AT_MS / 1000 + 10)
    expect(later.body.data.ran).toHaveLength(1)
    const past = await api.post('/sandbox/clock/freeze', { at: '2020-01-01T00:00:00Z' })
    expect(past.body.data.error_code).toBe(2100005)
    expect(errorText(past.body)).toContain('time never goes back')
    const bad = await api.post('/sandbox/clock/freeze', { at: 'tomorrow' })
    expect(errorText(bad.body)).toContain('at must be Unix seconds or an ISO-8601 date')
  })

  it('unfreezes so time runs from where it stood, and freezes again', async () => {
    let real = 1_000_000_000_000
    const { api } = await makeSandbox({ realTime: () => real })
    const un = await api.post('/sandbox/clock/unfreeze')
    expect(un.body.data.clock.frozen).toBe(false)
    expect(un.body.data.clock.now).toBe(FROZEN_AT_MS / 1000)
    real += 42_000
    expect((await api.get('/sandbox/clock')).body.data.clock.now).toBe(FROZEN_AT_MS / 1000 + 42)
    await api.post('/sandbox/clock/advance', { seconds: 100 })
    real += 1000
    expect((await api.get('/sandbox/clock')).body.data.clock.now).toBe(FROZEN_AT_MS / 1000 + 143)
    const fr = await api.post('/sandbox/clock/freeze')
    expect(fr.body.data.clock.frozen).toBe(true)
    real += 50_000
    expect((await api.get('/sandbox/clock')).body.data.clock.now).toBe(FROZEN_AT_MS / 1000 + 143)
  })

  it('judges token expiry by the clock even before the expiry job ran', async () => {
    let real = 1_000_000_000_000
    const { sandbox, api } = await makeSandbox({ realTime: () => real, frozenAtMs: undefined })
    const token = await api.token()
    real += 7200_000
    const r = await api.get('/goodlife/v1/goods/category/get/', { 'access-token': token })
    expect(r.body.data.error_code).toBe(2190008)
    expect(sandbox.tenants.default().scheduler.pending()).toHaveLength(1)
  })
})
