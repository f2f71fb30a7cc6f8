/** Uses real time on purpose: the platform's 5-second cut is a wall-clock limit. */
import { describe, expect, it } from 'vitest'
import { makeSandbox } from './helpers/harness.js'
import { useReceivers } from './helpers/receiver.js'

const newReceiver = useReceivers()

describe('a hanging receiver', () => {
  it("is cut at 5 s and retried later, while another tenant's deliveries go on", async () => {
    const { sandbox, api } = await makeSandbox()
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
    await fine.waitFor(1, 2000)
    expect(Date.now() - started).toBeLessThan(2000)
    await sandbox.dispatcher.settle(sandbox.tenants.default())
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(4900)
    expect(elapsed).toBeLessThan(8000)
    const [attempt] = (await api.get('/sandbox/webhooks/deliveries')).body.data.deliveries
    expect(attempt).toMatchObject({ status: null, error: 'timed out after 5000 ms', outcome: 'failed' })
    expect(attempt.latency_ms).toBeGreaterThanOrEqual(4900)
    expect((await api.get('/sandbox/webhooks/outbox')).body.data.events[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
    })
    const otherLog = (await api.get('/sandbox/webhooks/deliveries', h)).body.data.deliveries
    expect(otherLog.map((d: { outcome: string }) => d.outcome)).toEqual(['delivered'])
  })
})
