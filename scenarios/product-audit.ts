import { product } from './lib/products.js'
import type { Scenario } from './lib/scenario.js'

export const scenario: Scenario = {
  name: 'product-audit',
  description: 'a product fails its audit for a forbidden word, is fixed, passes and goes online',
  async run(ctx) {
    const bad = product(ctx, 'audit-demo', '全网第一烤鸭')
    const saved = await ctx.step('save a product whose name breaks the rules', async () =>
      ctx.ok(await ctx.api('POST', '/goodlife/v1/goods/product/save/', bad), 'save'),
    )
    await ctx.step('the audit runs', () => ctx.advance(60))
    const draft = (await ctx.api('GET', `/goodlife/v1/goods/product/draft/get/?product_ids=${saved.product_id}`))
      .product_drafts[0]
    ctx.expect(draft.draft_status === 12 && /全网第一/.test(draft.audit_msg), 'draft_status 12 with the reason', draft)
    await ctx.step('the name is fixed and saved again', async () =>
      ctx.ok(await ctx.api('POST', '/goodlife/v1/goods/product/save/', product(ctx, 'audit-demo', '招牌烤鸭')), 'save'),
    )
    await ctx.step('the audit runs again', () => ctx.advance(60))
    const online = (
      await ctx.api(
        'GET',
        `/goodlife/v1/goods/product/online/get/?account_id=${ctx.tenant.account_id}&product_ids=${saved.product_id}`,
      )
    ).product_onlines[0]
    ctx.expect(
      online.online_status === 1 && online.product.product_name === '招牌烤鸭',
      'online with the fixed name',
      online,
    )
    const audits = (await ctx.events('life_product_common_audit')).map((e) => JSON.parse(e.content).status)
    ctx.expect(audits.join() === 'FAIL,PASS', 'FAIL then PASS at the target', audits)
    const status = (await ctx.events('life_product_status_change')).map((e) => JSON.parse(e.content).status)
    ctx.expect(status.join() === 'GOODS_ONLINE', 'GOODS_ONLINE at the target', status)
  },
}
