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
  return withDetail<T>((await r.json()) as Envelope<T>)
}

interface Envelope<T> {
  data: Answer & T
  extra?: { sub_description?: string; sub_error_code?: number }
}

/** An answer's data; an error keeps its detail (extra.sub_description) and sub_error_code beside it for display. */
function withDetail<T>(json: Envelope<T>): Answer & T {
  const d = json.data
  if (!d || d.error_code === 0 || !json.extra) return d
  return { ...d, detail: json.extra.sub_description, sub_error_code: json.extra.sub_error_code }
}

/** How an error reads in the console: the code, its text, the detail and the specific code. */
export function errorLine(d: Answer | undefined): string {
  const detail = d?.detail ? `：${d.detail}` : ''
  const sub = d?.sub_error_code ? `（${d.sub_error_code}）` : ''
  return `${d?.error_code ?? ''} ${d?.description ?? ''}${detail}${sub}`
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
    const d = withDetail<T>((await r.json()) as Envelope<T>)
    if (i === 0 && (d.error_code === 2190008 || d.error_code === 2190002)) continue
    return d
  }
}
