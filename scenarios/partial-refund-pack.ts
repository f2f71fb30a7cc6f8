import { pack, publish, statuses, verifyAtTill } from './lib/products.js'
import type { Scenario } from './lib/scenario.js'

const items = [
  { item_type: 1, name: '福饼', actual_amount: 2000, origin_amount: 2500 },
  { item_type: 11, name: '50元代金券', actual_amount: 4500, origin_amount: 5000 },
  { item_type: 11, name: '50元代金券', actual_amount: 4500, origin_amount: 5000 },
]

export const scenario: Scenario = {
  name: 'partial-refund-pack',
  description: 'a 支持部分退 pack is partly used, then the user refunds the unused part',
  async run(ctx) {
    const p = await ctx.step('publish a partial-refund pack', () =>
      publish(ctx, pack(ctx, 'partial-pack', '福饼+代金券券包', items, 1)),
    )
    const o = await ctx.step('a consumer buys it', async () =>
      ctx.ok(await ctx.sandbox('POST', '/sandbox/orders', { product_id: p.product_id }), 'purchase'),
    )
    await ctx.step('the 福饼 is verified', () => verifyAtTill(ctx, o.certificates[0].code, 1))
    const r = await ctx.step('the user asks for a refund', async () =>
      ctx.ok(await ctx.sandbox('POST', '/sandbox/refunds', { order_id: o.order.order_id, by: 'user' }), 'refund'),
    )
    ctx.expect(
      r.after_sale.status === 2 && r.after_sale.refund_amount === 9000,
      'the unused part (9000 fen) refunded',
      r.after_sale,
    )
    ctx.expect((await statuses(ctx, o.order.order_id)).join() === '2,4,4', 'used, refunded, refunded')
    const refunds = (await ctx.events('life_trade_certificate_notify')).filter(
      (e) => JSON.parse(e.content).action === 'refund_success',
    )
    ctx.expect(refunds.length === 2, 'two refund_success events', refunds.length)
  },
}
