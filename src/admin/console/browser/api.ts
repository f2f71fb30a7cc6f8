/** Calls to the control plane (with the control token) and the platform API (with a client token of the tenant). */
import { CONTROL_TOKEN, S, tenant } from './state.js'
import type { Answer } from './types.js'

function controlHeaders(): Record<string, string> {
  const h: Record<string, string> = { 'content-type': 'application/json' }
  if (S.key) h['x-sandbox-client-key'] = S.key
  if (CONTROL_TOKEN) h.authorization = 'Bearer ' + CONTROL_TOKEN
  return h
}

/** A control-plane call; every state change sends content-type: application/json, even with no body. */
export async function control<T extends object = Answer>(method: string, path: string, body?: unknown) {
  const init: RequestInit = { method, headers: controlHeaders() }
  if (method !== 'GET') init.body = JSON.stringify(body ?? {})
  const r = await fetch(path, init)
  return ((await r.json()) as { data: Answer & T }).data
}

async function accessToken(fresh: boolean): Promise<string> {
  const t = tenant()
  if (!t) throw new Error('no tenant')
  const cached = S.tokens[t.client_key]
  if (!fresh && cached) return cached
  const r = await fetch('/oauth/client_token/', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_key: t.client_key, client_secret: t.client_secret, grant_type: 'client_credential' }),
  })
  const d = ((await r.json()) as { data: Answer & { access_token?: string } }).data
  if (!d.access_token) throw new Error('client_token: ' + d.error_code + ' ' + d.description)
  return (S.tokens[t.client_key] = d.access_token)
}

/** A platform call with the tenant's client token (renewed once when expired or replaced). */
export async function platform<T extends object = Answer>(
  method: string,
  path: string,
  query?: Record<string, string> | null,
  body?: unknown,
) {
  const url = path + (query ? '?' + new URLSearchParams(query) : '')
  for (let i = 0; ; i++) {
    const headers: Record<string, string> = { 'access-token': await accessToken(i > 0) }
    if (method !== 'GET') headers['content-type'] = 'application/json'
    const r = await fetch(url, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) })
    const d = ((await r.json()) as { data: Answer & T }).data
    if (i === 0 && (d.error_code === 2190008 || d.error_code === 2190002)) continue
    return d
  }
}
