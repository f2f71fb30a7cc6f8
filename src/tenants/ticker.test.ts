import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLog } from '../log.js'
import { createSandbox } from '../sandbox.js'
import { openMemoryStore } from '../store/store.js'

describe('ticker', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs a job when real time reaches it on a running clock, with no request', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] })
    const sandbox = createSandbox({
      store: await openMemoryStore(),
      realTime: () => Date.now(),
      log: createLog('silent'),
    })
    const t = sandbox.tenants.default()
    const ran: number[] = []
    sandbox.jobHandlers.set('test.tick', () => ran.push(t.clock.now()))
    const due = t.clock.nowMs() + 5000
    t.scheduler.schedule('test.tick', due)
    await vi.advanceTimersByTimeAsync(4000)
    expect(ran).toEqual([])
    await vi.advanceTimersByTimeAsync(1500)
    expect(ran).toHaveLength(1)
    expect(t.scheduler.pending()).toHaveLength(0)
    await sandbox.close()
  })

  it('leaves jobs of a frozen clock alone however much real time passes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] })
    const sandbox = createSandbox({
      store: await openMemoryStore(),
      realTime: () => Date.now(),
      frozenAtMs: 0,
      log: createLog('silent'),
    })
    const t = sandbox.tenants.default()
    sandbox.jobHandlers.set('test.tick', () => 1)
    t.scheduler.schedule('test.tick', 1000)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(t.scheduler.pending()).toHaveLength(1)
    await sandbox.close()
  })
})
