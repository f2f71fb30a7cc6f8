/**
 * `douyin-sandbox check` / checkMerchant: the reference merchant and a correct service pass every check; a
 * careless service (any signature, acts on duplicates) and a slow one fail exactly the checks they should; the
 * JUnit report is valid JUnit XML with the right counts.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SandboxLink } from '../src/check/sandbox-link.js'
import { SandboxClient } from '../src/client/client.js'
import { systemTime } from '../src/core/clock.js'
import type { CheckReport } from '../src/check/check.types.js'
import { junitReport, jsonReport, textReport } from '../src/check/reporters.js'
import { checkMerchant } from '../src/testing/check.js'
import { startReceiver, type SpiReply } from '../src/testing/receiver.js'
import type { SpiName } from '../src/testing/arrivals.js'
import { startSandbox, type RunningSandbox } from '../src/testing/start.js'
import { validateJunit } from './helpers/junit-schema.js'
import { startMerchant } from './helpers/merchants.js'

const WEBHOOK_IDS = [
  'webhook.challenge',
  'webhook.signature.valid',
  'webhook.signature.wrong',
  'webhook.signature.missing',
  'webhook.signature.other-tenant',
  'webhook.signature.tampered-body',
  'webhook.duplicate.acknowledged',
  'webhook.duplicate.acted-once',
  'webhook.ack-time',
  'webhook.retry.acted-once',
  'webhook.order.out-of-order',
]
const SPIS = ['pre_create_order', 'issue_code', 'refund_apply', 'refund_notice']
const CALLBACK_IDS = ['spi.issue_code.callback', 'spi.refund_apply.callback']
const SPI_IDS = [...SPIS.flatMap((s) => [`spi.${s}.answer`, `spi.${s}.forged`]), ...CALLBACK_IDS]
/** a delivery timeout short enough that slow services are seen in well under a second */
const FAST = { ackTimeoutMs: 300, callbackWaitMs: 2000 }
/**
 * for services that make their platform calls before they answer (all here but the slow ones): the journal is
 * complete when the answer comes, so a short quiet spell sees everything. The slow ones work on after the
 * platform gave up on them and keep the default 1 s spell, which is what proves it waits for late work.
 */
const QUIET = { quietMs: 200 }

/**
 * checkMerchant against the testing kit's receiver, trusting a fresh tenant, with these SPI answers scripted; with
 * the bad signatures the receiver recorded.
 */
async function checkReceiver(scripts: Partial<Record<SpiName, SpiReply[]>> = {}) {
  const t = await sb.newTenant()
  const receiver = await startReceiver()
  receiver.trust(t)
  for (const [spi, replies] of Object.entries(scripts)) receiver.script(spi as SpiName, replies)
  try {
    const r = await checkMerchant({
      sandbox: sb,
      target: receiver.url,
      spiBase: receiver.spiBase,
      clientKey: t.credentials.client_key,
      ...QUIET,
    })
    return { r, byId: (id: string) => r.results.find((c) => c.id === id)!, badSignatures: receiver.badSignatures() }
  } finally {
    await receiver.close()
  }
}

const withStatus = (r: CheckReport, s: string) =>
  r.results
    .filter((c) => c.status === s)
    .map((c) => c.id)
    .sort()

let sb: RunningSandbox
beforeAll(async () => {
  sb = await startSandbox()
})
afterAll(async () => {
  await sb?.close()
})

describe('check against a correct service', { timeout: 60_000 }, () => {
  it("the testing kit's reference receiver, trusting the tenant, passes every check it can be seen to", async () => {
    const { r, badSignatures } = await checkReceiver()
    expect(r.results.map((c) => c.id)).toEqual([...WEBHOOK_IDS, ...SPI_IDS])
    // played with the platform's own delivery timeout
    expect(r.results.find((c) => c.id === 'webhook.ack-time')!.title).toContain('within 5 s')
    expect(withStatus(r, 'failed'), textReport(r)).toEqual([])
    // it makes no platform calls, so whether it acts once cannot be seen; it issues codes and decides at once
    expect(withStatus(r, 'not_applicable')).toEqual(
      [
        'webhook.duplicate.acted-once',
        'webhook.retry.acted-once',
        'webhook.order.out-of-order',
        ...CALLBACK_IDS,
      ].sort(),
    )
    for (const id of ['webhook.duplicate.acted-once', 'webhook.retry.acted-once', 'webhook.order.out-of-order'])
      expect(r.results.find((c) => c.id === id)!.message).toContain('not observable')
    expect(r.results.find((c) => c.id === 'spi.issue_code.callback')!.message).toContain('result 1: no callback')
    // the forged ones reached it and were told apart
    expect(badSignatures.length).toBe(8)
  })

  it('a service that acts on each event once and calls back signed passes every check', async () => {
    const t = await sb.newTenant()
    const m = await startMerchant({ sandboxUrl: sb.url, tenant: t.credentials, callbacks: 'signed' })
    try {
      const r = await checkMerchant({
        sandbox: sb.url,
        target: m.url,
        spiBase: m.spiBase,
        clientKey: t.credentials.client_key,
        clientSecret: t.credentials.client_secret,
        ...FAST,
        ...QUIET,
      })
      expect(withStatus(r, 'passed'), textReport(r)).toEqual([...WEBHOOK_IDS, ...SPI_IDS].sort())
      expect(r).toMatchObject({ failed: 0, not_applicable: 0, passed: 21, client_key: t.credentials.client_key })
      const byId = (id: string) => r.results.find((c) => c.id === id)!
      expect(byId('webhook.duplicate.acted-once').message).toMatch(
        /^1 platform call\(s\) after the first delivery, none after the duplicate/,
      )
      expect(byId('webhook.retry.acted-once').message).toMatch(/^1 platform call\(s\) for the event and its retry/)
      // the order was read on each event, nothing written after the stale verify notice
      expect(byId('webhook.order.out-of-order').message).toMatch(/3 platform call\(s\) about the order/)
      // the callbacks were seen with what the service sent
      const callback = byId('spi.issue_code.callback')
      expect(callback.exchanges[0]!.sent.url).toBe('/goodlife/v1/fulfilment/create/callback/')
      expect(callback.exchanges[0]!.sent.body).toContain('"result":1')
    } finally {
      await m.close()
    }
  })
})

describe("the checker's wait for the service to settle", () => {
  it('waits for a quiet spell in the journal: calls that keep coming within it are all seen; no spell, one read', async () => {
    const t = await sb.newTenant()
    const client = new SandboxClient(sb.url, t.credentials)
    const query = (order_id: string) =>
      client.attempt('tradeOrderQuery', {
        account_id: t.credentials.account_id,
        order_id,
        page_num: '1',
        page_size: '10',
      })
    const reads = vi.spyOn(globalThis, 'fetch')
    const journalReads = () => reads.mock.calls.filter(([url]) => String(url).includes('/sandbox/journal')).length
    try {
      await query('1')
      // two more calls 400 ms apart, well within a 1.5 s spell: the wait ends only after the last
      const later = (async () => {
        for (const id of ['2', '3']) {
          await sleep(400)
          await query(id)
        }
      })()
      const long = new SandboxLink(sb.url, {}, systemTime, 1500)
      const settled = await long.settledJournal(t.credentials.client_key)
      await later
      expect(settled?.map((c) => c.query.match(/order_id=(\d+)/)?.[1])).toEqual(['1', '2', '3'])
      // without a quiet spell the journal is read once and answered
      reads.mockClear()
      const none = new SandboxLink(sb.url, {}, systemTime, 0)
      expect(await none.settledJournal(t.credentials.client_key)).toHaveLength(3)
      expect(journalReads()).toBe(1)
    } finally {
      reads.mockRestore()
    }
  })
})

describe("the testing kit's receiver", () => {
  it('refuses a bad signature for a tenant it trusts, and answers (recording) one for a tenant it does not', async () => {
    const receiver = await startReceiver()
    receiver.trust('trusted-app', 'trusted-secret')
    const post = (clientKey: string) =>
      fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-douyin-signature': 'f'.repeat(40) },
        body: JSON.stringify({ event: 'life_trade_order_notify', client_key: clientKey, content: '{}' }),
      })
    try {
      expect((await post('trusted-app')).status).toBe(401)
      expect((await post('unknown-app')).status).toBe(200)
      expect(receiver.badSignatures().map((a) => a.body)).toEqual([
        expect.stringContaining('"trusted-app"'),
        expect.stringContaining('"unknown-app"'),
      ])
    } finally {
      await receiver.close()
    }
    const lenient = await startReceiver({ refuseBadSignatures: false })
    lenient.trust('trusted-app', 'trusted-secret')
    try {
      const res = await fetch(lenient.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'life_trade_order_notify', client_key: 'trusted-app', content: '{}' }),
      })
      expect(res.status).toBe(200)
    } finally {
      await lenient.close()
    }
  })
})

describe('check against careless services', { timeout: 60_000 }, () => {
  it('one that accepts any signature and acts on every delivery fails the signature, forgery, duplicate, retry and order checks', async () => {
    const t = await sb.newTenant()
    const m = await startMerchant({ sandboxUrl: sb.url, tenant: t.credentials, careless: true })
    try {
      const r = await checkMerchant({
        sandbox: sb,
        target: m.url,
        spiBase: m.spiBase,
        clientKey: t.credentials.client_key,
        ...QUIET,
      })
      expect(withStatus(r, 'failed'), textReport(r)).toEqual(
        [
          'webhook.signature.wrong',
          'webhook.signature.missing',
          'webhook.signature.other-tenant',
          'webhook.signature.tampered-body',
          'webhook.duplicate.acted-once',
          'webhook.retry.acted-once',
          'webhook.order.out-of-order',
          ...SPIS.map((s) => `spi.${s}.forged`),
        ].sort(),
      )
      // it issues codes and decides refunds at once: no callbacks to check
      expect(withStatus(r, 'not_applicable')).toEqual(CALLBACK_IDS)
      const missing = r.results.find((c) => c.id === 'webhook.signature.missing')!
      // what was sent and what came back
      expect(missing.exchanges).toHaveLength(1)
      expect(missing.exchanges[0]!.sent.headers).not.toHaveProperty('x-douyin-signature')
      expect(missing.exchanges[0]!.status).toBe(200)
      expect(r.results.find((c) => c.id === 'webhook.duplicate.acted-once')!.message).toContain(
        '1 more after the duplicate',
      )
      const text = textReport(r)
      expect(text).toContain('✗ webhook.signature.missing')
      expect(text).toContain('answered: HTTP 200')
      expect(text).toContain('21 checks: 8 passed, 11 failed, 2 not applicable')
      const stale = r.results.find((c) => c.id === 'webhook.order.out-of-order')!
      expect(stale.message).toContain(
        'acted on the stale verify notice after the refund: POST /goodlife/v1/trade/buy/merchant_confirm_order/',
      )
      expect(stale.exchanges.map((x) => x.note)).toEqual([
        'pay_success of the order',
        "refund_success of its certificate (the verify notice's first attempt was lost on the way)",
        'the retry of the verify notice: its Msg-Id, its earlier msg_time',
      ])
    } finally {
      await m.close()
    }
  })

  it('one that answers late but records Msg-Ids on arrival fails only the acknowledgement check', async () => {
    const t = await sb.newTenant()
    // slow from the duplicate deliveries on: the challenge and the five signature requests come first
    const m = await startMerchant({ sandboxUrl: sb.url, tenant: t.credentials, slowAfter: 6, slowMs: 700 })
    try {
      const r = await checkMerchant({ sandbox: sb, target: m.url, clientKey: t.credentials.client_key, ...FAST })
      expect(withStatus(r, 'failed'), textReport(r)).toEqual(['webhook.ack-time'])
      expect(withStatus(r, 'not_applicable')).toEqual(SPI_IDS.slice().sort())
      const slow = r.results.find((c) => c.id === 'webhook.ack-time')!
      expect(slow.exchanges.every((x) => x.ms > 300)).toBe(true)
      expect(slow.message).toContain('after 0.3 s and retries')
      // the platform gave up on the first delivery and retried while it was still being worked on
      const retry = r.results.find((c) => c.id === 'webhook.retry.acted-once')!
      expect(retry.exchanges[1]!.error).toBe('no answer within 300 ms')
      expect(retry.message).toContain('so the retry came while it may still have been worked on')
    } finally {
      await m.close()
    }
  })

  it('one that answers late and records a Msg-Id after its work acts on the retry too', async () => {
    const t = await sb.newTenant()
    const m = await startMerchant({
      sandboxUrl: sb.url,
      tenant: t.credentials,
      slowAfter: 6,
      slowMs: 700,
      dedupeAfterWork: true,
    })
    try {
      const r = await checkMerchant({ sandbox: sb, target: m.url, clientKey: t.credentials.client_key, ...FAST })
      // a duplicate after the answer is caught; a retry during the work is not
      expect(withStatus(r, 'failed'), textReport(r)).toEqual(['webhook.ack-time', 'webhook.retry.acted-once'])
      expect(r.results.find((c) => c.id === 'webhook.retry.acted-once')!.message).toMatch(
        /^acted twice: 2 platform call\(s\) for the event and its retry, 1 for an event delivered once/,
      )
    } finally {
      await m.close()
    }
  })

  it('one whose callbacks carry a forged access-token, or never come, fails the callback checks', async () => {
    for (const callbacks of ['forged-token', 'never'] as const) {
      const t = await sb.newTenant()
      const m = await startMerchant({ sandboxUrl: sb.url, tenant: t.credentials, callbacks })
      try {
        const r = await checkMerchant({
          sandbox: sb,
          target: m.url,
          spiBase: m.spiBase,
          clientKey: t.credentials.client_key,
          ...FAST,
          ...QUIET,
          // a forged callback comes (refused) ≈ 50 ms after the answer: 2 s for it to arrive; none ever comes
          // from the other, so any wait gives the same result
          ...(callbacks === 'never' ? { callbackWaitMs: 300 } : {}),
        })
        expect(withStatus(r, 'failed'), textReport(r)).toEqual(CALLBACK_IDS)
        const issue = r.results.find((c) => c.id === 'spi.issue_code.callback')!
        if (callbacks === 'forged-token') {
          expect(issue.message).toContain('access-token the platform did not accept')
          expect(issue.exchanges[0]!.sent.headers['access-token']).toMatch(/^clt\.forge/)
        } else expect(issue.message).toContain('did not call /goodlife/v1/fulfilment/create/callback/')
      } finally {
        await m.close()
      }
    }
  })

  it('one that refuses everything fails the valid one and its refusals prove nothing', async () => {
    const t = await sb.newTenant()
    const receiver = await startReceiver({ refuseBadSignatures: true }) // trusts no tenant
    try {
      const r = await checkMerchant({
        sandbox: sb,
        target: receiver.url,
        clientKey: t.credentials.client_key,
        ...QUIET,
      })
      expect(withStatus(r, 'failed')).toEqual([
        'webhook.duplicate.acknowledged',
        'webhook.order.out-of-order',
        'webhook.retry.acted-once',
        'webhook.signature.valid',
      ])
      const valid = r.results.find((c) => c.id === 'webhook.signature.valid')!
      expect(valid.message).toContain('--client-key')
      for (const id of ['wrong', 'missing', 'other-tenant', 'tampered-body'])
        expect(r.results.find((c) => c.id === `webhook.signature.${id}`)!.status).toBe('not_applicable')
    } finally {
      await receiver.close()
    }
  })

  it('SPI answers out of the documented shape fail their answer check', async () => {
    const { r, byId } = await checkReceiver({
      issue_code: [{ status: 200, body: { data: { error_code: 0, result: 1, codes: ['one'] } } }],
      refund_notice: [{ status: 200, body: { data: { error_code: '0' } } }],
      refund_apply: [{ status: 200, body: { error_code: 0 } }],
    })
    expect(withStatus(r, 'failed')).toEqual([
      'spi.issue_code.answer',
      'spi.refund_apply.answer',
      'spi.refund_notice.answer',
    ])
    expect(byId('spi.issue_code.answer').message).toContain('one code per certificate: 2 asked, 1 given')
    expect(byId('spi.refund_notice.answer').message).toContain('a string "0" counts as an error')
    expect(byId('spi.refund_apply.answer').message).toContain('not {"data": {…}}')
    // a correct call that did not succeed leaves nothing to compare a forged one with
    expect(byId('spi.refund_notice.forged').status).toBe('not_applicable')
    expect(byId('spi.refund_apply.forged').status).toBe('not_applicable')
    expect(byId('spi.issue_code.forged').status).toBe('passed')
  })

  it('an issue_code answer without result fails its answer check and is not read as "issuing"', async () => {
    const { byId } = await checkReceiver({
      issue_code: [{ status: 200, body: { data: { error_code: 0, description: '' } } }],
    })
    expect(byId('spi.issue_code.answer')).toMatchObject({ status: 'failed' })
    expect(byId('spi.issue_code.answer').message).toContain('data.result must be a number')
    expect(byId('spi.issue_code.callback')).toMatchObject({
      status: 'not_applicable',
      message: 'the issue_code answer has no numeric data.result (spi.issue_code.answer)',
    })
  })

  it('an unreachable one fails every webhook check, saying so, without throwing', async () => {
    const receiver = await startReceiver()
    const gone = receiver.url
    await receiver.close()
    const r = await checkMerchant({ sandbox: sb, target: gone, ...QUIET })
    expect(withStatus(r, 'failed')).toEqual(
      [
        'webhook.challenge',
        'webhook.signature.valid',
        'webhook.duplicate.acknowledged',
        'webhook.ack-time',
        'webhook.retry.acted-once',
        'webhook.order.out-of-order',
      ].sort(),
    )
    expect(r.results[0]!.message).toContain('no answer')
  })
})

describe('reports', { timeout: 60_000 }, () => {
  let report: CheckReport
  beforeAll(async () => {
    const t = await sb.newTenant()
    const m = await startMerchant({ sandboxUrl: sb.url, tenant: t.credentials, careless: true })
    try {
      report = await checkMerchant({ sandbox: sb, target: m.url, clientKey: t.credentials.client_key, ...QUIET })
    } finally {
      await m.close()
    }
  }, 60_000)

  it('JUnit XML is valid against the JUnit schema, with counts that match', async () => {
    const xml = junitReport(report)
    expect(await validateJunit(xml)).toEqual([])
    expect(xml).toMatch(/<testsuites name="douyin-sandbox check" tests="21" failures="7" errors="0" skipped="10"/)
    expect(xml.match(/<testcase /g)).toHaveLength(21)
    expect(xml.match(/<failure /g)).toHaveLength(7)
    expect(xml.match(/<skipped /g)).toHaveLength(10)
    // the whole run's time is its suites' times added up, never less than one of them
    const total = Number(/<testsuites [^>]* time="([\d.]+)"/.exec(xml)![1])
    const suites = [...xml.matchAll(/<testsuite [^>]* time="([\d.]+)"/g)].map((m) => Number(m[1]))
    expect(suites.length).toBeGreaterThan(1)
    expect(Math.abs(total - suites.reduce((a, b) => a + b, 0))).toBeLessThan(0.001 * suites.length)
    // the request bodies (JSON with quotes, a nested JSON string) are escaped
    expect(xml).toContain('&quot;event&quot;:&quot;life_trade_order_notify&quot;')
    expect(xml).toContain('<testcase classname="douyin-sandbox.check.webhook" name="webhook.challenge: ')
  })

  it('the JUnit XSD and the counts catch broken reports', async () => {
    const good = junitReport(report)
    expect(await validateJunit(good.replace('tests="21"', 'tests="20"'))).toEqual([
      'testsuites says tests="20", its suites make 21',
    ])
    const [failed] = await validateJunit(good.replace('<failure ', '<failed ').replace('</failure>', '</failed>'))
    expect(failed).toContain("Element 'failed': This element is not expected")
    expect((await validateJunit(good.replace('&quot;event', '<event')))[0]).toContain('parser error')
    expect((await validateJunit(good.replace('&quot;event', '& event')))[0]).toContain('xmlParseEntityRef')
    expect((await validateJunit(good.replace('time="', 'time="x')))[0]).toMatch(
      /'x[\d.]+' is not a valid value of the atomic type 'seconds'/,
    )
    expect(await validateJunit(good.replace(/ name="webhook\.challenge[^"]*"/, ''))).toEqual([
      expect.stringContaining("Element 'testcase': The attribute 'name' is required but missing"),
    ])
    expect((await validateJunit(good.replace('timestamp="', 'timestamp="T')))[0]).toContain("attribute 'timestamp'")
  })

  it('JSON is the report itself', () => {
    expect(JSON.parse(jsonReport(report))).toEqual(report)
  })
})
