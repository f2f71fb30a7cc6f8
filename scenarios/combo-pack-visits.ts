import { pack, publish, verifyAtTill } from './lib/products.js'
import type { Scenario } from './lib/scenario.js'

const items = [
  ...Array.from({ length: 7 }, () => ({
    item_type: 1,
    name: '咖啡券',
    actual_amount: 1500,
    origin_amount: 2500,
    out_sub_id: 'POS-COFFEE',
  })),
  { item_type: 201, name: '联名杯子', actual_amount: 3900, origin_amount: 5900, out_sub_id: 'POS-CUP' },
]

export const scenario: Scenario = {
  name: 'combo-pack-visits',
  description:
    '咖啡券×7 + 联名杯子 is published, bought, verified over three visits (POS mapping by out_good_id), then billed',
  async run(ctx) {
    const p = await ctx.step('publish the pack and let its audit pass', () =>
      publish(ctx, pack(ctx, 'coffee-pack', '咖啡月卡券包', items, 1)),
    )
    const o = await ctx.step('a consumer buys the pack', async () =>
      ctx.ok(
        await ctx.sandbox('POST', '/sandbox/orders', { product_id: p.product_id, open_id: 'coffee-lover' }),
        'purchase',
      ),
    )
    ctx.expect(o.certificates.length === 8, 'one coupon per sub-item', o.certificates.length)
    const code = o.certificates[0].code
    const first = await ctx.step('visit 1: two coffees', () => verifyAtTill(ctx, code, 2))
    const visitDays = [await ctx.today()] // bill dates: a run started late in a Beijing day bills the next days
    ctx.expect(
      first.every((r: { out_good_id: string }) => r.out_good_id === 'POS-COFFEE'),
      'the POS dish code of the coffee',
      first,
    )
    await ctx.step('a day later', () => ctx.advance(86400))
    await ctx.step('visit 2: five coffees', () => verifyAtTill(ctx, code, 5))
    visitDays.push(await ctx.today())
    await ctx.step('a day later', () => ctx.advance(86400))
    const last = await ctx.step('visit 3: the cup', () => verifyAtTill(ctx, code, 1))
    visitDays.push(await ctx.today())
    ctx.expect(last[0].out_good_id === 'POS-CUP', 'the cup to map to POS-CUP', last[0])
    await ctx.step('an hour passes: the last verification can no longer be cancelled and is billed', () =>
      ctx.advance(3601),
    )
    const bills = await ctx.step('read the bills of the three days', async () => {
      let n = 0
      for (const day of new Set(visitDays)) {
        const b = ctx.ok(
          await ctx.api(
            'GET',
            `/goodlife/v1/settle/bill/catering_query/?account_id=${ctx.tenant.account_id}&bill_date=${day}&cursor=0&size=50`,
          ),
          'catering_query',
        )
        n += b.ledger_records.length
      }
      return n
    })
    ctx.expect(bills === 8, 'eight ledger records, one per verified coupon', bills)
    const events = await ctx.events('life_trade_certificate_notify')
    ctx.expect(events.length === 8, 'eight verify events at the target', events.length)
  },
}
