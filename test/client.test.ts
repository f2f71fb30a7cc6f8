/** The typed client and the testing kit, used the way a user's suite would. */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { OPERATIONS, SandboxApiError, type OperationInput, type OperationOutput } from '../src/client/index.js'
import {
  startReceiver,
  startSandbox,
  verifySpiSignature,
  verifyWebhookSignature,
  WAIT_FOR_DEFAULT_MS,
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
    // the QR shown at purchase is void now; order() answers the refreshed one, which prepare takes
    const stale = await c.attempt('certificatePrepare', { encrypted_data: first.encrypted_data })
    expect(stale).toMatchObject({ ok: false, error: { errorCode: 3000001, subErrorCode: 4000117 } })
    const refreshed = (await c.order(order.order_id)).certificates[0]!.encrypted_data
    expect(refreshed).not.toBe(first.encrypted_data)
    expect((await c.op.certificatePrepare({ encrypted_data: refreshed })).order_id).toBe(order.order_id)
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

  it('types platform inputs strictly (a misspelt field does not compile) while the server accepts unknown fields', async () => {
    const t = await sb.newTenant()
    const saved = await t.publish(t.products.groupon())
    const { certificates } = await t.client.buy({ product_id: saved.product_id })
    const prep = await t.client.op.certificatePrepare({ code: certificates[0]!.code })
    const poi_id = t.credentials.poi_ids[0]!
    const encrypted_codes = [certificates[0]!.encrypted_code]
    // @ts-expect-error verify_tokn is not a field of certificateVerify
    const typo: OperationInput<'certificateVerify'> = { verify_tokn: prep.verify_token, poi_id, encrypted_codes }
    // @ts-expect-error nested objects are strict too: product_nam is not a field of product
    const nested: OperationInput<'goodsProductSave'>['product'] = { ...saved, product_nam: 'x' }
    // @ts-expect-error control-plane inputs as well
    await t.client.buy({ product_id: saved.product_id, cuont: 1 }).catch(() => undefined)
    expect([typo, nested]).toHaveLength(2)
    // on the wire the platform ignores fields it does not know, and so does the sandbox
    const raw = await t.client.request('POST', '/goodlife/v1/fulfilment/certificate/verify/', {
      verify_token: prep.verify_token,
      poi_id,
      encrypted_codes,
      field_from_a_newer_sdk: 'ignored',
    })
    expect(raw).toMatchObject({ error_code: 0, verify_results: [{ result: 0 }] })
  })

  it('types answers from the response schemas', () => {
    expectTypeOf<OperationOutput<'certificateVerify'>['verify_results'][number]['result']>().toEqualTypeOf<number>()
    expectTypeOf<OperationOutput<'oauthClientToken'>['access_token']>().toEqualTypeOf<string>()
  })
})

describe('receiver and signature verifiers', () => {
  it('receives a signed webhook, checks its signature and lets the test await it, typed per event', async () => {
    const t = await sb.newTenant()
    const receiver = await startReceiver()
    try {
      receiver.trust(t)
      await t.client.setWebhook(receiver.url)
      const saved = await t.publish(t.products.groupon())
      const { order } = await t.client.buy({ product_id: saved.product_id })
      const hook = await receiver.waitFor('life_trade_order_notify')
      expectTypeOf(hook.content.order.order_id).toEqualTypeOf<string>()
      expectTypeOf(hook.json.content).toEqualTypeOf<string>()
      expect(hook.content.order.order_id).toBe(order.order_id)
      expect(JSON.parse(hook.json.content)).toEqual(hook.content)
      expect(hook.signature_ok).toBe(true)
      expect(receiver.badSignatures()).toEqual([])
      // a predicate narrows the same way
      const audit = await receiver.waitFor((a) => a.event === 'life_product_audit')
      expectTypeOf(audit.content.status).toEqualTypeOf<'PASS' | 'FAIL'>()
      // the verifier agrees with an independent SHA-1 of secret + raw body
      const expected = createHash('sha1')
        .update(t.credentials.client_secret + hook.body)
        .digest('hex')
      expect(hook.headers['x-douyin-signature']).toBe(expected)
      expect(verifyWebhookSignature({ clientSecret: 'wrong', body: hook.body, signature: expected })).toBe(false)
      // @ts-expect-error a misspelt event name does not compile
      void receiver.waitFor('life_trade_order_notfy', { timeoutMs: 1 }).catch(() => undefined)
    } finally {
      await receiver.close()
    }
  })

  it('waits 3 s by default, then says what arrived, what was expected and where the webhook URL points', async () => {
    expect(WAIT_FOR_DEFAULT_MS).toBeLessThan(5000)
    const t = await sb.newTenant()
    const receiver = await startReceiver()
    const other = await startReceiver()
    try {
      receiver.trust(t)
      const started = Date.now()
      const err = (await receiver.waitFor('life_trade_order_notify').catch((e: unknown) => e)) as Error
      expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_FOR_DEFAULT_MS - 50)
      expect(err.message).toContain(`no "life_trade_order_notify" within ${WAIT_FOR_DEFAULT_MS} ms (the default`)
      expect(err.message).toContain('arrived: nothing')
      expect(err.message).toContain(`this receiver: webhook URL ${receiver.url}`)
      expect(err.message).toContain(`${t.credentials.client_key}'s webhook URL: none set`)
      expect(err.message).toContain('no verify_webhook challenge came here')

      await t.client.setWebhook(other.url) // pointing elsewhere
      const saved = await t.publish(t.products.groupon())
      await t.client.buy({ product_id: saved.product_id })
      await other.waitFor('life_trade_order_notify')
      const elsewhere = (await receiver
        .waitFor((a) => a.event === 'life_trade_order_notify', { timeoutMs: 100 })
        .catch((e: unknown) => e)) as Error
      expect(elsewhere.message).toContain('no arrival matching the predicate within 100 ms\n')
      expect(elsewhere.message).toContain(`${t.credentials.client_key}'s webhook URL: ${other.url} (not this receiver`)
    } finally {
      await receiver.close()
      await other.close()
    }
  })

  it('types SPI calls per SPI name', async () => {
    const t = await sb.newTenant()
    const receiver = await startReceiver()
    try {
      receiver.trust(t)
      await t.client.setSpi({ issue_code: `${receiver.spiBase}/issue_code` })
      const saved = await t.publish(t.products.thirdPartyCode())
      const { order } = await t.client.buy({ product_id: saved.product_id })
      const call = await receiver.waitFor('issue_code')
      expectTypeOf(call.content.certificates).toEqualTypeOf<Array<{ certificate_id: string; order_item_id: string }>>()
      expect(call.kind).toBe('spi')
      expect(call.content.order_id).toBe(order.order_id)
      expect(call.content.certificates.length).toBeGreaterThan(0)
      expect(call.signature_ok).toBe(true)
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
