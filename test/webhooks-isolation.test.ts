/**
 * Real time on purpose: the jobs of a running clock are driven by a real-time timer, and a receiver that hangs
 * holds a real connection open. One tenant's hanging receiver must not hold up another tenant's due job.
 */
import { describe, expect, it } from 'vitest'
import { AUDIT_JOB } from '../src/domains/goods/product.lifecycle.js'
import { apiOver, makeSandbox, type Api } from './helpers/harness.js'
import { GOODS_NOW_MS, save } from './helpers/goods.js'
import { defaultReply, useReceivers } from './helpers/receiver.js'
import { listen } from './helpers/server.js'

const newReceiver = useReceivers()

/** A tenant with a running clock, its audit `auditDelay` virtual seconds after a save, and its webhook URL. */
async function runningTenant(api: Api, key: string, auditDelay: number, url: string) {
  const t = (await api.post('/sandbox/tenants', { client_key: key })).body.data
  const h = { 'x-sandbox-client-key': key }
  await api.request('PUT', '/sandbox/settings', { body: { audit_delay_seconds: auditDelay }, headers: h })
  await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url }, headers: h })
  expect((await api.post('/sandbox/clock/unfreeze', {}, h)).body.data.error_code).toBe(0)
  return { ...t, h, token: await api.token(t) }
}

describe('tenant isolation', () => {
  it("runs tenant B's due job and sends its webhook within 100 ms of its time while tenant A's receiver hangs", async () => {
    const { sandbox } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const server = await listen(sandbox)
    const api = apiOver((req) => fetch(req), server.url)
    const hanging = await newReceiver()
    hanging.reply = () => 'hang'
    const fine = await newReceiver()
    const arrivals: number[] = []
    fine.reply = (req) => {
      arrivals.push(Date.now())
      return defaultReply(req)
    }
    const a = await runningTenant(api, 'tenant-hanging', 1, hanging.url)
    const b = await runningTenant(api, 'tenant-on-time', 3, fine.url)
    const example = async (h: Record<string, string>) =>
      (await api.request('GET', '/sandbox/examples/product_save?bare=true', { headers: h, contract: false })).body
    const bodyA = await example(a.h)
    const bodyB = await example(b.h)
    bodyA.product.product_name += ' 违禁' // fails its audit, so the audit schedules nothing after it
    const savedA = await save(api, a.token, bodyA)
    const savedB = await save(api, b.token, bodyB)
    expect([savedA.data.description, savedB.data.description]).toEqual(['success', 'success'])
    const tb = sandbox.tenants.require(b.client_key)
    const job = tb.scheduler.pending().find((j) => j.kind === AUDIT_JOB)!
    const dueReal = tb.clock.realAt(job.due_at_ms)!
    // a plain timer for the same instant: how late this machine runs timers anyway (under a loaded suite)
    let control = 0
    setTimeout(() => (control = Date.now()), dueReal - Date.now())

    await fine.waitFor(1, 8000)
    while (control === 0) await new Promise((r) => setTimeout(r, 5))
    const lateness = arrivals[0]! - Math.max(dueReal, control)
    // tenant A's audit webhook went out at +1 s and its receiver is still holding the connection
    expect(hanging.received.length).toBeGreaterThanOrEqual(1)
    expect((await api.get('/sandbox/webhooks/deliveries', a.h)).body.data.total).toBe(0)
    expect(arrivals[0]! - dueReal).toBeLessThan(1000) // not waiting for tenant A's 5 s cut at +6 s
    expect(lateness).toBeLessThan(100)
    expect(JSON.parse(fine.received[0]!.body).event).toBe('life_product_audit')

    await hanging.close()
    await server.close()
    await sandbox.close()
  }, 20_000)
})
