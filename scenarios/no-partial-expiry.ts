import { pack, publish, statuses, verifyAtTill } from './lib/products.js'
import type { Scenario } from './lib/scenario.js'

const items = [
  { item_type: 1, name: '双杯券', actual_amount: 2800, origin_amount: 3600 },
  { item_type: 1, name: '双杯券', actual_amount: 2800, origin_amount: 3600 },
  { item_type: 101, name: '饮品5折券', actual_amount: 100, origin_amount: 100, discount: 50 },
]

export const scenario: Scenario = {
  name: 'no-partial-expiry',
  description:
    'a 不支持部分退 pack: the user cannot refund after partial use; at expiry the unused part is auto-verified (expire_auto)',
  async run(ctx) {
    const body = pack(ctx, 'no-partial', '双杯券包', items, 2, {
      use_date: JSON.stringify({ use_date_type: 2, day_duration: 7 }),
    })
    const p = await ctx.step('publish a no-partial-refund pack valid 7 days', () => publish(ctx, body))
    const o = await ctx.step('a consumer buys it', async () =>
      ctx.ok(await ctx.sandbox('POST', '/sandbox/orders', { product_id: p.product_id }), 'purchase'),
    )
    await ctx.step('one 双杯券 is verified', () => verifyAtTill(ctx, o.certificates[0].code, 1))
    const refused = await ctx.step('the user asks for a refund', () =>
      ctx.sandboxAnswer('POST', '/sandbox/refunds', { order_id: o.order.order_id, by: 'user' }),
    )
    ctx.expect(
      refused.data.error_code === 4000002 && /不支持部分退/.test(refused.extra.sub_description),
      'a refusal naming 不支持部分退',
      refused,
    )
    await ctx.step('eight days pass', () => ctx.advance(8 * 86400))
    ctx.expect((await statuses(ctx, o.order.order_id)).join() === '2,2,2', 'the unused part closed as used')
    const auto = (await ctx.events('life_trade_certificate_notify'))
      .map((e) => JSON.parse(e.content))
      .filter((c) => c.verify_source === 'expire_auto')
    ctx.expect(
      auto.length === 2 && auto.every((c) => c.action === 'verify'),
      'two verify events with verify_source expire_auto',
      auto,
    )
  },
}
