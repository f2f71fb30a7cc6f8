/**
 * Runs the conformance checks against a merchant's webhook URL (and SPI base): sets up the tenant whose secret
 * signs the requests (a fresh one, or the one the service is configured with) and another tenant, whose secret
 * forged requests carry, in a running sandbox; runs every check in order; returns the report.
 */
import { performance } from 'node:perf_hooks'
import { systemTime, type RealTime } from '../core/clock.js'
import { DELIVERY_TIMEOUT_MS } from '../webhooks/dispatcher.js'
import type { CheckContext } from './check-context.js'
import type { CheckReport, CheckResult } from './check.types.js'
import { retryChecks } from './retry-checks.js'
import { SandboxLink } from './sandbox-link.js'
import { spiChecks } from './spi-checks.js'
import { webhookChecks } from './webhook-checks.js'

export interface CheckOptions {
  /** a running sandbox: its tenants sign the requests, and its journal shows what the service does */
  sandboxUrl: string
  /** the service's webhook URL */
  target: string
  /** the service's SPI base: `${spiBase}/pre_create_order`, `/issue_code`, `/refund_apply`, `/refund_notice` */
  spiBase?: string | undefined
  /** the tenant the service is configured as (created when missing); a fresh one when omitted */
  clientKey?: string | undefined
  /** its client_secret (looked up when omitted) */
  clientSecret?: string | undefined
  /** sent with every request to the sandbox (e.g. Authorization for a sandbox with a control token) */
  headers?: Record<string, string>
  /** the real time (ids, timestamps in the bodies, waits for the service to settle); default the system's */
  now?: RealTime
  /**
   * the webhook delivery timeout the checker plays the platform with: a slower answer is given up on and retried
   * (default the platform's 5 s; a test suite may shorten it so a slow service's retry is seen quickly)
   */
  ackTimeoutMs?: number
  /** how long to wait for the service's callbacks after an SPI it answered "pending" (default 10 s) */
  callbackWaitMs?: number
  /**
   * how long the sandbox's journal must stay unchanged after a delivery before the service counts as done acting
   * on it (default 1 s; a service that finishes its work before it answers can be checked with less, one that
   * works on after answering needs more than its longest pause)
   */
  quietMs?: number
}

/** How long the checker waits, by default, for the service's callbacks (the platform allows minutes). */
export const CALLBACK_WAIT_MS = 10_000

/** The checks in the order they run; each reports passed, failed or not applicable. */
export async function runChecks(opts: CheckOptions): Promise<CheckReport> {
  const t0 = performance.now()
  const now = opts.now ?? systemTime
  const startedAt = new Date(now()).toISOString()
  const link = new SandboxLink(opts.sandboxUrl, opts.headers ?? {}, now, opts.quietMs)
  const tenant = opts.clientKey ? await link.namedTenant(opts.clientKey, opts.clientSecret) : await link.freshTenant()
  const other = await link.freshTenant()
  // ids unique across runs: a service that remembers Msg-Ids between runs still sees new events
  const stamp = String(now())
  let n = 0
  const ctx: CheckContext = {
    target: opts.target,
    spiBase: opts.spiBase,
    tenant,
    otherSecret: other.client_secret,
    newId: () => `${stamp}${String(++n).padStart(6, '0')}`,
    nowSeconds: () => Math.floor(now() / 1000),
    ackTimeoutMs: opts.ackTimeoutMs ?? DELIVERY_TIMEOUT_MS,
    callbackWaitMs: opts.callbackWaitMs ?? CALLBACK_WAIT_MS,
    settledCalls: async () => (await link.settledJournal(tenant.client_key))?.length,
    settledJournal: () => link.settledJournal(tenant.client_key),
    unauthenticatedCalls: async (path) => (await link.platformCalls(undefined, path)) ?? [],
    waitForCall: (path, match, ms) => link.waitForCall(tenant.client_key, path, match, ms),
  }
  const results: CheckResult[] = []
  try {
    for (const group of [webhookChecks, retryChecks, spiChecks]) results.push(...(await group(ctx)))
  } finally {
    await link.deleteTenant(other.client_key)
  }
  const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length
  return {
    target: opts.target,
    spi: opts.spiBase ?? null,
    client_key: tenant.client_key,
    started_at: startedAt,
    duration_ms: Math.round(performance.now() - t0),
    passed: count('passed'),
    failed: count('failed'),
    not_applicable: count('not_applicable'),
    results,
  }
}
