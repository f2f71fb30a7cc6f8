/**
 * What the checker asks of the sandbox: the tenant whose secret signs the requests (a fresh one, or the one the
 * service is configured with), another tenant's secret, and the platform API calls the tenant has made (its
 * request journal), which is how what the service does with an event, and its own callbacks, are observed.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { RealTime } from '../core/clock.js'

export interface CheckTenant {
  client_key: string
  client_secret: string
  account_id: string
}

type Json = Record<string, unknown>

/** One platform API call of the tenant's request journal, as the checks read it. */
export interface JournalCall {
  seq: number
  method: string
  path: string
  query: string
  body: string
  request_headers: Record<string, string>
  status: number
  error_code: number | null
  response_body: string
}

/** An answer's `data` (with its error_code, 0 on success). */
const dataOf = (answer: Json): Json => (answer.data ?? {}) as Json

/**
 * The explanation in a sandbox's error answer: `extra.sub_description` where the envelope carries a sub code,
 * else `description`. The one place the checker reads it, so an envelope change is adapted here.
 */
export function errorDetail(answer: Json): string {
  const extra = answer.extra as Json | undefined
  const data = (answer.data ?? answer) as Json
  const detail = extra?.sub_description ?? data.description ?? extra?.description
  return typeof detail === 'string' && detail !== '' ? detail : JSON.stringify(answer).slice(0, 200)
}

/** Why the checker could not set up its tenants (the run stops; nothing was checked). */
export class CheckSetupError extends Error {}

/** By default, a quiet spell this long in the journal means the service is done acting on a delivery. */
export const QUIET_MS = 1000
/** Longest wait for the service to settle. */
const SETTLE_MAX_MS = 8000
const POLL_MS = 100

export class SandboxLink {
  private readonly base: string
  constructor(
    sandboxUrl: string,
    private readonly headers: Record<string, string>,
    private readonly now: RealTime,
    /** how long the journal must stay unchanged before the service counts as done with a delivery */
    private readonly quietMs = QUIET_MS,
  ) {
    this.base = sandboxUrl.replace(/\/+$/, '')
  }

  /** A control-plane call; resolves with the whole answer ({data, extra}). */
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
      return JSON.parse(text) as Json
    } catch {
      throw new CheckSetupError(`${method} ${path}: the sandbox answered HTTP ${res.status} ${text.slice(0, 200)}`)
    }
  }

  /** A fresh tenant for this run. */
  async freshTenant(): Promise<CheckTenant> {
    const answer = await this.call('POST', '/sandbox/tenants', {})
    const made = dataOf(answer)
    if (typeof made.client_key !== 'string') throw new CheckSetupError(`creating a tenant: ${errorDetail(answer)}`)
    return made as unknown as CheckTenant
  }

  /** The named tenant (created with `secret` when missing); its secret must be `secret` when one is given. */
  async namedTenant(key: string, secret: string | undefined): Promise<CheckTenant> {
    const list = (dataOf(await this.call('GET', '/sandbox/tenants')).tenants ?? []) as CheckTenant[]
    const found = list.find((t) => t.client_key === key)
    if (found && secret !== undefined && found.client_secret !== secret)
      throw new CheckSetupError(`tenant ${key} exists in the sandbox with another client_secret than the one given`)
    if (found) return found
    const answer = await this.call('POST', '/sandbox/tenants', { client_key: key, client_secret: secret })
    const made = dataOf(answer)
    if (typeof made.client_key !== 'string') throw new CheckSetupError(`creating tenant ${key}: ${errorDetail(answer)}`)
    return made as unknown as CheckTenant
  }

  async deleteTenant(key: string): Promise<void> {
    await this.call('DELETE', `/sandbox/tenants/${encodeURIComponent(key)}`).catch(() => undefined)
  }

  /**
   * Platform API calls (not control-plane, not token requests) the tenant has made (to `path` when given), oldest
   * first; without a key, those of the default tenant, where calls with a refused access-token are journaled.
   * Undefined when the journal cannot be read.
   */
  async platformCalls(key: string | undefined, path = ''): Promise<JournalCall[] | undefined> {
    const query = `/sandbox/journal?limit=2000${path ? `&path=${encodeURIComponent(path)}` : ''}`
    const answer = await this.call('GET', query, undefined, key).catch(() => undefined)
    const entries = answer && dataOf(answer).entries
    if (!Array.isArray(entries)) return undefined
    return (entries as JournalCall[])
      .filter((e) => !e.path.startsWith('/sandbox') && !e.path.startsWith('/oauth'))
      .reverse()
  }

  /**
   * Waits until the tenant's platform calls stop changing for a quiet spell (`quietMs`, at most 8 s in all);
   * resolves with them.
   */
  async settledJournal(key: string): Promise<JournalCall[] | undefined> {
    let last = await this.platformCalls(key)
    let quietSince = this.now()
    const until = this.now() + Math.max(SETTLE_MAX_MS, this.quietMs)
    while (this.now() < until && this.now() - quietSince < this.quietMs) {
      await sleep(POLL_MS)
      const now = await this.platformCalls(key)
      if (now?.length !== last?.length) {
        last = now
        quietSince = this.now()
      }
    }
    return last
  }

  /** Waits up to `ms` for the first of the tenant's calls to `path` that `match` accepts. */
  async waitForCall(
    key: string,
    path: string,
    match: (c: JournalCall) => boolean,
    ms: number,
  ): Promise<JournalCall | undefined> {
    const until = this.now() + ms
    for (;;) {
      const found = (await this.platformCalls(key, path))?.find(match)
      if (found || this.now() >= until) return found
      await sleep(POLL_MS)
    }
  }
}
