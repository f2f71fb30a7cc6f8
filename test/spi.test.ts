import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { useReceivers, type Received } from './helpers/receiver.js'
import { errorOf, errorText } from './helpers/errors.js'

const newReceiver = useReceivers()

/** An independent check of x-life-sign: SHA-256 of secret&sorted query&http_body=raw body. */
function expectedSign(req: Received): string {
  const q = new URL(`http://x${req.path}`).searchParams
  const params = [...q.keys()]
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}=${q.get(k)}`)
  return createHash('sha256')
    .update([DEFAULT_TENANT.client_secret, ...params, `http_body=${req.body}`].join('&'))
    .digest('hex')
}

async function setup(
  replies: Record<string, (req: Received, n: number) => { status: number; body?: string } | 'hang'>,
) {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const rx = await newReceiver()
  const counts: Record<string, number> = {}
  rx.reply = (req) => {
    const name = new URL(`http://x${req.path}`).pathname.split('/').pop()!
    counts[name] = (counts[name] ?? 0) + 1
    return replies[name]?.(req, counts[name]!) ?? { status: 200, body: '{"data":{"error_code":0,"description":""}}' }
  }
  const base = rx.url.replace('/douyin/webhook', '/spi')
  await made.api.request('PUT', '/sandbox/spi', {
    body: {
      pre_create_order: `${base}/pre_create_order`,
      issue_code: `${base}/issue_code`,
      refund_apply: `${base}/refund_apply`,
      refund_notice: `${base}/refund_notice`,
    },
  })
  const b = productBody(`tp-${Math.random()}`)
  b.sku.attr_key_value_map.code_source_type = '2'
  b.product.attr_key_value_map.RefundPolicy = '1'
  b.product.attr_key_value_map.refund_need_merchant_confirm = 'false'
  const p = await publish(made.api, b)
  const calls = (name: string) => rx.received.filter((r) => r.path.includes(`/spi/${name}`))
  const h = async () => ({ 'access-token': await made.api.token() })
  return { ...made, rx, p, calls, h }
}

const ok = (data: object) => ({
  status: 200,
  body: JSON.stringify({ data: { error_code: 0, description: '', ...data } }),
})

describe('SPI signing and pre-create', () => {
  it("signs every SPI call the platform's way and lets error_code 0 through", async () => {
    const s = await setup({
      issue_code: (req) =>
        ok({ result: 1, codes: JSON.parse(req.body).certificates.map((_: unknown, i: number) => `TP${i}`) }),
    })
    const r = await s.api.post('/sandbox/orders', { product_id: s.p.product_id, count: 2 })
    expect(r.body.data.error_code).toBe(0)
    const pre = s.calls('pre_create_order')[0]!
    const q = new URL(`http://x${pre.path}`).searchParams
    expect(q.get('client_key')).toBe(DEFAULT_TENANT.client_key)
    expect(q.get('timestamp')).toBe(String(GOODS_NOW_MS))
    expect(pre.headers['x-life-clientkey']).toBe(DEFAULT_TENANT.client_key)
    expect(pre.headers['x-life-sign']).toBe(expectedSign(pre))
    expect(pre.headers['x-bytedance-logid']).toMatch(/^\d{14}[0-9A-F]{20}$/)
    expect(JSON.parse(pre.body)).toMatchObject({
      order_id: r.body.data.order.order_id,
      count: 2,
      order_type: 21,
      original_amount: 1992,
      currency_code: 'CNY',
    })
  })

  it("refuses the purchase with the merchant's reason code, and lets it through on a timeout or an invalid reply", async () => {
    const s = await setup({
      pre_create_order: (_r, n) =>
        n === 1
          ? ok({ error_code: 7, description: '价格不一致' })
          : n === 2
            ? { status: 200, body: 'oops' }
            : { status: 500 },
    })
    const refused = await s.api.post('/sandbox/orders', { product_id: s.p.product_id })
    expect(errorOf(refused.body)).toMatchObject({
      error_code: 4000002,
      description: expect.stringContaining('pre_create_order: 7 价格校验失败 (价格不一致)'),
    })
    expect((await s.api.post('/sandbox/orders', { product_id: s.p.product_id })).body.data.error_code).toBe(0)
    expect((await s.api.post('/sandbox/orders', { product_id: s.p.product_id })).body.data.error_code).toBe(0)
  })
})

describe('issue_code SPI', () => {
  it('takes codes from a synchronous reply; verify accepts exactly those codes', async () => {
    const s = await setup({ issue_code: () => ok({ result: 1, codes: ['MERCHANT-A'] }) })
    const r = (await s.api.post('/sandbox/orders', { product_id: s.p.product_id })).body.data
    expect(r.certificates[0].code).toBe('')
    await s.sandbox.tenants.default().scheduler.runDue()
    const v = await s.api.post(
      '/goodlife/v1/fulfilment/certificate/verify/',
      { poi_id: DEFAULT_TENANT.poi_id, order_id: r.order.order_id, codes: ['MERCHANT-A'] },
      await s.h(),
    )
    expect(v.body.data.verify_results[0]).toMatchObject({ result: 0, origin_code: 'MERCHANT-A' })
    expect(s.calls('issue_code')[0]!.headers['x-life-sign']).toBe(expectedSign(s.calls('issue_code')[0]!))
  })

  it('sends the body of the 组合券包 发券 page: sku and amount objects, validity in seconds', async () => {
    const s = await setup({ issue_code: () => ok({ result: 1, codes: ['BODY-A'] }) })
    const r = (await s.api.post('/sandbox/orders', { product_id: s.p.product_id })).body.data
    await s.sandbox.tenants.default().scheduler.runDue()
    const body = JSON.parse(s.calls('issue_code')[0]!.body)
    expect(Object.keys(body).sort()).toEqual(
      [
        'order_id',
        'count',
        'sku',
        'open_id',
        'start_time',
        'expire_time',
        'amount',
        'create_order_time',
        'certificates',
      ].sort(),
    )
    expect(body).toMatchObject({ order_id: r.order.order_id, count: 1, open_id: r.order.open_id })
    expect(body.sku).toEqual({
      sku_name: r.order.sku_name,
      sku_id: r.order.sku_id,
      third_sku_id: expect.any(String),
      groupon_type: 1,
    })
    const nowS = GOODS_NOW_MS / 1000
    expect(body.start_time).toBeGreaterThanOrEqual(nowS)
    expect(body.start_time).toBeLessThan(nowS + 86400)
    expect(body.expire_time).toBeGreaterThan(body.start_time)
    expect(body.expire_time).toBeLessThan(1e10)
    expect(body.amount).toMatchObject({
      original_amount: r.order.original_amount,
      pay_amount: r.order.pay_amount,
      merchant_ticket_amount: expect.any(Number),
    })
    expect(body.certificates).toEqual([
      { certificate_id: r.certificates[0].certificate_id, order_item_id: expect.any(String) },
    ])
  })

  it('legacy issue_code_flat_body sends the flat body of versions up to 0.1', async () => {
    const s = await setup({ issue_code: () => ok({ result: 1, codes: ['FLAT-A'] }) })
    await s.api.request('PUT', '/sandbox/settings', { body: { issue_code_flat_body: true } })
    const r = (await s.api.post('/sandbox/orders', { product_id: s.p.product_id })).body.data
    await s.sandbox.tenants.default().scheduler.runDue()
    const body = JSON.parse(s.calls('issue_code')[0]!.body)
    expect(body).toMatchObject({ order_id: r.order.order_id, sku_id: r.order.sku_id, pay_amount: r.order.pay_amount })
    expect(body.sku).toBeUndefined()
  })

  it('retries a failing merchant at 10, 30, 60, 120, 120 and 240 s with the same request', async () => {
    const s = await setup({ issue_code: (_r, n) => (n < 7 ? { status: 503 } : ok({ result: 1, codes: ['LATE-1'] })) })
    await s.api.post('/sandbox/orders', { product_id: s.p.product_id })
    const times: number[] = []
    const t = s.sandbox.tenants.default()
    await t.scheduler.runDue()
    times.push(t.clock.now())
    for (const step of [10, 30, 60, 120, 120, 240]) {
      await s.api.post('/sandbox/clock/advance', { seconds: step - 1 })
      const before = s.calls('issue_code').length
      await s.api.post('/sandbox/clock/advance', { seconds: 1 })
      expect(s.calls('issue_code').length).toBe(before + 1)
    }
    const bodies = new Set(s.calls('issue_code').map((c) => c.body))
    expect(bodies.size).toBe(1)
    expect(s.calls('issue_code')).toHaveLength(7)
    const log = (await s.api.get('/sandbox/webhooks/deliveries?event=spi.issue_code')).body.data.deliveries
    expect(log.map((d: { attempt: number }) => d.attempt).reverse()).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it("waits for the async callback within 10 minutes; after that the order fails and refunds through the merchant's audit", async () => {
    const s = await setup({ issue_code: () => ok({ result: 0 }), refund_apply: () => ok({ result: 1 }) })
    const r = (await s.api.post('/sandbox/orders', { product_id: s.p.product_id })).body.data
    await s.sandbox.tenants.default().scheduler.runDue()
    await s.api.post('/sandbox/clock/advance', { seconds: 599 })
    const cb = await s.api.post(
      '/goodlife/v1/fulfilment/create/callback/',
      { order_id: r.order.order_id, result: 1, codes: ['ASYNC-1'] },
      await s.h(),
    )
    expect(cb.body.data.certificate_info_list).toEqual([
      { certificate_id: r.certificates[0].certificate_id, code: 'ASYNC-1' },
    ])

    const s2 = await setup({ issue_code: () => ok({ result: 0 }), refund_apply: () => ok({ result: 1 }) })
    const r2 = (await s2.api.post('/sandbox/orders', { product_id: s2.p.product_id })).body.data
    await s2.sandbox.tenants.default().scheduler.runDue()
    const adv = await s2.api.post('/sandbox/clock/advance', { seconds: 600 })
    expect(adv.body.data.ran.map((j: { kind: string }) => j.kind)).toEqual(
      expect.arrayContaining(['spi.issue_deadline', 'spi.refund_apply']),
    )
    expect(JSON.parse(s2.calls('refund_apply')[0]!.body)).toMatchObject({
      order_id: r2.order.order_id,
      refund_amount: 996,
    })
    const late = await s2.api.post(
      '/goodlife/v1/fulfilment/create/callback/',
      { order_id: r2.order.order_id, result: 1, codes: ['TOO-LATE'] },
      await s2.h(),
    )
    expect(errorText(late.body)).toContain('issuing failed')
    const certs = (
      await s2.api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${r2.order.order_id}`, await s2.h())
    ).body.data.certificates
    expect(certs[0].status).toBe(4)
  })

  it('refunds without audit when the merchant reports an explicit failure', async () => {
    const s = await setup({ issue_code: () => ok({ result: 2, fail_reason: 'sold out' }) })
    const r = (await s.api.post('/sandbox/orders', { product_id: s.p.product_id })).body.data
    await s.sandbox.tenants.default().scheduler.runDue()
    expect(s.calls('refund_apply')).toHaveLength(0)
    const a = (
      await s.api.get(
        `/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${DEFAULT_TENANT.account_id}&order_id=${r.order.order_id}`,
        await s.h(),
      )
    ).body.data
    expect(a.after_sale_order_list[0]).toMatchObject({ status: 2, initiator: 'system' })
  })
})

describe('refund SPIs', () => {
  async function issued(replies: Parameters<typeof setup>[0]) {
    const s = await setup({ issue_code: () => ok({ result: 1, codes: ['R-1'] }), ...replies })
    const r = (await s.api.post('/sandbox/orders', { product_id: s.p.product_id })).body.data
    await s.sandbox.tenants.default().scheduler.runDue()
    return { s, r }
  }

  it('asks refund_apply for a user refund: approve refunds, and a pending answer waits for refund/audit (2024 shape needs a reason to reject)', async () => {
    const { s, r } = await issued({ refund_apply: () => ok({ result: 0 }) })
    const as = (await s.api.post('/sandbox/refunds', { order_id: r.order.order_id })).body.data.after_sale
    expect(as.status).toBe(1)
    await s.sandbox.tenants.default().scheduler.runDue()
    const apply = s.calls('refund_apply')[0]!
    expect(JSON.parse(apply.body)).toMatchObject({
      biz_uniq_key: as.after_sale_id,
      refund_info_list: [{ certificate: { code: 'R-1' } }],
    })
    expect(apply.headers['x-life-sign']).toBe(expectedSign(apply))
    const noReason = await s.api.post(
      '/goodlife/v1/fulfilment/refund/audit/',
      { after_sale_id: as.after_sale_id, result: 2 },
      await s.h(),
    )
    expect(errorText(noReason.body)).toContain('reason is required')
    const approved = await s.api.post(
      '/goodlife/v1/fulfilment/refund/audit/',
      { order_id: r.order.order_id, biz_uniq_key: as.after_sale_id, audit_result: 1, refund_fee_amount: 0 },
      await s.h(),
    )
    expect(errorOf(approved.body)).toMatchObject({ error_code: 0, status: 2 })
  })

  it('approves a pending 三方码 refund after 24 hours without refund/audit (退款: 若超时未回调将自动通过退款申请)', async () => {
    const { s, r } = await issued({ refund_apply: () => ok({ result: 0 }) })
    const as = (await s.api.post('/sandbox/refunds', { order_id: r.order.order_id })).body.data.after_sale
    await s.sandbox.tenants.default().scheduler.runDue()
    const status = async () =>
      (
        await s.api.get(
          `/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${DEFAULT_TENANT.account_id}&order_id=${r.order.order_id}`,
          await s.h(),
        )
      ).body.data.after_sale_order_list.find((a: { after_sale_id: string }) => a.after_sale_id === as.after_sale_id)
        .status
    await s.api.post('/sandbox/clock/advance', { seconds: 24 * 3600 - 1 })
    expect(await status()).toBe(1)
    await s.api.post('/sandbox/clock/advance', { seconds: 1 })
    expect(await status()).toBe(2)
  })

  it('retries a failing refund_apply hourly and takes a rejection only with the code echoed', async () => {
    const { s, r } = await issued({
      refund_apply: (_q, n) =>
        n === 1 ? { status: 500 } : n === 2 ? ok({ result: 2 }) : ok({ result: 2, codes: ['R-1'], reason: '已使用' }),
    })
    const as = (await s.api.post('/sandbox/refunds', { order_id: r.order.order_id })).body.data.after_sale
    await s.sandbox.tenants.default().scheduler.runDue()
    await s.api.post('/sandbox/clock/advance', { seconds: 3599 })
    expect(s.calls('refund_apply')).toHaveLength(1)
    await s.api.post('/sandbox/clock/advance', { seconds: 1 })
    expect(s.calls('refund_apply')).toHaveLength(2)
    const pending = (
      await s.api.get(
        `/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${DEFAULT_TENANT.account_id}&order_id=${r.order.order_id}`,
        await s.h(),
      )
    ).body.data.after_sale_order_list[0]
    expect(pending.status).toBe(1)
    const done = await s.api.post(
      '/goodlife/v1/fulfilment/refund/audit/',
      { after_sale_id: as.after_sale_id, result: 2, reason: '券已使用' },
      await s.h(),
    )
    expect(done.body.data.status).toBe(3)
  })

  it('sends refund_notice for a refund the merchant did not decide', async () => {
    const { s, r } = await issued({})
    await s.api.post('/sandbox/refunds', { order_id: r.order.order_id, by: 'customer_service' })
    await s.sandbox.tenants.default().scheduler.runDue()
    const notice = s.calls('refund_notice')[0]!
    expect(JSON.parse(notice.body)).toMatchObject({
      order_id: r.order.order_id,
      notice_list: [{ code: 'R-1', audit_result: 1 }],
    })
    expect(notice.headers['x-life-sign']).toBe(expectedSign(notice))
  })
})

describe('SPI faults', () => {
  it('drops an issue_code call by fault injection; the retry then issues the codes', async () => {
    const s = await setup({ issue_code: () => ok({ result: 1, codes: ['AFTER-DROP'] }) })
    await s.api.request('PUT', '/sandbox/faults', {
      body: { faults: [{ target: 'spi', event: 'issue_code', action: 'drop', times: 1 }] },
    })
    const r = (await s.api.post('/sandbox/orders', { product_id: s.p.product_id })).body.data
    await s.sandbox.tenants.default().scheduler.runDue()
    expect(s.calls('issue_code')).toHaveLength(0)
    const log = (await s.api.get('/sandbox/webhooks/deliveries?event=spi.issue_code')).body.data.deliveries
    expect(log[0]).toMatchObject({ outcome: 'failed', error: 'dropped by fault injection' })
    await s.api.post('/sandbox/clock/advance', { seconds: 10 })
    expect(s.calls('issue_code')).toHaveLength(1)
    const v = await s.api.post(
      '/goodlife/v1/fulfilment/certificate/verify/',
      { poi_id: DEFAULT_TENANT.poi_id, order_id: r.order.order_id, codes: ['AFTER-DROP'] },
      await s.h(),
    )
    expect(v.body.data.verify_results[0]).toMatchObject({ result: 0, origin_code: 'AFTER-DROP' })
  })
})
