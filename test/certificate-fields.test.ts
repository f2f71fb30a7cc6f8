/**
 * Fields the official SDK's models and the documents' examples carry, read from the raw JSON: used_status_type on
 * every certificate object (and its v2 copy), no `verify` key on a coupon without a standing verification, and
 * user_id on orders.
 */
import { describe, expect, it } from 'vitest'
import { productBuilders } from '../src/domains/goods/product.examples.js'
import { DEFAULT_TENANT, FROZEN_AT_MS, makeSandbox } from './helpers/harness.js'
import { buy, publish } from './helpers/goods.js'

const POI = DEFAULT_TENANT.poi_id
const ACC = DEFAULT_TENANT.account_id

/** The certificate objects of a raw answer, each parsed from the exact text the sandbox wrote. */
function certificatesOf(text: string): Array<Record<string, unknown>> {
  const data = JSON.parse(text).data
  return [data.certificate, data.certificate_v2, ...(data.certificates ?? []), ...(data.certificates_v2 ?? [])].filter(
    (x) => x !== undefined,
  )
}

async function setup() {
  const made = await makeSandbox()
  const products = productBuilders({ account_id: ACC, poi_ids: [POI], now: FROZEN_AT_MS / 1000 })
  const h = async () => ({ 'access-token': await made.api.token() })
  return { ...made, products, h }
}

describe('certificate objects', () => {
  it('carry used_status_type 0 and no verify key while unused, 1 and the verification once used', async () => {
    const { api, products, h } = await setup()
    const p = await publish(api, products.groupon({ out_id: 'fields' }))
    const o = await buy(api, { product_id: p.product_id, count: 2 })
    const enc = o.certificates[0].encrypted_code as string
    const prepare = await api.get(
      `/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`,
      await h(),
    )
    const reads = async () => [
      prepare.text,
      (await api.get(`/goodlife/v1/fulfilment/certificate/get/?encrypted_code=${encodeURIComponent(enc)}`, await h()))
        .text,
      (await api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${o.order.order_id}`, await h())).text,
    ]
    for (const text of await reads()) {
      expect(text).not.toContain('uesed_status_type')
      for (const c of certificatesOf(text)) {
        expect(c.used_status_type).toBe(0)
        expect(Object.keys(c)).not.toContain('verify')
      }
    }
    const verified = await api.post(
      '/goodlife/v1/fulfilment/certificate/verify/',
      { verify_token: prepare.body.data.verify_token, poi_id: POI, encrypted_codes: [enc] },
      await h(),
    )
    expect(verified.body.data.verify_results[0].result).toBe(0)
    const [, got, query] = await reads()
    for (const c of certificatesOf(got!)) {
      expect(c.used_status_type).toBe(1)
      expect(c.verify).toMatchObject({ verify_id: verified.body.data.verify_results[0].verify_id })
    }
    const [used, unused] = certificatesOf(query!)
    expect(used).toMatchObject({ used_status_type: 1, status: 2, verify: { verify_type: 4 } })
    expect(unused).toMatchObject({ used_status_type: 0, status: 1 })
    expect(Object.keys(unused!)).not.toContain('verify')
  })

  it('mark a 次卡 with uses left as partly used (2)', async () => {
    const { api, products, h } = await setup()
    const p = await publish(api, products.timeCard({ times_count: 3, price: 9000, attrs: {} }))
    const o = await buy(api, { product_id: p.product_id })
    const prep = await api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, await h())
    await api.post(
      '/goodlife/v1/fulfilment/certificate/verify/',
      { verify_token: prep.body.data.verify_token, poi_id: POI, encrypted_codes: [o.certificates[0].encrypted_code] },
      await h(),
    )
    const q = await api.get(`/goodlife/v1/fulfilment/certificate/query/?order_id=${o.order.order_id}`, await h())
    const [card] = certificatesOf(q.text)
    expect(card).toMatchObject({ status: 1, used_status_type: 2, verify: { times_card_serial_num: 1 } })
  })
})

describe('orders', () => {
  it('carry user_id, the same digits for every order of one consumer', async () => {
    const { api, products, h } = await setup()
    const p = await publish(api, products.groupon({ out_id: 'user' }))
    const a = await buy(api, { product_id: p.product_id, open_id: 'consumer-a' })
    const b = await buy(api, { product_id: p.product_id, open_id: 'consumer-a' })
    const c = await buy(api, { product_id: p.product_id, open_id: 'consumer-b' })
    const userOf = async (orderId: string) => {
      const r = await api.get(
        `/goodlife/v1/trade/order/query/?account_id=${ACC}&order_id=${orderId}&page_num=1&page_size=10`,
        await h(),
      )
      expect(r.text).toMatch(/"user_id":"\d{16}"/)
      return JSON.parse(r.text).data.orders[0].user_id as string
    }
    const ua = await userOf(a.order.order_id)
    expect(await userOf(b.order.order_id)).toBe(ua)
    expect(await userOf(c.order.order_id)).not.toBe(ua)
  })
})
