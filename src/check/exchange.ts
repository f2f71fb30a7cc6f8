/** Sends one request to the merchant's service and records what came back (never throws). */
import { performance } from 'node:perf_hooks'
import type { Exchange, SentRequest } from './check.types.js'

/** Answers are kept up to this many characters. */
const RESPONSE_CHARS = 2048

/** POSTs `sent`; gives up after `timeoutMs`. */
export async function exchange(note: string, sent: SentRequest, timeoutMs: number): Promise<Exchange> {
  const start = performance.now()
  const ms = () => Math.round(performance.now() - start)
  try {
    const res = await fetch(sent.url, {
      method: sent.method,
      headers: sent.headers,
      body: sent.body,
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await res.text()
    return { note, sent, status: res.status, response: text.slice(0, RESPONSE_CHARS), ms: ms(), error: null }
  } catch (e) {
    const err = e as Error
    const error = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${err.message}${causeOf(err)}`
    return { note, sent, status: null, response: '', ms: ms(), error }
  }
}

/** fetch's "fetch failed" hides the reason (ECONNREFUSED …) in its cause. */
function causeOf(e: Error): string {
  const cause = e.cause as { code?: string; message?: string } | undefined
  return cause ? ` (${cause.code ?? cause.message ?? ''})` : ''
}

/** Whether the service accepted the request: an HTTP 2xx answer. */
export const is2xx = (x: Exchange): boolean => x.status !== null && x.status >= 200 && x.status < 300

/** The answer parsed as a JSON object, or undefined. */
export function answerJson(x: Exchange): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(x.response)
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** "HTTP 401 {…} in 12 ms" or "no answer: …". */
export function describeAnswer(x: Exchange): string {
  if (x.status === null) return `no answer: ${x.error ?? 'unknown error'}`
  const body = x.response.length > 200 ? `${x.response.slice(0, 200)}…` : x.response
  return `HTTP ${x.status}${body ? ` ${body}` : ''} in ${x.ms} ms`
}
