import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { startReceiver, type Receiver } from './helpers/receiver.js'

let dir: string
let rx: Receiver
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-wh-'))
  rx = await startReceiver()
})
afterEach(async () => {
  await rx.close()
  await rm(dir, { recursive: true, force: true })
})

const content = { product_id: '7000000000000000300', status: 'PASS', reason: '' }

describe('webhooks across a restart', () => {
  it('delivers an event emitted before a restart that had not got through', async () => {
    const file = join(dir, 'sandbox.json')
    const first = await makeSandbox({ store: await openFileStore(file) })
    await first.api.request('PUT', '/sandbox/webhooks', { body: { url: rx.url } })
    rx.reply = () => ({ status: 502 })
    await first.api.post('/sandbox/webhooks/events', { event: 'life_product_common_audit', content })
    await first.sandbox.dispatcher.settle(first.sandbox.tenants.default())
    await first.sandbox.close()
    expect(rx.received.map((r) => r.json.event)).toEqual(['verify_webhook', 'life_product_common_audit'])

    rx.reply = () => ({ status: 200, body: '{}' })
    const second = await makeSandbox({ store: await openFileStore(file) })
    expect((await second.api.get('/sandbox/webhooks')).body.data).toMatchObject({
      webhook: { url: rx.url },
      pending_events: 1,
    })
    await second.api.post('/sandbox/clock/advance', { seconds: 60 })
    expect(rx.received).toHaveLength(3)
    expect(rx.received[2]!.body).toBe(rx.received[1]!.body)
    const log = (await second.api.get('/sandbox/webhooks/deliveries')).body.data.deliveries
    expect(log.map((d: { attempt: number; outcome: string }) => `${d.attempt}:${d.outcome}`)).toEqual([
      '2:delivered',
      '1:failed',
      '1:delivered',
    ])
    await second.sandbox.close()
  })

  it('sends at start-up an event that was due and waiting for a URL', async () => {
    const file = join(dir, 'sandbox.json')
    const first = await makeSandbox({ store: await openFileStore(file) })
    await first.api.post('/sandbox/webhooks/events', { event: 'life_product_common_audit', content })
    await first.sandbox.close()
    const store = await openFileStore(file)
    store.put('sys', 'webhook_targets', DEFAULT_TENANT.client_key, {
      client_key: DEFAULT_TENANT.client_key,
      url: rx.url,
      registered_at: 0,
      challenge_skipped: true,
    })
    const second = await makeSandbox({ store })
    await rx.waitFor(1)
    expect(rx.received[0]!.json.event).toBe('life_product_common_audit')
    await second.sandbox.close()
  })
})
