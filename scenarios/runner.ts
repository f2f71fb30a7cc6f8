/**
 * Runs scenarios: sets up the sandbox, the tenant of each scenario (a fresh one, or the one named by
 * `clientKey`), the webhook and SPI targets; prints a verdict that says what the target answered.
 */
import { performance } from 'node:perf_hooks'
import { startReceiver, type Receiver } from '../src/testing/receiver.js'
import { startSandbox } from '../src/testing/start.js'
import { attempts, describeAttempt, targetVerdict } from './lib/deliveries.js'
import { SCENARIO_START } from './lib/products.js'
import { ScenarioContext, ScenarioFailure, type Json, type Scenario, type Tenant } from './lib/scenario.js'

export interface RunOptions {
  sandboxUrl?: string | undefined
  /** the webhook URL of the service under test (default: the built-in reference merchant) */
  target?: string | undefined
  /** the SPI base URL of the service under test (default: the reference merchant's) */
  spiBase?: string | undefined
  skipChallenge?: boolean
  /** run every scenario in this tenant (created with `clientSecret` when missing) instead of fresh ones */
  clientKey?: string | undefined
  clientSecret?: string | undefined
  /** delete the fresh tenants the run created once it is done */
  cleanup?: boolean
  log?: (line: string) => void
  /** reuse a running reference merchant (tests) */
  merchant?: Receiver
  /** sent with every request to the sandbox (e.g. Authorization for a sandbox with a control token) */
  headers?: Record<string, string>
  /** told each scenario's fresh tenant before its steps run */
  onTenant?: (scenario: string, tenant: Tenant) => void
}

export interface RunReport {
  passed: number
  failed: number
  skipped: number
  failures: Array<{ name: string; message: string }>
  /** the tenant each scenario ran in */
  tenants: Array<{ scenario: string; client_key: string }>
  /** each scenario that ran or was skipped, in order (a run stops at the first failure) */
  results: ScenarioResult[]
}

export interface ScenarioResult {
  name: string
  description: string
  status: 'passed' | 'failed' | 'skipped'
  /** why it failed or was skipped; '' when it passed */
  message: string
  duration_ms: number
}

const SPI_NAMES = ['pre_create_order', 'issue_code', 'refund_apply', 'refund_notice']

/** A control-plane call; `extra` headers go with it (e.g. the control token). */
async function control(
  base: string,
  method: string,
  path: string,
  body: unknown,
  key?: string,
  extra: Record<string, string> = {},
): Promise<Json> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...extra, ...(key ? { 'x-sandbox-client-key': key } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return ((await res.json()) as { data: Json }).data
}

/** A control-plane call to the run's sandbox, for `key`'s tenant (the default one when omitted). */
type Call = (method: string, path: string, body?: unknown, key?: string) => Promise<Json>

/** The named tenant (created when missing), checked against the secret the target was configured with. */
async function namedTenant(call: Call, key: string, secret: string | undefined): Promise<Tenant> {
  const found = ((await call('GET', '/sandbox/tenants')).tenants as Tenant[]).find((t) => t.client_key === key)
  if (found && secret !== undefined && found.client_secret !== secret)
    throw new ScenarioFailure(`tenant ${key} exists with another client_secret than the one given`)
  if (found) return found
  const made = await call('POST', '/sandbox/tenants', { client_key: key, client_secret: secret })
  if (made.error_code !== 0) throw new ScenarioFailure(`creating tenant ${key}: ${made.description}`)
  return made as Tenant
}

/** Why a scenario cannot run with these targets, or undefined. */
function skipReason(s: Scenario, opts: RunOptions): string | undefined {
  if (s.needsReferenceMerchant && opts.spiBase)
    return "it scripts the reference merchant's SPI answers, and --spi sends SPI calls elsewhere; run it without --spi"
  return undefined
}

export async function runScenarios(scenarios: readonly Scenario[], opts: RunOptions): Promise<RunReport> {
  const log = opts.log ?? (() => undefined)
  const own = opts.sandboxUrl ? undefined : await startSandbox()
  const base = opts.sandboxUrl ?? own!.url
  const call: Call = (method, path, body, key) => control(base, method, path, body, key, opts.headers)
  // the reference merchant answers whatever the service under test does not: webhooks, SPI calls or both
  const needMerchant = !(opts.target && opts.spiBase)
  const merchant = opts.merchant ?? (needMerchant ? await startReceiver() : undefined)
  const report: RunReport = { passed: 0, failed: 0, skipped: 0, failures: [], tenants: [], results: [] }
  const created: string[] = []
  try {
    for (const s of scenarios) {
      const skip = skipReason(s, opts)
      if (skip) {
        log(`○ ${s.name}: skipped (${skip})`)
        report.skipped++
        report.results.push({
          name: s.name,
          description: s.description,
          status: 'skipped',
          message: skip,
          duration_ms: 0,
        })
        continue
      }
      const t0 = performance.now()
      log(`● ${s.name} — ${s.description}`)
      let ok: true | string
      try {
        const tenant = opts.clientKey
          ? await namedTenant(call, opts.clientKey, opts.clientSecret)
          : ((await call('POST', '/sandbox/tenants', { frozen_at: SCENARIO_START })) as Tenant)
        if (!opts.clientKey) created.push(tenant.client_key)
        report.tenants.push({ scenario: s.name, client_key: tenant.client_key })
        opts.onTenant?.(s.name, tenant)
        log(`  tenant ${tenant.client_key}  client_secret ${tenant.client_secret}  account_id ${tenant.account_id}`)
        ok = await runOne(s, tenant, { base, call }, merchant, opts, log)
      } catch (e) {
        ok = e instanceof Error ? e.message : String(e)
        log(`  ✗ ${s.name}: ${ok}`)
      }
      const result = { name: s.name, description: s.description, duration_ms: Math.round(performance.now() - t0) }
      report.results.push(
        ok === true ? { ...result, status: 'passed', message: '' } : { ...result, status: 'failed', message: ok },
      )
      if (ok === true) report.passed++
      else {
        report.failed++
        report.failures.push({ name: s.name, message: ok })
        break
      }
    }
  } finally {
    if (opts.cleanup) for (const key of created) await call('DELETE', `/sandbox/tenants/${key}`)
    if (!opts.merchant) await merchant?.close()
    await own?.close()
  }
  return report
}

/** Sets up one tenant's targets and runs the scenario; true, or the failure message. */
async function runOne(
  s: Scenario,
  tenant: Tenant,
  { base, call }: { base: string; call: Call },
  merchant: Receiver | undefined,
  opts: RunOptions,
  log: (line: string) => void,
): Promise<true | string> {
  const key = tenant.client_key
  merchant?.trust(key, tenant.client_secret)
  await call('PUT', '/sandbox/settings', { merch_permission: true }, key)
  const hook = opts.target ?? merchant!.url
  const reg = await call(
    'PUT',
    `/sandbox/webhooks${opts.skipChallenge ? '?skip_challenge=true' : ''}`,
    { url: hook },
    key,
  )
  const spiBase = opts.spiBase ?? merchant!.spiBase
  await call('PUT', '/sandbox/spi', Object.fromEntries(SPI_NAMES.map((n) => [n, `${spiBase}/${n}`])), key)
  const startedAt = (await call('GET', '/sandbox/clock', undefined, key)).clock.now as number
  const get = (path: string) => call('GET', path, undefined, key)
  const before = Math.max(0, ...(await attempts(get)).map((d) => d.seq as number)) // a named tenant's older attempts
  const scripted = merchant && !opts.spiBase ? { merchant } : {}
  const ctx = new ScenarioContext({
    baseUrl: base,
    tenant,
    startedAt,
    sinceSeq: before,
    log,
    headers: opts.headers ?? {},
    ...scripted,
  })
  try {
    if (reg.error_code !== 0) throw new ScenarioFailure(`registering the webhook target ${hook}: ${reg.description}`)
    await s.run(ctx)
    // every step held, but a run against a service also needs it to have acknowledged every webhook (SPI answers
    // are the scenario's to judge: some script a failing one)
    const webhooks = (await attempts(get)).filter((d) => d.seq > before && !String(d.event).startsWith('spi.'))
    if (targetVerdict(webhooks))
      throw new ScenarioFailure('every step held, but the target did not acknowledge every webhook')
    log(`  ✓ ${s.name}`)
    return true
  } catch (e) {
    let message = e instanceof Error ? e.message : String(e)
    const sent = (await attempts(get).catch(() => [])).filter((d) => d.seq > before)
    const verdict = targetVerdict(sent)
    if (verdict) message = `${verdict}; ${message}`
    log(`  ✗ ${s.name}: ${message}`)
    if (sent.length > 0)
      log(`    what the target answered:\n${sent.map((d) => `      ${describeAttempt(d)}`).join('\n')}`)
    if (!(e instanceof ScenarioFailure)) log((e as Error).stack ?? '')
    return message
  }
}
