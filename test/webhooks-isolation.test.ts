/**
 * Real time on purpose: the jobs of a running clock are driven by a real-time timer, and a receiver that hangs
 * holds a real connection open. One tenant's hanging receiver must not hold up another tenant's due job.
 * The property is asserted by order, not by a tight margin: the hanging attempt is held open far longer (a 30 s
 * delivery timeout) than tenant B's wait, so B's webhook arriving while A's attempt is still open is what shows
 * B was not held up.
 */
import { describe, expect, it } from 'vitest'
import { AUDIT_JOB } from '../src/domains/goods/product.lifecycle.js'
import { apiOver, makeSandbox, type Api } from './helpers/harness.js'
import { GOODS_NOW_MS, save } from './helpers/goods.js'
import { defaultReply, useReceivers } from './helpers/receiver.js'
import { listen } from './helpers/server.js'

const newReceiver = useReceivers()
/** tenant A's hanging attempt stays open this long (real ms), well past anything the test waits for */
const HANG_CUT_MS = 30_000

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
  it("runs tenant B's due job and sends its webhook while tenant A's receiver hangs, not after A's cut", async () => {
    const { sandbox } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS, webhookTimeoutMs: HANG_CUT_MS })
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

    // B's audit is due 3 s after the saves, A's webhook went out at +1 s and hangs until its cut at +31 s
    await fine.waitFor(1, 10_000)
    expect(hanging.received.length).toBeGreaterThanOrEqual(1)
    // A's attempt is still open (no delivery logged for it): B's webhook did not wait for it
    expect((await api.get('/sandbox/webhooks/deliveries', a.h)).body.data.total).toBe(0)
    // a generous margin for a loaded machine, far below the 30 s B would wait behind A's cut
    expect(arrivals[0]! - dueReal).toBeLessThan(5000)
    expect(JSON.parse(fine.received[0]!.body).event).toBe('life_product_audit')

    await hanging.close()
    await server.close()
    await sandbox.close()
  }, 20_000)
})
