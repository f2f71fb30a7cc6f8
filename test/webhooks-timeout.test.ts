/**
 * Real time on purpose: the delivery cut is a wall-clock limit. The platform's is 5 s (the default); the test
 * injects a shorter one (createSandbox's webhookTimeoutMs) so it does not wait 5 real seconds.
 */
import { describe, expect, it } from 'vitest'
import { DELIVERY_TIMEOUT_MS } from '../src/webhooks/dispatcher.js'
import { makeSandbox } from './helpers/harness.js'
import { useReceivers } from './helpers/receiver.js'

const newReceiver = useReceivers()
/** the injected cut: long enough for the other tenant's delivery to go through while it runs, even under load */
const CUT_MS = 1500

describe('a hanging receiver', () => {
  it("is cut at the platform's 5 s unless the sandbox is given another timeout", async () => {
    expect(DELIVERY_TIMEOUT_MS).toBe(5000)
    const platform = await makeSandbox()
    expect((await platform.api.get('/sandbox/webhooks')).body.data.timeout_ms).toBe(5000)
    const short = await makeSandbox({ webhookTimeoutMs: CUT_MS })
    expect((await short.api.get('/sandbox/webhooks')).body.data.timeout_ms).toBe(CUT_MS)
  })

  it("is cut at the timeout and retried later, while another tenant's deliveries go on", async () => {
    const { sandbox, api } = await makeSandbox({ webhookTimeoutMs: CUT_MS })
    const hang = await newReceiver()
    const fine = await newReceiver()
    hang.reply = () => 'hang'
    const other = (await api.post('/sandbox/tenants', { client_key: 'tenant-fine' })).body.data
    const h = { 'x-sandbox-client-key': other.client_key }
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: hang.url } })
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: fine.url }, headers: h })
    const content = { product_id: '7000000000000000400', status: 'GOODS_ONLINE' }
    const started = Date.now()
    await api.post('/sandbox/webhooks/events', { event: 'life_product_status_change', content })
    await hang.waitFor(1)
    await api.post('/sandbox/webhooks/events', { event: 'life_product_status_change', content }, h)
    await fine.waitFor(1, 10_000)
    // the other tenant's webhook arrived while the hanging attempt was still open (nothing logged for it yet)
    expect((await api.get('/sandbox/webhooks/deliveries')).body.data.deliveries).toEqual([])
    await sandbox.dispatcher.settle(sandbox.tenants.default())
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(CUT_MS - 100)
    expect(elapsed).toBeLessThan(CUT_MS + 8000) // cut, not left hanging
    const [attempt] = (await api.get('/sandbox/webhooks/deliveries')).body.data.deliveries
    expect(attempt).toMatchObject({ status: null, error: `timed out after ${CUT_MS} ms`, outcome: 'failed' })
    expect(attempt.latency_ms).toBeGreaterThanOrEqual(CUT_MS - 100)
    expect((await api.get('/sandbox/webhooks/outbox')).body.data.events[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
    })
    const otherLog = (await api.get('/sandbox/webhooks/deliveries', h)).body.data.deliveries
    expect(otherLog.map((d: { outcome: string }) => d.outcome)).toEqual(['delivered'])
  })
})
