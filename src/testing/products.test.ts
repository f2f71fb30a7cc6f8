/** Every product builder gives a body product/save accepts at the tenant's virtual now, whatever that now is. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from './start.js'

let sb: RunningSandbox
beforeAll(async () => {
  sb = await startSandbox()
})
afterAll(async () => {
  await sb.close()
})

const ITEMS = [
  { item_type: 1, name: '单人套餐', actual_amount: 2500, origin_amount: 3900 },
  { item_type: 101, name: '甜品8折券', actual_amount: 200, origin_amount: 200, discount: 80 },
  {
    item_type: 102,
    name: '满100减20',
    actual_amount: 300,
    origin_amount: 300,
    threshold_amount: 10000,
    reduction_amount: 2000,
  },
]

describe('product builders', () => {
  for (const frozen_at of ['2022-06-01T00:00:00+08:00', '2031-02-03T12:00:00+08:00']) {
    it(`publish 团购, 代金券, 次卡, 三方码 and both combo packs with the clock at ${frozen_at}`, async () => {
      const t = await sb.newTenant({ frozen_at })
      const p = t.products
      const bodies = {
        groupon: p.groupon(),
        voucher: p.voucher(),
        timeCard: p.timeCard({ times_count: 3 }),
        thirdParty: p.thirdPartyCode(),
        packWhole: p.comboPack({ items: ITEMS, refund_mode: 1 }),
        packPartial: p.comboPack({ items: ITEMS, refund_mode: 2 }),
      }
      const now = (await t.client.clock()).now
      for (const [kind, body] of Object.entries(bodies)) {
        expect(Number(body.product.sold_start_time), kind).toBeLessThanOrEqual(now)
        expect(Number(body.product.sold_end_time), kind).toBeGreaterThan(now)
        const saved = await t.publish(body).catch((e: Error) => ({ error: `${kind}: ${e.message}` }))
        expect(saved, kind).not.toHaveProperty('error')
        if ('error' in saved) continue
        const online = await t.client.op.goodsProductOnlineGet({
          account_id: t.credentials.account_id,
          product_ids: saved.product_id,
        })
        expect(online.product_onlines[0]?.online_status, kind).toBe(1)
      }
      // a pack's price is the sum of its items, and each purchase issues one coupon per item
      const pack = await t.publish(p.comboPack({ items: ITEMS, refund_mode: 2 }))
      const bought = await t.client.buy({ product_id: pack.product_id })
      expect(bought.certificates).toHaveLength(ITEMS.length)
      expect(bought.order.pay_amount).toBe(3000)
    })
  }

  it('gives every body its own out_id unless one is given', () => {
    const p = sb.newTenant().then((t) => t.products)
    return p.then((b) => {
      expect(b.groupon().product.out_id).not.toBe(b.groupon().product.out_id)
      expect(b.voucher({ out_id: 'mine' }).product.out_id).toBe('mine')
    })
  })
})
