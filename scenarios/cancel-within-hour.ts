import { product, publish, statuses, verifyAtTill } from './lib/products.js'
import type { Scenario } from './lib/scenario.js'

export const scenario: Scenario = {
  name: 'cancel-within-hour',
  description:
    'a mistaken verification is cancelled inside the hour; a second one cannot be after the hour and is billed',
  async run(ctx) {
    const p = await ctx.step('publish a 团购 product', () => publish(ctx, product(ctx, 'cancel-demo', '双人套餐')))
    const o = await ctx.step('a consumer buys two', async () =>
      ctx.ok(await ctx.sandbox('POST', '/sandbox/orders', { product_id: p.product_id, count: 2 }), 'purchase'),
    )
    const [v] = await ctx.step('the cashier verifies one coupon', () => verifyAtTill(ctx, o.certificates[0].code, 1))
    await ctx.step('59 minutes later', () => ctx.advance(3540))
    const cancel = await ctx.step('the mistake is cancelled inside the hour', () =>
      ctx.api('POST', '/goodlife/v1/fulfilment/certificate/cancel/', {
        verify_id: v.verify_id,
        certificate_id: v.certificate_id,
      }),
    )
    ctx.ok(cancel, 'cancel inside the hour')
    ctx.expect((await statuses(ctx, o.order.order_id)).join() === '1,1', 'both coupons usable again')
    const [w] = await ctx.step('verified again', () => verifyAtTill(ctx, o.certificates[0].code, 1))
    const billDate = await ctx.today() // its bill date: a run started late in a Beijing day bills it the next day
    await ctx.step('61 minutes later', () => ctx.advance(3660))
    const late = await ctx.step('cancelling now is refused', () =>
      ctx.answer('POST', '/goodlife/v1/fulfilment/certificate/cancel/', {
        verify_id: w.verify_id,
        certificate_id: w.certificate_id,
      }),
    )
    ctx.expect(
      late.data.error_code === 3000001 && late.extra.sub_error_code === 2034000910,
      'error 3000001 已超过可撤销时限,无法撤销核销 (sub_error_code 2034000910)',
      late,
    )
    const bill = ctx.ok(
      await ctx.api(
        'GET',
        `/goodlife/v1/settle/bill/catering_query/?account_id=${ctx.tenant.account_id}&bill_date=${billDate}&cursor=0&size=50`,
      ),
      'catering_query',
    )
    ctx.expect(bill.ledger_records.length === 1, 'only the standing verification billed', bill.ledger_records.length)
    const actions = (await ctx.events('life_trade_certificate_notify')).map((e) => JSON.parse(e.content).action)
    ctx.expect(actions.join() === 'verify,verify_cancel,verify', 'verify, verify_cancel, verify at the target', actions)
  },
}
