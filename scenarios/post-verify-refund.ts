import { product, publish, statuses, verifyAtTill } from './lib/products.js'
import type { Scenario } from './lib/scenario.js'

export const scenario: Scenario = {
  name: 'post-verify-refund',
  description: 'refunds of verified 抖音码 coupons go through the merchant: one approved, one rejected with a reason',
  async run(ctx) {
    const p = await ctx.step('publish a 团购 product', () => publish(ctx, product(ctx, 'after-verify', '单人餐')))
    const o = await ctx.step('a consumer buys two', async () =>
      ctx.ok(await ctx.sandbox('POST', '/sandbox/orders', { product_id: p.product_id, count: 2 }), 'purchase'),
    )
    const results = await ctx.step('both are verified', () => verifyAtTill(ctx, o.certificates[0].code, 2))
    await ctx.step('two days later', () => ctx.advance(2 * 86400))
    const first = await ctx.step('the user asks to refund the first coupon', async () =>
      ctx.ok(
        await ctx.sandbox('POST', '/sandbox/refunds', {
          order_id: o.order.order_id,
          certificate_ids: [results[0].certificate_id],
          reason: '菜品问题',
        }),
        'refund request',
      ),
    )
    ctx.expect(first.after_sale.status === 1, 'the refund to wait for the merchant', first.after_sale)
    const asked = await ctx.events('life_hermes_akte_after_sale_audit')
    ctx.expect(asked.length === 1, 'the merchant to be asked once', asked.length)
    await ctx.step('the merchant approves', async () =>
      ctx.ok(
        await ctx.api('POST', '/goodlife/v1/akte/after_sale/order/audit/', {
          account_id: ctx.tenant.account_id,
          order_id: o.order.order_id,
          certificate_id: results[0].certificate_id,
          audit_status: true,
        }),
        'audit approve',
      ),
    )
    await ctx.step('the user asks to refund the second coupon', async () =>
      ctx.ok(
        await ctx.sandbox('POST', '/sandbox/refunds', {
          order_id: o.order.order_id,
          certificate_ids: [results[1].certificate_id],
        }),
        'refund request',
      ),
    )
    const bare = await ctx.step('a rejection without a reason is refused', () =>
      ctx.api('POST', '/goodlife/v1/akte/after_sale/order/audit/', {
        account_id: ctx.tenant.account_id,
        order_id: o.order.order_id,
        audit_status: false,
      }),
    )
    ctx.expect(bare.error_code === 2100005, 'error 2100005 naming reject_reason', bare)
    await ctx.step('the merchant rejects with a reason', async () =>
      ctx.ok(
        await ctx.api('POST', '/goodlife/v1/akte/after_sale/order/audit/', {
          account_id: ctx.tenant.account_id,
          order_id: o.order.order_id,
          audit_status: false,
          reject_reason: '已正常消费',
        }),
        'audit reject',
      ),
    )
    ctx.expect((await statuses(ctx, o.order.order_id)).join() === '4,2', 'first refunded, second still used')
  },
}
