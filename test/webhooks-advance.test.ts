/**
 * A long clock advance while the merchant's receiver is down: every attempt is still logged and retried on its
 * schedule, but once the receiver did not answer, the rest of that advance does not connect to it again (an
 * advance through thousands of jobs used to spend minutes on connection attempts). A receiver that comes back is
 * tried for real on the next advance.
 */
import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { makeSandbox } from './helpers/harness.js'
import { GOODS_NOW_MS, productBody, save } from './helpers/goods.js'

/** A port that accepts connections and drops each at once (a receiver that is down), counting them. */
async function droppingPort(): Promise<{ port: number; connections: () => number; server: Server }> {
  let count = 0
  const server = createServer((s: Socket) => {
    count++
    s.destroy()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return { port: (server.address() as { port: number }).port, connections: () => count, server }
}

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r))
})

describe('clock advance with the receiver down', () => {
  it('logs every attempt and gives each event up on schedule, connecting only in the first batch of the advance', async () => {
    const { sandbox, api } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const down = await droppingPort()
    servers.push(down.server)
    await api.request('PUT', '/sandbox/settings', { body: { audit_delay_seconds: 86400 } })
    const token = await api.token()
    const PRODUCTS = 20
    for (let i = 0; i < PRODUCTS; i++)
      expect((await save(api, token, productBody(`down-${i}`))).data.error_code).toBe(0)
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', {
      body: { url: `http://127.0.0.1:${down.port}/hook` },
    })
    await sandbox.dispatcher.settle(sandbox.tenants.default())
    const before = down.connections()

    const adv = await api.post('/sandbox/clock/advance', { seconds: 86400 + 3600 })
    expect(adv.body.data.error_code).toBe(0)
    await sandbox.dispatcher.settle(sandbox.tenants.default())
    // the first batch of attempts (4 at a time) connects; none after it in this advance, however many attempts
    const connected = down.connections() - before
    expect(connected).toBeGreaterThan(0)
    expect(connected).toBeLessThanOrEqual(4)

    const outbox = (await api.get('/sandbox/webhooks/outbox')).body.data.events as Array<{
      status: string
      attempts: number
    }>
    const failed = outbox.filter((e) => e.status === 'failed')
    expect(failed.length).toBeGreaterThanOrEqual(PRODUCTS) // each product's first event, given up after 4 tries
    for (const e of failed) expect(e.attempts).toBe(4)
    const attempts = (await api.get('/sandbox/webhooks/deliveries?limit=1000')).body.data.deliveries as Array<{
      error: string
    }>
    expect(attempts.length).toBeGreaterThanOrEqual(failed.length * 4)
    const skipped = attempts.filter((d) => d.error.includes('not connected again'))
    expect(skipped.length).toBeGreaterThan(0)
    expect(skipped.length).toBeLessThan(attempts.length)

    // the next advance connects again (the receiver may be back)
    expect((await save(api, await api.token(), productBody('later'))).data.error_code).toBe(0)
    await sandbox.dispatcher.settle(sandbox.tenants.default())
    const beforeNext = down.connections()
    await api.post('/sandbox/clock/advance', { seconds: 86400 * 30 })
    await sandbox.dispatcher.settle(sandbox.tenants.default())
    expect(down.connections()).toBeGreaterThan(beforeNext)
  })

  it('a redelivery through the control plane always connects', async () => {
    const { sandbox, api } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const down = await droppingPort()
    servers.push(down.server)
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', {
      body: { url: `http://127.0.0.1:${down.port}/hook` },
    })
    const token = await api.token()
    expect((await save(api, token, productBody('redeliver'))).data.error_code).toBe(0)
    await api.post('/sandbox/clock/advance', { seconds: 7200 })
    await sandbox.dispatcher.settle(sandbox.tenants.default())
    const events = (await api.get('/sandbox/webhooks/outbox')).body.data.events as Array<{ event_id: string }>
    const deliveries = (await api.get('/sandbox/webhooks/deliveries')).body.data.deliveries as Array<{
      delivery_id: string
    }>
    expect(events.length).toBeGreaterThan(0)
    const before = down.connections()
    await api.post(`/sandbox/webhooks/deliveries/${deliveries[0]!.delivery_id}/redeliver`)
    expect(down.connections()).toBe(before + 1)
  })
})
