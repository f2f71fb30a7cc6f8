/** Runs scenarios: sets up the sandbox, a fresh tenant per scenario, the webhook and SPI targets. */
import { startReceiver, type Receiver } from '../src/testing/receiver.js'
import { startSandbox } from '../src/testing/start.js'
import { SCENARIO_START } from './lib/products.js'
import { ScenarioContext, ScenarioFailure, type Scenario, type Tenant } from './lib/scenario.js'

export interface RunOptions {
  sandboxUrl?: string | undefined
  target?: string | undefined
  spiBase?: string | undefined
  skipChallenge?: boolean
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
}

async function control(base: string, method: string, path: string, body: unknown, key?: string, extra = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...extra, ...(key ? { 'x-sandbox-client-key': key } : {}) },
    body: JSON.stringify(body),
  })
  return ((await res.json()) as { data: Record<string, unknown> & { error_code: number; description: string } }).data
}

export async function runScenarios(scenarios: readonly Scenario[], opts: RunOptions): Promise<RunReport> {
  const log = opts.log ?? (() => undefined)
  const own = opts.sandboxUrl ? undefined : await startSandbox()
  const base = opts.sandboxUrl ?? own!.url
  const extra = opts.headers ?? {}
  const merchant = opts.merchant ?? (opts.target ? undefined : await startReceiver())
  const report: RunReport = { passed: 0, failed: 0, skipped: 0, failures: [] }
  try {
    for (const s of scenarios) {
      if (s.needsReferenceMerchant && opts.target) {
        log(`○ ${s.name}: skipped (it scripts the reference merchant's SPI answers; run it without --target)`)
        report.skipped++
        continue
      }
      log(`● ${s.name} — ${s.description}`)
      const tenant = (await control(
        base,
        'POST',
        '/sandbox/tenants',
        {
          frozen_at: SCENARIO_START,
        },
        undefined,
        extra,
      )) as unknown as Tenant
      opts.onTenant?.(s.name, tenant)
      merchant?.trust(tenant.client_key, tenant.client_secret)
      await control(base, 'PUT', '/sandbox/settings', { merch_permission: true }, tenant.client_key, extra)
      const hook = opts.target ?? merchant!.url
      const skip = opts.skipChallenge ? '?skip_challenge=true' : ''
      const reg = await control(base, 'PUT', `/sandbox/webhooks${skip}`, { url: hook }, tenant.client_key, extra)
      const spiBase = opts.spiBase ?? merchant?.spiBase
      if (spiBase)
        await control(
          base,
          'PUT',
          '/sandbox/spi',
          Object.fromEntries(
            ['pre_create_order', 'issue_code', 'refund_apply', 'refund_notice'].map((n) => [n, `${spiBase}/${n}`]),
          ),
          tenant.client_key,
          extra,
        )
      const ctx = new ScenarioContext({
        baseUrl: base,
        tenant,
        log,
        headers: extra,
        ...(merchant && !opts.target ? { merchant } : {}),
      })
      try {
        if (reg.error_code !== 0)
          throw new ScenarioFailure(`registering the webhook target ${hook}: ${reg.description}`)
        await s.run(ctx)
        report.passed++
        log(`  ✓ ${s.name}`)
      } catch (e) {
        report.failed++
        const message = e instanceof Error ? e.message : String(e)
        report.failures.push({ name: s.name, message })
        log(`  ✗ ${s.name}: ${message}`)
        if (!(e instanceof ScenarioFailure)) log((e as Error).stack ?? '')
        break
      }
    }
  } finally {
    if (!opts.merchant) await merchant?.close()
    await own?.close()
  }
  return report
}
