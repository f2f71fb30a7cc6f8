/**
 * What the checker asks of the sandbox: the tenant whose secret signs the requests (a fresh one, or the one the
 * service is configured with), another tenant's secret, and how many platform API calls the tenant has made
 * (its request journal), which is how a duplicate event's effect is observed.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { RealTime } from '../core/clock.js'

export interface CheckTenant {
  client_key: string
  client_secret: string
  account_id: string
}

type Json = Record<string, unknown>

/** Why the checker could not set up its tenants (the run stops; nothing was checked). */
export class CheckSetupError extends Error {}

/** A quiet spell this long in the journal means the service is done acting on a delivery. */
const QUIET_MS = 1000
/** Longest wait for the service to settle. */
const SETTLE_MAX_MS = 8000
const POLL_MS = 100

export class SandboxLink {
  private readonly base: string
  constructor(
    sandboxUrl: string,
    private readonly headers: Record<string, string>,
    private readonly now: RealTime,
  ) {
    this.base = sandboxUrl.replace(/\/+$/, '')
  }

  /** A control-plane call; resolves with `data` (and its error_code, 0 on success). */
  private async call(method: string, path: string, body?: unknown, key?: string): Promise<Json> {
    let res: Response
    try {
      res = await fetch(this.base + path, {
        method,
        headers: {
          'content-type': 'application/json',
          ...this.headers,
          ...(key ? { 'x-sandbox-client-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (e) {
      throw new CheckSetupError(`cannot reach the sandbox at ${this.base}: ${(e as Error).message}`)
    }
    const text = await res.text()
    try {
      return ((JSON.parse(text) as { data?: Json }).data ?? {}) as Json
    } catch {
      throw new CheckSetupError(`${method} ${path}: the sandbox answered HTTP ${res.status} ${text.slice(0, 200)}`)
    }
  }

  /** A fresh tenant for this run. */
  async freshTenant(): Promise<CheckTenant> {
    const made = await this.call('POST', '/sandbox/tenants', {})
    if (typeof made.client_key !== 'string')
      throw new CheckSetupError(`creating a tenant: ${String(made.description ?? JSON.stringify(made))}`)
    return made as unknown as CheckTenant
  }

  /** The named tenant (created with `secret` when missing); its secret must be `secret` when one is given. */
  async namedTenant(key: string, secret: string | undefined): Promise<CheckTenant> {
    const list = ((await this.call('GET', '/sandbox/tenants')).tenants ?? []) as CheckTenant[]
    const found = list.find((t) => t.client_key === key)
    if (found && secret !== undefined && found.client_secret !== secret)
      throw new CheckSetupError(`tenant ${key} exists in the sandbox with another client_secret than the one given`)
    if (found) return found
    const made = await this.call('POST', '/sandbox/tenants', { client_key: key, client_secret: secret })
    if (made.error_code !== 0 || typeof made.client_key !== 'string')
      throw new CheckSetupError(`creating tenant ${key}: ${String(made.description)}`)
    return made as unknown as CheckTenant
  }

  async deleteTenant(key: string): Promise<void> {
    await this.call('DELETE', `/sandbox/tenants/${encodeURIComponent(key)}`).catch(() => undefined)
  }

  /**
   * Platform API calls (not control-plane, not token requests) the tenant has made: the newest journal seq of
   * one, and how many there are after `since`. Undefined when the journal cannot be read.
   */
  async platformCalls(key: string): Promise<number | undefined> {
    const data = await this.call('GET', '/sandbox/journal?limit=2000', undefined, key).catch(() => undefined)
    const entries = data?.entries
    if (!Array.isArray(entries)) return undefined
    return (entries as Array<{ path: string }>).filter(
      (e) => !e.path.startsWith('/sandbox') && !e.path.startsWith('/oauth'),
    ).length
  }

  /** Waits until the tenant's platform calls stop changing for a quiet spell; resolves with their count. */
  async settledCalls(key: string): Promise<number | undefined> {
    let last = await this.platformCalls(key)
    let quietSince = this.now()
    const until = this.now() + SETTLE_MAX_MS
    while (this.now() < until && this.now() - quietSince < QUIET_MS) {
      await sleep(POLL_MS)
      const now = await this.platformCalls(key)
      if (now !== last) {
        last = now
        quietSince = this.now()
      }
    }
    return last
  }
}
