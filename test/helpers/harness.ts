/**
 * Test harness: a fresh in-memory sandbox per test (frozen clock, fixed seed) and a client whose every
 * response is checked against openapi/openapi.json.
 */
import { createLog } from '../../src/log.js'
import { createSandbox, type Sandbox, type SandboxDeps } from '../../src/sandbox.js'
import { openMemoryStore, type Store } from '../../src/store/store.js'
import { assertContract } from './contract.js'
import { recordExchange } from './record-examples.js'

/** 2026-01-01 00:00:00 Beijing time. */
export const FROZEN_AT_MS = Date.UTC(2025, 11, 31, 16, 0, 0)

export const DEFAULT_TENANT = {
  client_key: 'awsandboxdefault',
  client_secret: 'sandbox-default-secret-0000000000',
  account_id: '7113893944009705516',
  poi_id: '123123123123',
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number
  body: T
  text: string
  headers: Headers
}

export interface Api {
  request(
    method: string,
    path: string,
    opts?: { body?: unknown; raw?: string; headers?: Record<string, string>; contract?: boolean },
  ): Promise<ApiResponse<any>>
  get(path: string, headers?: Record<string, string>): Promise<ApiResponse<any>>
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<any>>
  /** a fresh client token of the tenant (default tenant when omitted) */
  token(tenant?: { client_key: string; client_secret: string }): Promise<string>
}

/** A client over any fetch function (in-process app or a real port). */
export function apiOver(fetcher: (req: Request) => Response | Promise<Response>, base = 'http://localhost:8787'): Api {
  const api: Api = {
    async request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers }
      let body: string | undefined = opts.raw
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body)
        headers['content-type'] ??= 'application/json'
      } else if (
        method !== 'GET' &&
        method !== 'HEAD' &&
        !Object.keys(headers).some((h) => /^content-type$/i.test(h))
      ) {
        headers['content-type'] = 'application/json' // as every client does; the control plane requires it
      }
      const res = await fetcher(new Request(base + path, { method, headers, body }))
      const text = await res.text()
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        throw new Error(`${method} ${path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`)
      }
      if (opts.contract !== false) assertContract(method, path, res.status, parsed)
      if (opts.contract !== false) recordExchange(method, path, headers, body, res.status, parsed)
      return { status: res.status, body: parsed as Record<string, unknown>, text, headers: res.headers }
    },
    get: (path, headers) => api.request('GET', path, { headers }),
    post: (path, body, headers) => api.request('POST', path, { body: body ?? {}, headers }),
    async token(tenant = DEFAULT_TENANT) {
      const r = await api.post('/oauth/client_token/', {
        client_key: tenant.client_key,
        client_secret: tenant.client_secret,
        grant_type: 'client_credential',
      })
      if (r.body.data?.error_code !== 0) throw new Error(`token failed: ${r.text}`)
      return r.body.data.access_token as string
    },
  }
  return api
}

/** Builds a sandbox for one test. */
export async function makeSandbox(
  overrides: Partial<SandboxDeps> & { store?: Store } = {},
): Promise<{ sandbox: Sandbox; api: Api }> {
  const store = overrides.store ?? (await openMemoryStore())
  const sandbox = createSandbox({
    seed: 'test-seed',
    frozenAtMs: FROZEN_AT_MS,
    log: createLog('silent'),
    ...overrides,
    store,
  })
  return { sandbox, api: apiOver(sandbox.fetch) }
}
