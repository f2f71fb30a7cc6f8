/** The typed client and the testing kit, used the way a user's suite would. */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { OPERATIONS, SandboxApiError, type OperationOutput } from '../src/client/index.js'
import {
  startReceiver,
  startSandbox,
  verifySpiSignature,
  verifyWebhookSignature,
  type RunningSandbox,
} from '../src/testing/index.js'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

let sb: RunningSandbox
beforeAll(async () => {
  sb = await startSandbox({ frozenAt: '2022-06-01T00:00:00+08:00', seed: 'my-suite' })
})
afterAll(async () => {
  await sb.close()
})

describe('startSandbox() and SandboxClient', () => {
  it('runs a sandbox on a free port with the default tenant ready', async () => {
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sb.defaultTenant).toMatchObject({ client_key: 'awsandboxdefault', is_default: true })
    expect((await sb.client.health()).status).toBe('ok')
    expect((await sb.client.clock()).iso).toBe('2022-05-31T16:00:00.000Z')
  })

  it('publishes, buys, verifies and advances time through typed operations', async () => {
    const t = await sb.newTenant()
    const c = t.client
    const saved = await t.publish(t.products.groupon({ price: 1990 }))
    const { order, certificates } = await c.buy({ product_id: saved.product_id, count: 2 })
    const first = certificates[0]!
    const prep = await c.op.certificatePrepare({ code: first.code })
    const v = await c.op.certificateVerify({
      verify_token: prep.verify_token,
      poi_id: t.credentials.poi_ids[0]!,
      encrypted_codes: [first.encrypted_code],
    })
    expect(v.verify_results[0]?.result).toBe(0)
    expectTypeOf(v.verify_results[0]!.verify_id).toEqualTypeOf<string>()
    await c.advance(3601)
    const orders = await c.op.tradeOrderQuery({
      account_id: t.credentials.account_id,
      order_id: order.order_id,
      page_num: 1,
      page_size: 1,
    })
    expect(orders.orders[0]?.certificate.map((x) => x.item_status)).toEqual([1, 100])
    expect((await c.journal({ path: '/verify/' })).count).toBe(1)
  })

  it('throws SandboxApiError naming the operation, method, path and platform code', async () => {
    const err = await sb.client.op
      .goodsProductOperate({ account_id: sb.defaultTenant.account_id, product_id: '7000000000000000001', op_type: 1 })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SandboxApiError)
    expect(err).toMatchObject({
      operation: 'goodsProductOperate',
      method: 'POST',
      path: '/goodlife/v1/goods/product/operate/',
      errorCode: 4000001,
      status: 200,
    })
    expect((err as Error).message).toMatch(
      /^goodsProductOperate \(POST \/goodlife\/v1\/goods\/product\/operate\/\) failed: 4000001 /,
    )
  })

  it('answers attempt() with a union that narrows to the data or the error', async () => {
    const bad = await sb.client.attempt('sandboxAuditProduct', { product_id: '123', result: 'PASS' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.errorCode).not.toBe(0)
    const good = await sb.client.attempt('sandboxHealth')
    if (good.ok) expectTypeOf(good.data.status).toEqualTypeOf<'ok'>()
    expect(good.ok).toBe(true)
  })

  it('gives each test its own tenant, clock and snapshots', async () => {
    const mine = await sb.newTenant({ client_key: 'suite-42' })
    const c = mine.client
    const before = { mine: (await c.clock()).now, other: (await sb.client.clock()).now }
    await c.advance(100)
    expect((await c.clock()).now - before.mine).toBe(100)
    expect((await sb.client.clock()).now).toBe(before.other)
    await c.snapshot('start')
    expect((await c.restore('start')).snapshot.name).toBe('start')
  })

  it('refuses a malformed frozenAt instead of starting at NaN', async () => {
    await expect(startSandbox({ frozenAt: 'yesterday' })).rejects.toThrow(
      /frozenAt must be Unix seconds or an ISO-8601 date/,
    )
    const numeric = await startSandbox({ frozenAt: '1767196800' })
    expect((await numeric.client.clock()).now).toBe(1767196800)
    await numeric.close()
  })
})

describe('the typed client covers the contracts', () => {
  it('has one operation per documented operationId, under its own id', () => {
    const doc = JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8')) as {
      paths?: Record<string, unknown>
    }
    const documented = Object.values(doc.paths ?? {})
      .flatMap((item) => Object.values(item as Record<string, { operationId?: string }>))
      .map((op) => op.operationId)
      .filter((id): id is string => typeof id === 'string' && !id.endsWith('Akte') && id !== 'akteOrderQuery')
    for (const [id, route] of Object.entries(OPERATIONS)) expect(route.operationId).toBe(id)
    expect(Object.keys(OPERATIONS).sort()).toEqual([...new Set(documented)].sort())
  })

  it('types answers from the response schemas', () => {
    expectTypeOf<OperationOutput<'certificateVerify'>['verify_results'][number]['result']>().toEqualTypeOf<number>()
    expectTypeOf<OperationOutput<'oauthClientToken'>['access_token']>().toEqualTypeOf<string>()
  })
})

describe('receiver and signature verifiers', () => {
  it('receives a signed webhook, checks its signature and lets the test await it', async () => {
    const t = await sb.newTenant()
    const receiver = await startReceiver()
    try {
      receiver.trust(t.credentials.client_key, t.credentials.client_secret)
      await t.client.setWebhook(receiver.url)
      const saved = await t.publish(t.products.groupon())
      await t.client.buy({ product_id: saved.product_id })
      const hook = await receiver.waitFor('life_trade_order_notify')
      expect(hook.signature_ok).toBe(true)
      expect(receiver.badSignatures()).toEqual([])
      // the verifier agrees with an independent SHA-1 of secret + raw body
      const expected = createHash('sha1')
        .update(t.credentials.client_secret + hook.body)
        .digest('hex')
      expect(hook.headers['x-douyin-signature']).toBe(expected)
      expect(verifyWebhookSignature({ clientSecret: 'wrong', body: hook.body, signature: expected })).toBe(false)
      await expect(receiver.waitFor('no_such_event', { timeoutMs: 50 })).rejects.toThrow(
        /no "no_such_event" arrival within 50 ms/,
      )
    } finally {
      await receiver.close()
    }
  })

  it('checks SPI signatures over the sorted query and the raw body', () => {
    const body = '{"order_id":"1"}'
    const sign = createHash('sha256').update(`s3cret&client_key=ck&timestamp=1&http_body=${body}`).digest('hex')
    expect(verifySpiSignature({ clientSecret: 's3cret', query: 'timestamp=1&client_key=ck&sign=x', body, sign })).toBe(
      true,
    )
    expect(verifySpiSignature({ clientSecret: 's3cret', query: 'timestamp=2&client_key=ck', body, sign })).toBe(false)
    expect(
      verifySpiSignature({ clientSecret: 's3cret', query: 'timestamp=1&client_key=ck', body, sign: undefined }),
    ).toBe(false)
  })
})
