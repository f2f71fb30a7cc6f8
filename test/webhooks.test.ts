import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Sandbox } from '../src/sandbox.js'
import { DEFAULT_TENANT, makeSandbox, type Api } from './helpers/harness.js'
import { useReceivers } from './helpers/receiver.js'
import { errorOf, errorText } from './helpers/errors.js'

const receiver = useReceivers()

const orderContent = (orderId: string) => ({
  action: 'pay_success',
  msg_time: 1767196800,
  order: {
    order_id: orderId,
    account_id: DEFAULT_TENANT.account_id,
    pay_amount: 8800,
    original_amount: 9900,
    create_time: 1767196800,
    pay_time: 1767196800,
  },
})
const certContent = (certId: string, action: string) => ({
  action,
  msg_time: 1767196800,
  certificate: { certificate_id: certId, order_id: '7000000000000000009', account_id: DEFAULT_TENANT.account_id },
})

async function emit(api: Api, event: string, content: object, headers: Record<string, string> = {}) {
  const r = await api.post('/sandbox/webhooks/events', { event, content }, headers)
  expect(r.body.data.error_code).toBe(0)
  return r.body.data.event
}
async function settle(sandbox: Sandbox, key = DEFAULT_TENANT.client_key) {
  await sandbox.dispatcher.settle(sandbox.tenants.require(key))
}

describe('webhook registration', () => {
  it('saves the URL after the receiver echoes the challenge', async () => {
    const { api } = await makeSandbox()
    const rx = await receiver()
    const r = await api.request('PUT', '/sandbox/webhooks', { body: { url: rx.url } })
    expect(r.body.data.error_code).toBe(0)
    expect(rx.received).toHaveLength(1)
    const sent = JSON.parse(rx.received[0]!.body)
    expect(sent).toEqual({ event: 'verify_webhook', client_key: '', content: { challenge: expect.any(Number) } })
    expect(rx.received[0]!.headers['content-type']).toBe('application/json')
    expect(r.body.data.webhook).toEqual({
      client_key: DEFAULT_TENANT.client_key,
      url: rx.url,
      registered_at: 1767196800,
      challenge_skipped: false,
    })
    expect((await api.get('/sandbox/webhooks')).body.data.webhook.url).toBe(rx.url)
  })

  it('refuses the URL when the reply does not echo the challenge, saying what came back', async () => {
    const { api } = await makeSandbox()
    const rx = await receiver()
    rx.reply = () => ({ status: 200, body: '{"ok":true}' })
    const r = await api.request('PUT', '/sandbox/webhooks', { body: { url: rx.url } })
    expect(r.body.data.error_code).toBe(3000001)
    expect(errorText(r.body)).toMatch(
      /did not pass the challenge: expected a reply \{"challenge":\d+\}, got "\{\\"ok\\":true\}"/,
    )
    expect((await api.get('/sandbox/webhooks')).body.data.webhook).toBeNull()
    rx.reply = () => ({ status: 404, body: 'nope' })
    const notFound = await api.request('PUT', '/sandbox/webhooks', { body: { url: rx.url } })
    expect(errorText(notFound.body)).toContain('got HTTP 404 "nope"')
  })

  it('refuses an unreachable URL and a URL that is not http(s)', async () => {
    const { api } = await makeSandbox()
    const closed = await receiver()
    await closed.close()
    const r = await api.request('PUT', '/sandbox/webhooks', { body: { url: closed.url } })
    expect(errorText(r.body)).toContain('no reply (ECONNREFUSED')
    const bad = await api.request('PUT', '/sandbox/webhooks', { body: { url: 'ftp://x' } })
    expect(bad.body.data.error_code).toBe(2100005)
    expect(errorText(bad.body)).toContain('url must be an absolute http:// or https:// URL')
  })

  it('saves without a request when the challenge is skipped, and forgets the URL on DELETE', async () => {
    const { api } = await makeSandbox()
    const rx = await receiver()
    const r = await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    expect(r.body.data.webhook.challenge_skipped).toBe(true)
    expect(rx.received).toHaveLength(0)
    expect((await api.request('DELETE', '/sandbox/webhooks')).body.data.removed).toBe(true)
    expect((await api.get('/sandbox/webhooks')).body.data.webhook).toBeNull()
  })
})

describe('webhook delivery', () => {
  it('posts the exact body and headers, signed with SHA-1(client_secret + raw body)', async () => {
    const { sandbox, api } = await makeSandbox()
    const rx = await receiver()
    await api.request('PUT', '/sandbox/webhooks', { body: { url: rx.url } })
    await emit(api, 'life_trade_order_notify', orderContent('7000000000000000001'))
    await settle(sandbox)
    const got = rx.received[1]!
    expect(got.method).toBe('POST')
    expect(got.headers['content-type']).toBe('application/json')
    expect(Object.keys(got.json)).toEqual(['event', 'client_key', 'from_user_id', 'content', 'log_id', 'msg_id'])
    expect(got.json).toMatchObject({
      event: 'life_trade_order_notify',
      client_key: DEFAULT_TENANT.client_key,
      from_user_id: '',
    })
    expect(typeof got.json.content).toBe('string')
    expect(JSON.parse(got.json.content as string)).toEqual(orderContent('7000000000000000001'))
    expect(got.json.log_id).toMatch(/^20260101000000[0-9A-F]{20}$/)
    expect(got.headers['msg-id']).toBe(got.json.msg_id)
    const expected = createHash('sha1')
      .update(DEFAULT_TENANT.client_secret + got.body)
      .digest('hex')
    expect(got.headers['x-douyin-signature']).toBe(expected)
    const wrong = createHash('sha1').update(`not-the-secret${got.body}`).digest('hex')
    expect(got.headers['x-douyin-signature']).not.toBe(wrong)
  })

  it('keeps events in the outbox while no URL is registered, then delivers them', async () => {
    const { sandbox, api } = await makeSandbox()
    await emit(api, 'life_product_common_audit', { product_id: '7000000000000000100', status: 'PASS', reason: '' })
    await settle(sandbox)
    expect((await api.get('/sandbox/webhooks')).body.data.pending_events).toBe(1)
    const rx = await receiver()
    await api.request('PUT', '/sandbox/webhooks', { body: { url: rx.url } })
    await settle(sandbox)
    expect(rx.received.map((r) => r.json.event)).toEqual(['verify_webhook', 'life_product_common_audit'])
    expect((await api.get('/sandbox/webhooks/outbox')).body.data.events).toEqual([])
  })

  it('keeps at most settings.outbox_limit undelivered events, dropping and counting the oldest', async () => {
    const { sandbox, api } = await makeSandbox()
    expect((await api.get('/sandbox/settings')).body.data.settings.outbox_limit).toBe(10_000)
    expect((await api.request('PUT', '/sandbox/settings', { body: { outbox_limit: 10 } })).body.data.error_code).toBe(0)
    const ids = Array.from({ length: 25 }, (_, i) => `70000000000000010${String(i).padStart(2, '0')}`)
    for (const id of ids) await emit(api, 'life_trade_order_notify', orderContent(id))
    await settle(sandbox)
    const status = (await api.get('/sandbox/webhooks')).body.data
    expect(status).toMatchObject({ pending_events: 10, dropped_events: 15 })
    const kept = (await api.get('/sandbox/webhooks/outbox')).body.data.events as { entity_id: string }[]
    expect(kept.map((e) => e.entity_id)).toEqual(ids.slice(15))
    const rx = await receiver()
    await api.request('PUT', '/sandbox/webhooks', { body: { url: rx.url } })
    await settle(sandbox)
    expect(rx.received.slice(1).map((r) => JSON.parse(String(r.json.content)).order.order_id)).toEqual(ids.slice(15))
  })

  it('retries a failing receiver 3 times on the virtual clock, then gives up', async () => {
    const { sandbox, api } = await makeSandbox()
    const rx = await receiver()
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    rx.reply = () => ({ status: 500, body: 'boom' })
    const ev = await emit(api, 'life_trade_order_notify', orderContent('7000000000000000002'))
    await settle(sandbox)
    expect(rx.received).toHaveLength(1)
    await api.post('/sandbox/clock/advance', { seconds: 59 })
    expect(rx.received).toHaveLength(1)
    await api.post('/sandbox/clock/advance', { seconds: 1 })
    expect(rx.received).toHaveLength(2)
    const rest = await api.post('/sandbox/clock/advance', { seconds: 3600 })
    expect(rest.body.data.ran.map((j: { kind: string }) => j.kind)).toEqual(['webhook.retry', 'webhook.retry'])
    await api.post('/sandbox/clock/advance', { seconds: 86400 })
    expect(rx.received).toHaveLength(4)
    expect(new Set(rx.received.map((r) => r.headers['msg-id']))).toEqual(new Set([ev.msg_id]))
    const log = (await api.get(`/sandbox/webhooks/deliveries?event_id=${ev.event_id}`)).body.data
    expect(log.total).toBe(4)
    const attempts = [...log.deliveries].reverse()
    expect(attempts.map((d: { attempt: number }) => d.attempt)).toEqual([1, 2, 3, 4])
    expect(attempts.map((d: { virtual_time: number }) => d.virtual_time - 1767196800)).toEqual([0, 60, 360, 1260])
    expect(attempts.every((d: { error: string; status: number }) => d.error === 'HTTP 500' && d.status === 500)).toBe(
      true,
    )
    const outbox = (await api.get('/sandbox/webhooks/outbox')).body.data.events
    expect(outbox).toEqual([
      expect.objectContaining({ event_id: ev.event_id, status: 'failed', attempts: 4, last_error: 'HTTP 500' }),
    ])
  })

  it("delivers an entity's events in order while an earlier one is being retried; other entities go on", async () => {
    const { sandbox, api } = await makeSandbox()
    const rx = await receiver()
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    rx.reply = (_req, i) => (i === 0 ? { status: 503 } : { status: 200, body: '{}' })
    await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000011', 'verify'))
    await settle(sandbox)
    await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000011', 'verify_cancel'))
    await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000022', 'verify'))
    await settle(sandbox)
    const seen = () =>
      rx.received.map((r) => {
        const c = JSON.parse(r.json.content as string)
        return `${c.certificate.certificate_id.slice(-2)}:${c.action}`
      })
    expect(seen()).toEqual(['11:verify', '22:verify'])
    await api.post('/sandbox/clock/advance', { seconds: 60 })
    expect(seen()).toEqual(['11:verify', '22:verify', '11:verify', '11:verify_cancel'])
  })

  it('sends the same Msg-Id header for the same action on the same entity (同一实体下同一action的msg_id相同)', async () => {
    const { sandbox, api } = await makeSandbox()
    const rx = await receiver()
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000033', 'verify'))
    await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000033', 'verify_cancel'))
    await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000033', 'verify'))
    await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000044', 'verify'))
    await settle(sandbox)
    const got = rx.received.map((r) => {
      const c = JSON.parse(JSON.parse(r.body).content)
      return { key: `${c.certificate.certificate_id.slice(-2)}:${c.action}`, id: r.headers['msg-id'] }
    })
    expect(got.every((g, i) => g.id === JSON.parse(rx.received[i]!.body).msg_id)).toBe(true)
    const of = (key: string) => got.filter((g) => g.key === key).map((g) => g.id)
    expect(of('33:verify')).toHaveLength(2)
    expect(of('33:verify')[1]).toBe(of('33:verify')[0])
    const ids = [of('33:verify')[0], of('33:verify_cancel')[0], of('44:verify')[0]]
    expect(new Set(ids).size).toBe(3)
    const again = await makeSandbox()
    const a2 = await emit(again.api, 'life_trade_certificate_notify', certContent('7000000000000000033', 'verify'))
    expect(a2.msg_id).toBe(ids[0])
    await settle(again.sandbox)
  })

  it('legacy msg_id_per_occurrence gives a repeated action a new Msg-Id', async () => {
    const { sandbox, api } = await makeSandbox()
    await api.request('PUT', '/sandbox/settings', { body: { msg_id_per_occurrence: true } })
    const a = await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000033', 'verify'))
    const c = await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000033', 'verify'))
    expect(c.msg_id).not.toBe(a.msg_id)
    await settle(sandbox)
  })

  it('logs every attempt with what was sent and what came back, filterable', async () => {
    const { sandbox, api } = await makeSandbox()
    const rx = await receiver()
    await api.request('PUT', '/sandbox/webhooks', { body: { url: rx.url } })
    rx.reply = (req) =>
      req.json.event === 'life_product_status_change'
        ? { status: 400, body: 'bad product' }
        : { status: 200, body: '{"data":{"error_code":0}}' }
    await emit(api, 'life_trade_order_notify', orderContent('7000000000000000003'))
    await emit(api, 'life_product_status_change', { product_id: '7000000000000000200', status: 'GOODS_ONLINE' })
    await settle(sandbox)
    const all = (await api.get('/sandbox/webhooks/deliveries')).body.data
    expect(all.total).toBe(3)
    const failed = (await api.get('/sandbox/webhooks/deliveries?status=failed')).body.data.deliveries
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({
      event: 'life_product_status_change',
      entity_type: 'product',
      entity_id: '7000000000000000200',
      url: rx.url,
      attempt: 1,
      status: 400,
      response_excerpt: 'bad product',
      error: 'HTTP 400',
      outcome: 'failed',
      redelivery: false,
      virtual_time: 1767196800,
      request: {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'msg-id': expect.any(String),
          'x-douyin-signature': expect.stringMatching(/^[0-9a-f]{40}$/),
        },
      },
    })
    expect(failed[0].latency_ms).toBeGreaterThanOrEqual(0)
    expect(failed[0].real_time).toMatch(/^\d{4}-\d\d-\d\dT/)
    const byEvent = (await api.get('/sandbox/webhooks/deliveries?event=life_trade_order_notify')).body.data
    expect(byEvent.deliveries.map((d: { outcome: string }) => d.outcome)).toEqual(['delivered'])
    const byEntity = (await api.get('/sandbox/webhooks/deliveries?entity_id=7000000000000000003')).body.data
    expect(byEntity.total).toBe(1)
    expect(byEntity.deliveries[0].request.body).toBe(
      rx.received.find((r) => r.json.event === 'life_trade_order_notify')!.body,
    )
  })

  it('redelivers a logged event with the same body and Msg-Id', async () => {
    const { sandbox, api } = await makeSandbox()
    const rx = await receiver()
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    await emit(api, 'life_trade_order_notify', orderContent('7000000000000000004'))
    await settle(sandbox)
    const first = (await api.get('/sandbox/webhooks/deliveries')).body.data.deliveries[0]
    const r = await api.post(`/sandbox/webhooks/deliveries/${first.delivery_id}/redeliver`)
    expect(r.body.data.delivery).toMatchObject({
      redelivery: true,
      attempt: 2,
      outcome: 'delivered',
      event_id: first.event_id,
    })
    expect(rx.received).toHaveLength(2)
    expect(rx.received[1]!.body).toBe(rx.received[0]!.body)
    expect(rx.received[1]!.headers['msg-id']).toBe(rx.received[0]!.headers['msg-id'])
    const missing = await api.post('/sandbox/webhooks/deliveries/dlv_999/redeliver')
    expect(missing.body.data.error_code).toBe(4000001)
  })

  it("delivers a given-up event by redelivery and lets the entity's next events go", async () => {
    const { sandbox, api } = await makeSandbox()
    const rx = await receiver()
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    rx.reply = () => ({ status: 500 })
    await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000044', 'verify'))
    await settle(sandbox)
    await api.post('/sandbox/clock/advance', { seconds: 3600 })
    rx.reply = () => ({ status: 200, body: '{}' })
    const failed = (await api.get('/sandbox/webhooks/deliveries?status=failed')).body.data.deliveries[0]
    const r = await api.post(`/sandbox/webhooks/deliveries/${failed.delivery_id}/redeliver`)
    expect(r.body.data.delivery.outcome).toBe('delivered')
    expect((await api.get('/sandbox/webhooks')).body.data.failed_events).toBe(0)
  })

  it('keeps a given-up event given up when its redelivery fails too, and discards a held event on request', async () => {
    const { sandbox, api } = await makeSandbox()
    const rx = await receiver()
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
    rx.reply = () => ({ status: 500 })
    const head = await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000055', 'verify'))
    const held = await emit(api, 'life_trade_certificate_notify', certContent('7000000000000000055', 'verify_cancel'))
    await settle(sandbox)
    await api.post('/sandbox/clock/advance', { seconds: 3600 })
    rx.reply = () => ({ status: 502, body: 'bad gateway' })
    const again = await api.post(`/sandbox/webhooks/outbox/${head.event_id}/redeliver`)
    expect(again.body.data.delivery).toMatchObject({
      outcome: 'failed',
      error: 'HTTP 502',
      attempt: 5,
      redelivery: true,
    })
    expect(again.body.data.event).toMatchObject({ status: 'failed', last_error: 'HTTP 502', attempts: 4 })
    const discarded = await api.post(`/sandbox/webhooks/outbox/${held.event_id}/discard`)
    expect(discarded.body.data.event).toMatchObject({ status: 'blocked', blocked_by: head.event_id })
    expect((await api.get('/sandbox/webhooks')).body.data).toMatchObject({
      failed_events: 1,
      blocked_events: 0,
      discarded_events: 1,
    })
    const missing = await api.post('/sandbox/webhooks/outbox/evt_999/redeliver')
    expect(errorOf(missing.body)).toMatchObject({ error_code: 4000001 })
    expect(errorText(missing.body)).toContain('no undelivered event evt_999')
    expect(rx.received.filter((r) => r.json.event === 'life_trade_certificate_notify')).toHaveLength(5)
  })

  it('refuses by hand an event whose content does not fit the catalogue, naming the field', async () => {
    const { api } = await makeSandbox()
    const r = await api.post('/sandbox/webhooks/events', {
      event: 'life_trade_order_notify',
      content: { action: 'pay_success' },
    })
    expect(r.body.data.error_code).toBe(2100005)
    expect(errorText(r.body)).toContain('msg_time is required')
    const unknown = await api.post('/sandbox/webhooks/events', { event: 'life_nothing', content: {} })
    expect(errorText(unknown.body)).toContain('event')
  })
})
