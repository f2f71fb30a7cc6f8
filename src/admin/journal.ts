/**
 * The request journal (like WireMock's): every platform and control-plane request of a tenant, newest last,
 * in a bounded in-memory ring (diagnostics, not state: a restart empties it).
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, Next } from 'hono'
import type { Env, TenantEnv } from '../http/env.js'
import { logidOf, ok } from '../http/envelope.js'
import { deleteRoute, getRoute, JOURNAL_SIZE } from './journal.contract.js'
import type { Tenants } from '../tenants/tenants.service.js'
import { TextRing } from './text-ring.js'

/** Bytes of request and answer text kept per tenant (older entries drop off first when reached). */
export const JOURNAL_BYTES = 16 * 1024 * 1024
/** Request bodies are kept up to this many characters. */
export const JOURNAL_BODY_CHARS = 2048
/** Requests that would only record the observer (the journal itself, the dashboard, the docs). */
const UNJOURNALED = /^\/(sandbox\/journal|sandbox\/ui|openapi\.json|docs|favicon\.ico)/

export interface JournalEntry {
  seq: number
  method: string
  path: string
  query: string
  body: string
  /** request headers (Authorization and access-token shortened) */
  request_headers: Record<string, string>
  status: number
  /** the answer's body, up to JOURNAL_BODY_CHARS */
  response_body: string
  error_code: number | null
  latency_ms: number
  virtual_time: number
  logid: string
}

/** Secrets in a journal entry: kept recognisable, not usable. */
const SHORTENED = new Set(['authorization', 'access-token'])

function requestHeaders(h: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  h.forEach((v, k) => {
    out[k] = SHORTENED.has(k) && v.length > 12 ? `${v.slice(0, 10)}…` : v
  })
  return out
}

/** Whether a content type is JSON. */
const isJson = (type: unknown): boolean => typeof type === 'string' && type.includes('json')

/**
 * The text of a JSON answer, '' for any other. @hono/node-server's light Response keeps `[status, body, headers]`
 * under a symbol until it is written: a string body and its plain headers are read there without touching
 * `res.headers` (which would make a Headers object the writer then has to walk) or copying anything. Any other
 * Response (in process, or a stream) is read from a clone. Cloning every answer was a stream tee through undici,
 * ≈ 10 % of the till flow's CPU.
 */
async function answerText(res: Response): Promise<string> {
  for (const key of Object.getOwnPropertySymbols(res)) {
    const cached = (res as unknown as Record<symbol, unknown>)[key]
    if (!Array.isArray(cached) || typeof cached[0] !== 'number' || typeof cached[1] !== 'string') continue
    const headers = cached[2] as Headers | Record<string, string> | undefined
    const type =
      headers instanceof Headers
        ? headers.get('content-type')
        : Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1]
    return isJson(type) ? cached[1] : ''
  }
  return isJson(res.headers.get('content-type')) ? res.clone().text() : ''
}

/** The first JOURNAL_BODY_CHARS of a text. */
const head = (text: string): string => text.slice(0, JOURNAL_BODY_CHARS)

/** What the ring keeps as objects (what `list` filters on); the rest of an entry is kept as text. */
type Meta = Pick<JournalEntry, 'seq' | 'method' | 'path' | 'status' | 'error_code' | 'virtual_time'>
type Detail = Omit<JournalEntry, keyof Meta>

/**
 * An entry's detail as one text: a first line with the lengths of the four texts, the latency and the logid, then
 * the texts back to back (no escaping: the bodies are copied as they are, once).
 */
function encodeDetail(e: Detail): string {
  const headers = JSON.stringify(e.request_headers)
  const { query, body, response_body: answer } = e
  return `${query.length},${body.length},${headers.length},${answer.length},${e.latency_ms},${e.logid}\n${query}${body}${headers}${answer}`
}

function decodeDetail(text: string): Detail {
  const nl = text.indexOf('\n')
  const [q, b, h, a, latency, ...logid] = text.slice(0, nl).split(',') as [string, string, string, string, string]
  let at = nl + 1
  const next = (n: string) => text.slice(at, (at += Number(n)))
  return {
    query: next(q),
    body: next(b),
    request_headers: JSON.parse(next(h)) as Record<string, string>,
    response_body: next(a),
    latency_ms: Number(latency),
    logid: logid.join(','),
  }
}

export class Journal {
  private readonly rings = new Map<string, TextRing<Meta>>()
  private seq = 0

  add(key: string, e: Omit<JournalEntry, 'seq'>): void {
    let ring = this.rings.get(key)
    if (!ring) this.rings.set(key, (ring = new TextRing<Meta>(JOURNAL_SIZE, JOURNAL_BYTES)))
    const meta: Meta = {
      seq: ++this.seq,
      method: e.method,
      path: e.path,
      status: e.status,
      error_code: e.error_code,
      virtual_time: e.virtual_time,
    }
    ring.push(meta, encodeDetail(e))
  }

  list(
    key: string,
    f: {
      path?: string | undefined
      error_code?: number | undefined
      since?: number | undefined
      method?: string | undefined
      limit: number
    },
  ): { entries: JournalEntry[]; count: number } {
    const method = f.method?.toUpperCase()
    const kept = (this.rings.get(key)?.entries() ?? []).filter(
      ({ meta: e }) =>
        (!f.path || e.path.includes(f.path)) &&
        (f.error_code === undefined || e.error_code === f.error_code) &&
        (f.since === undefined || e.virtual_time >= f.since) &&
        (!method || e.method === method),
    )
    const entries = kept
      .slice(-f.limit)
      .reverse()
      .map(({ meta, text }) => ({ ...meta, ...decodeDetail(text()) }))
    return { entries, count: kept.length }
  }

  clear(key: string): number {
    const n = this.rings.get(key)?.size ?? 0
    this.rings.delete(key)
    return n
  }

  /** Middleware: records the request once it was answered (with the start of its JSON answer). */
  middleware(tenants: Tenants, realTime: () => number) {
    return async (c: Context<Env>, next: Next) => {
      const started = realTime()
      await next()
      if (UNJOURNALED.test(c.req.path)) return
      const t = c.get('tenant') ?? tenants.default()
      const errorCode = c.get('errorCode') ?? null
      const text = c.req.method === 'GET' ? '' : await c.req.text().catch(() => '')
      const q = c.req.url.indexOf('?')
      this.add(t.key, {
        method: c.req.method,
        path: c.req.path,
        query: q < 0 ? '' : c.req.url.slice(q + 1),
        body: text.slice(0, JOURNAL_BODY_CHARS),
        request_headers: requestHeaders(c.req.raw.headers),
        status: c.res.status,
        response_body: head(await answerText(c.res)),
        error_code: errorCode,
        latency_ms: realTime() - started,
        virtual_time: t.clock.now(),
        logid: logidOf(c),
      })
    }
  }
}

export function registerJournalRoutes(app: OpenAPIHono<TenantEnv>, journal: Journal): void {
  app.openapi(getRoute, (c) => {
    return c.json(ok(c, journal.list(c.get('tenant').key, c.req.valid('query'))), 200)
  })
  app.openapi(deleteRoute, (c) => c.json(ok(c, { cleared: journal.clear(c.get('tenant').key) }), 200))
}
