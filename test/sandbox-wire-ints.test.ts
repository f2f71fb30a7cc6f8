/**
 * The control plane's setup routes read integers by the platform bodies' rule: a JSON number or a string of
 * digits; anything else answers 2100005 "expected an integer (number or digit string)" naming the field.
 */
import { describe, expect, it } from 'vitest'
import { errorText } from './helpers/errors.js'
import { productBuilders } from '../src/domains/goods/product.examples.js'
import { DEFAULT_TENANT, FROZEN_AT_MS, makeSandbox } from './helpers/harness.js'
import { publish } from './helpers/goods.js'

const NOW = FROZEN_AT_MS / 1000
const NOT_INT = 'expected an integer (number or digit string), got "abc"'

async function setup() {
  const { api } = await makeSandbox()
  const p = await publish(
    api,
    productBuilders({ account_id: DEFAULT_TENANT.account_id, poi_ids: [DEFAULT_TENANT.poi_id], now: NOW }).groupon({
      price: 9900,
    }),
  )
  return { api, p }
}

describe('control-plane integers: numbers or digit strings', () => {
  it('POST /sandbox/orders: count, pay_amount and the discounts', async () => {
    const { api, p } = await setup()
    const r = await api.post('/sandbox/orders', {
      product_id: p.product_id,
      count: '2',
      pay_amount: '19300',
      discounts: [{ discount_type: '1', merchant_discount_amount: '500', platform_discount_amount: '0' }],
    })
    expect(r.body.data.error_code, r.text).toBe(0)
    expect(r.body.data.certificates).toHaveLength(2)
    expect(r.text).toContain('"pay_amount":19300')
    const bad = await api.post('/sandbox/orders', { product_id: p.product_id, count: 'abc' })
    expect(bad.body.data.error_code).toBe(2100005)
    expect(errorText(bad.body)).toContain(`count: ${NOT_INT}`)
    const big = await api.post('/sandbox/orders', { product_id: p.product_id, count: '101' })
    expect(errorText(big.body)).toContain('count: must be 100 or less')
  })

  it('POST /sandbox/refunds amount and POST /sandbox/bookings times', async () => {
    const { api, p } = await setup()
    const o = (await api.post('/sandbox/orders', { product_id: p.product_id })).body.data
    const book = await api.post('/sandbox/bookings', {
      order_id: o.order.order_id,
      book_start_time: String(NOW + 86400),
      book_end_time: String(NOW + 90000),
    })
    expect(book.body.data.error_code, book.text).toBe(0)
    const badBook = await api.post('/sandbox/bookings', { order_id: o.order.order_id, book_start_time: 'abc' })
    expect(errorText(badBook.body)).toContain(`book_start_time: ${NOT_INT}`)
    const badRefund = await api.post('/sandbox/refunds', {
      order_id: o.order.order_id,
      by: 'customer_service',
      amount: 'abc',
    })
    expect(errorText(badRefund.body)).toContain(`amount: ${NOT_INT}`)
    const refund = await api.post('/sandbox/refunds', {
      order_id: o.order.order_id,
      by: 'customer_service',
      amount: '100',
    })
    expect(refund.body.data.error_code, refund.text).toBe(0)
  })

  it('the clock, tenants, settings and faults', async () => {
    const { api } = await setup()
    const adv = await api.post('/sandbox/clock/advance', { seconds: '60' })
    expect(adv.body.data.clock.now).toBe(NOW + 60)
    expect(errorText((await api.post('/sandbox/clock/advance', { seconds: 'abc' })).body)).toContain(
      `seconds: ${NOT_INT}`,
    )
    const frozen = await api.post('/sandbox/clock/freeze', { at: String(NOW + 3600) })
    expect(frozen.body.data.error_code, frozen.text).toBe(0)
    expect((await api.get('/sandbox/clock')).body.data.clock.now).toBe(NOW + 3600)
    // an ISO date is still an ISO date
    expect((await api.post('/sandbox/clock/freeze', { at: '2026-01-02T00:00:00+08:00' })).body.data.error_code).toBe(0)
    const t = await api.post('/sandbox/tenants', { frozen_at: String(NOW) })
    expect(t.body.data.error_code, t.text).toBe(0)
    const set = await api.request('PUT', '/sandbox/settings', { body: { outbox_limit: '500', audit_delay_seconds: 0 } })
    expect(set.body.data.settings.outbox_limit).toBe(500)
    expect(set.text).toContain('"outbox_limit":500')
    const badSet = await api.request('PUT', '/sandbox/settings', { body: { settle_delay_seconds: 'abc' } })
    expect(errorText(badSet.body)).toContain(`settle_delay_seconds: ${NOT_INT}`)
    const faults = await api.request('PUT', '/sandbox/faults', {
      body: { faults: [{ operation: 'goodsCategoryGet', error_code: '2119002', times: '1' }] },
    })
    expect(faults.body.data.error_code, faults.text).toBe(0)
    const h = { 'access-token': await api.token() }
    expect((await api.get('/goodlife/v1/goods/category/get/', h)).body.data.error_code).toBe(2119002)
    expect((await api.get('/goodlife/v1/goods/category/get/', h)).body.data.error_code).toBe(0)
    const badFault = await api.request('PUT', '/sandbox/faults', {
      body: {
        faults: [
          { operation: 'goodsCategoryGet', error_code: 2119002, times: 'abc' },
          { target: 'webhook', action: 'delay', delay_ms: 'abc' },
        ],
      },
    })
    expect(badFault.body.data.error_code).toBe(2100005)
    expect(errorText(badFault.body)).toContain(`faults[0].times: ${NOT_INT}`)
    expect(errorText(badFault.body)).toContain(`faults[1].delay_ms: ${NOT_INT}`)
  })
})
