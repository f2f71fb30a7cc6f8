/**
 * What the platform sent to the target during a scenario, read from the control plane: events attributed to the
 * step that caused them, and a verdict that says what the target answered when a scenario fails.
 */
import type { Json } from './json.js'

/** A control-plane GET for the scenario's tenant; returns `data`. */
export type ControlGet = (path: string) => Promise<Json>

/** How many attempts a webhook gets: the first and three retries (README "Webhooks"). */
const WEBHOOK_ATTEMPTS = 4
/** Longest wait for the first attempts of a step's events: the 5 s delivery timeout and a margin. */
const SETTLE_MS = 8000

/** `life_trade_certificate_notify(verify)`: the event with its action, as a person names it. */
export function label(d: Json): string {
  if (d.event !== 'life_trade_certificate_notify') return String(d.event)
  try {
    return `${d.event}(${JSON.parse(JSON.parse(d.request.body).content).action})`
  } catch {
    return String(d.event)
  }
}

/** Waits until every event emitted so far has had its first attempt (the events a step caused). */
export async function settleFirstAttempts(get: ControlGet, wait: (ms: number) => Promise<void>): Promise<void> {
  for (let waited = 0; waited < SETTLE_MS; waited += 25) {
    const outbox = (await get('/sandbox/webhooks/outbox')) as { events?: Json[] }
    if (!(outbox.events ?? []).some((e) => e.status === 'pending' && e.attempts === 0)) return
    await wait(25)
  }
}

/** Every attempt logged for the tenant, oldest first. */
export async function attempts(get: ControlGet): Promise<Json[]> {
  return ((await get('/sandbox/webhooks/deliveries?limit=1000')).deliveries as Json[]).slice().reverse()
}

/** One line per attempt: what was sent and what the target answered. */
export function describeAttempt(d: Json): string {
  const answer = d.status === null ? `no answer (${d.error})` : `HTTP ${d.status}`
  const body = d.response_excerpt ? `: ${String(d.response_excerpt).replace(/\s+/g, ' ').slice(0, 120)}` : ''
  return `${label(d)} attempt ${d.attempt} → ${answer} in ${d.latency_ms} ms${body} (${d.outcome})`
}

/**
 * The sentence that says what went wrong at the target, or undefined when everything was delivered:
 * "your target answered 500 to life_trade_certificate_notify(verify) (attempt 1 of 4)".
 */
export function targetVerdict(all: Json[]): string | undefined {
  const failed = all.find((d) => d.outcome !== 'delivered')
  if (!failed) return undefined
  const what = failed.status === null ? `did not answer (${failed.error})` : `answered ${failed.status}`
  const of = String(failed.event).startsWith('spi.') ? '' : ` of ${WEBHOOK_ATTEMPTS}`
  return `your target ${what} to ${label(failed)} (attempt ${failed.attempt}${of}) at ${failed.url}`
}
