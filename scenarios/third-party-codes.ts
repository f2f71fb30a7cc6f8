import { product, publish } from './lib/products.js'
import type { Scenario } from './lib/scenario.js'

export const scenario: Scenario = {
  name: 'third-party-codes',
  description:
    '三方码: pre-create passes, the issue-code SPI fails, then answers "issuing", and the merchant calls back with the codes',
  needsReferenceMerchant: true,
  async run(ctx) {
    ctx.opts.merchant?.script('issue_code', [
      { status: 503 },
      { status: 200, body: { data: { error_code: 0, description: '', result: 0 } } },
    ])
    const p = await ctx.step('publish a 三方码 product', () =>
      publish(ctx, product(ctx, 'tp-demo', '三方码套餐', {}, { code_source_type: '2' })),
    )
    const o = await ctx.step('a consumer buys one (pre_create_order asked first)', async () =>
      ctx.ok(await ctx.sandbox('POST', '/sandbox/orders', { product_id: p.product_id }), 'purchase'),
    )
    ctx.expect(o.certificates[0].code === '', 'no code until the merchant issues it', o.certificates[0])
    const retry = await ctx.step('10 seconds later the issue-code SPI is asked again', () => ctx.advance(10))
    ctx.expect(
      retry.some((j: { kind: string }) => j.kind === 'spi.issue_code'),
      'a retry of issue_code',
      retry,
    )
    await ctx.step('the merchant calls back with the code within 10 minutes', async () =>
      ctx.ok(
        await ctx.api('POST', '/goodlife/v1/fulfilment/create/callback/', {
          order_id: o.order.order_id,
          result: 1,
          codes: ['SUT-CODE-1'],
          third_order_id: 'SUT-ORDER-1',
        }),
        'create/callback',
      ),
    )
    const v = await ctx.step("the till verifies the merchant's code directly", async () =>
      ctx.ok(
        await ctx.api('POST', '/goodlife/v1/fulfilment/certificate/verify/', {
          poi_id: ctx.tenant.poi_ids[0],
          order_id: o.order.order_id,
          codes: ['SUT-CODE-1'],
        }),
        'verify',
      ),
    )
    ctx.expect(v.verify_results[0].result === 0, 'the code verified', v.verify_results)
    const calls = await ctx.deliveries('spi.issue_code')
    ctx.expect(
      calls.length === 2 && calls[0].outcome === 'failed' && calls[1].outcome === 'delivered',
      'one failed and one answered issue_code call',
      calls.map((c: { outcome: string }) => c.outcome),
    )
  },
}
