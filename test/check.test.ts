/**
 * `douyin-sandbox check` / checkMerchant: the reference merchant and a correct service pass every check; a
 * careless service (any signature, acts on duplicates) and a slow one fail exactly the checks they should; the
 * JUnit report is valid JUnit XML with the right counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CheckReport } from '../src/check/check.types.js'
import { junitReport, jsonReport, textReport } from '../src/check/reporters.js'
import { checkMerchant } from '../src/testing/check.js'
import { startReceiver } from '../src/testing/receiver.js'
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
]
const SPIS = ['pre_create_order', 'issue_code', 'refund_apply', 'refund_notice']
const SPI_IDS = SPIS.flatMap((s) => [`spi.${s}.answer`, `spi.${s}.forged`])

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

describe('check against a correct service', () => {
  it("the testing kit's reference receiver, refusing bad signatures, passes every check it can be seen to", async () => {
    const t = await sb.newTenant()
    const receiver = await startReceiver({ refuseBadSignatures: true })
    receiver.trust(t)
    try {
      const r = await checkMerchant({
        sandbox: sb,
        target: receiver.url,
        spiBase: receiver.spiBase,
        clientKey: t.credentials.client_key,
      })
      expect(r.results.map((c) => c.id)).toEqual([...WEBHOOK_IDS, ...SPI_IDS])
      expect(withStatus(r, 'failed'), textReport(r)).toEqual([])
      // it makes no platform calls, so whether it acts once cannot be seen
      expect(withStatus(r, 'not_applicable')).toEqual(['webhook.duplicate.acted-once'])
      expect(r.results.find((c) => c.id === 'webhook.duplicate.acted-once')!.message).toContain('not observable')
      // the forged ones reached it and were told apart
      expect(receiver.badSignatures().length).toBe(8)
    } finally {
      await receiver.close()
    }
  })

  it('a service that acts on each event once passes every check, acted-once included', async () => {
    const t = await sb.newTenant()
    const m = await startMerchant({ sandboxUrl: sb.url, tenant: t.credentials })
    try {
      const r = await checkMerchant({
        sandbox: sb.url,
        target: m.url,
        spiBase: m.spiBase,
        clientKey: t.credentials.client_key,
        clientSecret: t.credentials.client_secret,
      })
      expect(withStatus(r, 'passed'), textReport(r)).toEqual([...WEBHOOK_IDS, ...SPI_IDS].sort())
      expect(r).toMatchObject({ failed: 0, not_applicable: 0, passed: 17, client_key: t.credentials.client_key })
      expect(r.results.find((c) => c.id === 'webhook.duplicate.acted-once')!.message).toMatch(
        /^1 platform call\(s\) after the first delivery, none after the duplicate/,
      )
    } finally {
      await m.close()
    }
  })
})

describe('check against careless services', () => {
  it('one that accepts any signature and acts on every delivery fails the signature, forgery and duplicate checks', async () => {
    const t = await sb.newTenant()
    const m = await startMerchant({ sandboxUrl: sb.url, tenant: t.credentials, careless: true })
    try {
      const r = await checkMerchant({
        sandbox: sb,
        target: m.url,
        spiBase: m.spiBase,
        clientKey: t.credentials.client_key,
      })
      expect(withStatus(r, 'failed'), textReport(r)).toEqual(
        [
          'webhook.signature.wrong',
          'webhook.signature.missing',
          'webhook.signature.other-tenant',
          'webhook.signature.tampered-body',
          'webhook.duplicate.acted-once',
          ...SPIS.map((s) => `spi.${s}.forged`),
        ].sort(),
      )
      expect(r.not_applicable).toBe(0)
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
      expect(text).toContain('17 checks: 8 passed, 9 failed, 0 not applicable')
    } finally {
      await m.close()
    }
  })

  it('one that answers after 5 s fails only the acknowledgement check', { timeout: 60_000 }, async () => {
    const t = await sb.newTenant()
    // slow from the duplicate deliveries on: the challenge and the five signature requests come first
    const m = await startMerchant({ sandboxUrl: sb.url, tenant: t.credentials, slowAfter: 6 })
    try {
      const r = await checkMerchant({ sandbox: sb, target: m.url, clientKey: t.credentials.client_key })
      expect(withStatus(r, 'failed'), textReport(r)).toEqual(['webhook.ack-time'])
      expect(withStatus(r, 'not_applicable')).toEqual(SPI_IDS.slice().sort())
      const slow = r.results.find((c) => c.id === 'webhook.ack-time')!
      expect(slow.exchanges.every((x) => x.ms > 5000)).toBe(true)
      expect(slow.message).toContain('retries')
    } finally {
      await m.close()
    }
  })

  it('one that refuses everything fails the valid one and its refusals prove nothing', async () => {
    const t = await sb.newTenant()
    const receiver = await startReceiver({ refuseBadSignatures: true }) // trusts no tenant
    try {
      const r = await checkMerchant({ sandbox: sb, target: receiver.url, clientKey: t.credentials.client_key })
      expect(withStatus(r, 'failed')).toEqual(['webhook.duplicate.acknowledged', 'webhook.signature.valid'])
      const valid = r.results.find((c) => c.id === 'webhook.signature.valid')!
      expect(valid.message).toContain('--client-key')
      for (const id of ['wrong', 'missing', 'other-tenant', 'tampered-body'])
        expect(r.results.find((c) => c.id === `webhook.signature.${id}`)!.status).toBe('not_applicable')
    } finally {
      await receiver.close()
    }
  })

  it('SPI answers out of the documented shape fail their answer check', async () => {
    const t = await sb.newTenant()
    const receiver = await startReceiver({ refuseBadSignatures: true })
    receiver.trust(t)
    receiver.script('issue_code', [{ status: 200, body: { data: { error_code: 0, result: 1, codes: ['one'] } } }])
    receiver.script('refund_notice', [{ status: 200, body: { data: { error_code: '0' } } }])
    receiver.script('refund_apply', [{ status: 200, body: { error_code: 0 } }])
    try {
      const r = await checkMerchant({
        sandbox: sb,
        target: receiver.url,
        spiBase: receiver.spiBase,
        clientKey: t.credentials.client_key,
      })
      const byId = (id: string) => r.results.find((c) => c.id === id)!
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
    } finally {
      await receiver.close()
    }
  })

  it('an unreachable one fails every webhook check, saying so, without throwing', async () => {
    const receiver = await startReceiver()
    const gone = receiver.url
    await receiver.close()
    const r = await checkMerchant({ sandbox: sb, target: gone })
    expect(withStatus(r, 'failed')).toEqual(
      ['webhook.challenge', 'webhook.signature.valid', 'webhook.duplicate.acknowledged', 'webhook.ack-time'].sort(),
    )
    expect(r.results[0]!.message).toContain('no answer')
  })
})

describe('reports', () => {
  let report: CheckReport
  beforeAll(async () => {
    const t = await sb.newTenant()
    const m = await startMerchant({ sandboxUrl: sb.url, tenant: t.credentials, careless: true })
    try {
      report = await checkMerchant({ sandbox: sb, target: m.url, clientKey: t.credentials.client_key })
    } finally {
      await m.close()
    }
  })

  it('JUnit XML is valid against the JUnit schema, with counts that match', () => {
    const xml = junitReport(report)
    expect(validateJunit(xml)).toEqual([])
    expect(xml).toMatch(/<testsuites name="douyin-sandbox check" tests="17" failures="5" errors="0" skipped="8"/)
    expect(xml.match(/<testcase /g)).toHaveLength(17)
    expect(xml.match(/<failure /g)).toHaveLength(5)
    expect(xml.match(/<skipped /g)).toHaveLength(8)
    // the request bodies (JSON with quotes, a nested JSON string) are escaped
    expect(xml).toContain('&quot;event&quot;:&quot;life_trade_order_notify&quot;')
  })

  it('the validator catches what CI reporters reject', () => {
    const good = junitReport(report)
    expect(validateJunit(good.replace('tests="17"', 'tests="16"'))).toEqual([
      'testsuites says tests="16", its suites make 17',
    ])
    expect(validateJunit(good.replace('<failure ', '<failed ').replace('</failure>', '</failed>'))[0]).toContain(
      '<failed> may not appear in <testcase>',
    )
    expect(validateJunit(good.replace('&quot;event', '<event'))[0]).toContain('not well-formed')
    expect(validateJunit(good.replace('&quot;event', '& event'))[0]).toContain('a bare "&"')
    expect(validateJunit(good.replace('time="', 'time="x'))[0]).toContain('is not of its type')
  })

  it('JSON is the report itself', () => {
    expect(JSON.parse(jsonReport(report))).toEqual(report)
  })
})
