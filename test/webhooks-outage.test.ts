/**
 * A receiver that is down during a long clock advance, then up again, on real ports: the events given up meanwhile
 * hold their certificate's later events until they are redelivered or discarded, so nothing arrives out of order.
 */
import { describe, expect, it } from 'vitest'
import { apiOver, DEFAULT_TENANT, makeSandbox, type Api } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { useReceivers, type Received } from './helpers/receiver.js'
import { listen } from './helpers/server.js'
import { errorText } from './helpers/errors.js'

const newReceiver = useReceivers()

/** certificate id → the actions its life_trade_certificate_notify events arrived with, in arrival order. */
function actionsByCertificate(received: Received[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const r of received) {
    if (r.json.event !== 'life_trade_certificate_notify') continue
    const c = JSON.parse(r.json.content as string) as { action: string; certificate: { certificate_id: string } }
    ;(out[c.certificate.certificate_id] ??= []).push(c.action)
  }
  return out
}

/** Verifies the coupon with `code` at the till, then cancels that verification. */
async function verifyThenCancel(api: Api, code: string) {
  const h = { 'access-token': await api.token() }
  const p = (await api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${code}`, h)).body.data
  const v = (
    await api.post(
      '/goodlife/v1/fulfilment/certificate/verify/',
      {
        verify_token: p.verify_token,
        poi_id: DEFAULT_TENANT.poi_id,
        encrypted_codes: [p.certificates[0].encrypted_code],
      },
      h,
    )
  ).body.data.verify_results[0]
  const c = await api.post('/goodlife/v1/fulfilment/certificate/cancel/', v, h)
  expect(c.body.data.error_code).toBe(0)
}

describe('webhooks under an outage', () => {
  it("holds a certificate's later events behind its given-up verify until it is redelivered; discarding releases too", async () => {
    const { sandbox } = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
    const server = await listen(sandbox)
    const api = apiOver((req) => fetch(req), server.url)
    const settle = () => sandbox.dispatcher.settle(sandbox.tenants.default())
    const first = await newReceiver()
    await api.request('PUT', '/sandbox/webhooks', { body: { url: first.url } })
    const body = productBody('outage')
    body.product.attr_key_value_map.RefundPolicy = '1' // refundable before use, without the merchant's confirmation
    body.product.attr_key_value_map.refund_need_merchant_confirm = 'false'
    const p = await publish(api, body)
    const o = await buy(api, { product_id: p.product_id, count: 2 })
    const [one, two] = o.certificates.map((c: { certificate_id: string }) => c.certificate_id) as [string, string]
    await settle()
    await first.close() // the receiver goes down

    await verifyThenCancel(api, o.certificates[0].code)
    const refund = await api.post('/sandbox/refunds', { order_id: o.order.order_id, by: 'user' })
    expect(errorText(refund.body)).toBe('success')
    await settle()
    const advance = await api.post('/sandbox/clock/advance', { seconds: 1800 })
    expect(advance.body.data.ran.filter((j: { kind: string }) => j.kind === 'webhook.retry')).toHaveLength(6)

    const outbox = (await api.get('/sandbox/webhooks/outbox')).body.data.events
    const certEvents = outbox.map((e: any) => [e.entity_id, JSON.parse(JSON.parse(e.body).content).action, e.status])
    expect(certEvents).toEqual([
      [one, 'verify', 'failed'],
      [one, 'verify_cancel', 'blocked'],
      [one, 'refund_success', 'blocked'],
      [two, 'refund_success', 'failed'],
    ])
    const [verify, cancel, refundOne, refundTwo] = outbox
    expect(verify).toMatchObject({ attempts: 4, given_up_at: GOODS_NOW_MS / 1000 + 1260, blocked_by: null })
    expect(verify.last_error).toMatch(/^ECONNREFUSED/)
    expect(verify.given_up_reason).toMatch(
      /^no 2xx in 4 attempts \(the first, then retries 60, 300, 900 virtual seconds apart\); last: ECONNREFUSED/,
    )
    expect([cancel.blocked_by, refundOne.blocked_by, refundTwo.blocked_by]).toEqual([
      verify.event_id,
      verify.event_id,
      null,
    ])
    expect([cancel.attempts, refundOne.attempts]).toEqual([0, 0])
    expect((await api.get('/sandbox/webhooks')).body.data).toMatchObject({
      pending_events: 0,
      blocked_events: 2,
      failed_events: 2,
    })
    const log = (await api.get(`/sandbox/webhooks/deliveries?event_id=${verify.event_id}`)).body.data.deliveries
    expect(
      log.map((d: any) => [d.attempt, d.retry_at === null ? null : d.retry_at - GOODS_NOW_MS / 1000, d.given_up]),
    ).toEqual([
      [4, null, true],
      [3, 1260, false],
      [2, 360, false],
      [1, 60, false],
    ])

    const back = await newReceiver(Number(new URL(first.url).port)) // up again, same URL
    await api.post('/sandbox/clock/advance', { seconds: 86400 })
    await settle()
    expect(back.received).toHaveLength(0) // a given-up event is not retried on its own, and holds the rest
    const early = await api.post(`/sandbox/webhooks/outbox/${cancel.event_id}/redeliver`)
    expect(early.body.data.error_code).toBe(4000002)
    expect(errorText(early.body)).toContain(`waits behind ${verify.event_id} (life_trade_certificate_notify, given up)`)

    const r = await api.post(`/sandbox/webhooks/outbox/${verify.event_id}/redeliver`)
    expect(r.body.data).toMatchObject({ delivery: { outcome: 'delivered', redelivery: true, attempt: 5 }, event: null })
    await settle()
    expect(actionsByCertificate(back.received)).toEqual({ [one]: ['verify', 'verify_cancel', 'refund_success'] })
    const d = await api.post(`/sandbox/webhooks/outbox/${refundTwo.event_id}/discard`)
    expect(d.body.data.event).toMatchObject({ event_id: refundTwo.event_id, status: 'failed' })
    await settle()
    expect(back.received).toHaveLength(3)
    expect((await api.get('/sandbox/webhooks')).body.data).toMatchObject({
      pending_events: 0,
      blocked_events: 0,
      failed_events: 0,
      discarded_events: 1,
    })
    const gone = await api.post(`/sandbox/webhooks/outbox/${refundTwo.event_id}/discard`)
    expect(gone.body.data.error_code).toBe(4000001)
    expect(actionsByCertificate(first.received)).toEqual({}) // nothing of the certificates before the outage
    await server.close()
    await sandbox.close()
  })
})
