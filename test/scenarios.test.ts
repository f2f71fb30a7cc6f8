/** Every scenario passes against the reference merchant, which checks every signature it receives. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCENARIOS } from '../scenarios/index.js'
import { runScenarios } from '../scenarios/runner.js'
import { startReceiver as startMerchant, type Receiver as Merchant } from '../src/testing/receiver.js'

let merchant: Merchant
beforeAll(async () => {
  merchant = await startMerchant()
})
afterAll(async () => {
  await merchant.close()
})

describe('scenarios against the reference merchant', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s passes', async (_name, scenario) => {
    const lines: string[] = []
    const report = await runScenarios([scenario], { merchant, log: (l) => lines.push(l) })
    expect(report.failures, lines.join('\n')).toEqual([])
    expect(report.passed).toBe(1)
  })

  it('saw only correctly signed webhooks and SPI calls, of both kinds', () => {
    expect(merchant.badSignatures()).toEqual([])
    expect(merchant.arrivals.some((a) => a.path.startsWith('/spi/issue_code'))).toBe(true)
    expect(merchant.arrivals.some((a) => a.event === 'life_trade_certificate_notify')).toBe(true)
  })

  it('lists scenarios with a name and a description each', () => {
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length)
    for (const s of SCENARIOS) expect(s.description.length).toBeGreaterThan(20)
  })
})

describe('scenario runner', () => {
  it('lists what fired under the step that caused it, with times in Beijing time and the offset', async () => {
    const lines: string[] = []
    const scenario = SCENARIOS.find((s) => s.name === 'cancel-within-hour')!
    const report = await runScenarios([scenario], { merchant, log: (l) => lines.push(l) })
    expect(report.passed, lines.join('\n')).toBe(1)
    /** the fired line of a step (the lines up to the next step) */
    const firedUnder = (step: string) => {
      const at = lines.findIndex((l) => l.includes(`▸ ${step}`))
      const next = lines.findIndex((l, i) => i > at && l.includes('▸ '))
      return lines.slice(at, next).find((l) => l.includes('fired:')) ?? ''
    }
    expect(lines.find((l) => l.includes('▸ a consumer buys two'))).toContain('(virtual 2022-06-01 00:01:00 +08:00)')
    expect(firedUnder('a consumer buys two')).toBe('    fired: life_trade_order_notify delivered')
    expect(firedUnder('the cashier verifies one coupon')).toBe(
      '    fired: life_trade_certificate_notify(verify) delivered',
    )
    expect(firedUnder('the mistake is cancelled inside the hour')).toContain('(verify_cancel) delivered')
  })

  it('stops at the first failed expectation, saying what was expected and what came back', async () => {
    const lines: string[] = []
    const failing = {
      name: 'always-fails',
      description: 'expects the impossible to show how a failure reads',
      async run(ctx: import('../scenarios/lib/scenario.js').ScenarioContext) {
        const clock = await ctx.step('read the clock', () => ctx.sandbox('GET', '/sandbox/clock'))
        ctx.expect(clock.clock.now === 0, 'the clock at the epoch', clock.clock.now)
      },
    }
    const report = await runScenarios([failing, SCENARIOS[0]!], { merchant, log: (l) => lines.push(l) })
    expect(report).toMatchObject({ passed: 0, failed: 1 })
    expect(report.failures[0]!.message).toBe('step "read the clock": expected the clock at the epoch, got 1654012800')
    expect(lines.join('\n')).toContain('✗ always-fails')
  })
})
