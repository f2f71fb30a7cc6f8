/**
 * Sends outbox events to the tenant's webhook URL: only once they are on disk, head-of-line per entity
 * (an order's, certificate's or product's events arrive in the order they happened), retried 3 times with
 * backoff on the tenant's virtual clock, every attempt logged. An event given up after its retries stays at
 * the head of its entity's line and holds the entity's later events until it is redelivered or discarded
 * through the control plane, so a later event never overtakes it. Tenants never wait for each other.
 */
import type { Log } from '../log.js'
import type { Store } from '../store/store.js'
import type { Tenant } from '../tenants/tenant.js'
import { sendWithFault, type OutboundCall, type OutboundFaults, type OutboundResult } from './outbound.js'
import { recordDelivery } from './delivery-log.js'
import { webhookSignature } from './signing.js'
import { dueHeads } from './outbox.js'
import { webhookData, webhookTargets, type DeliveryRecord, type OutboxEvent } from './webhooks.store.js'

/** The platform drops a connection after 5 s (douyin-api.md §8). */
export const DELIVERY_TIMEOUT_MS = 5000
/** Virtual seconds before retry 1, 2 and 3; after the third failed retry the event is given up. */
export const RETRY_BACKOFF_SECONDS = [60, 300, 900] as const
export const RETRY_JOB = 'webhook.retry'
const MAX_CONCURRENT = 4

export interface DispatcherDeps {
  store: Store
  outbound: OutboundCall
  log: Log
  timeoutMs?: number | undefined
  /** outbound fault rules (drop, delay, duplicate) */
  faults?: OutboundFaults
}

/**
 * The result of an attempt not made: within one clock advance (or one run of due jobs), once the receiver did
 * not answer (connection refused, timed out), the later attempts of that run to the same URL fail the same way
 * without connecting. Each is still logged and retried on its schedule. Without this, advancing a clock through
 * thousands of jobs while the receiver is down took minutes of real connection attempts.
 */
function unreachableResult(firstError: string): OutboundResult {
  return {
    ok: false,
    status: null,
    response_body: '',
    response_excerpt: '',
    latency_ms: 0,
    error: `${firstError} (not connected again: the URL did not answer earlier in this clock advance)`,
  }
}

export class Dispatcher {
  private readonly passes = new Map<string, Promise<void>>()
  private readonly again = new Set<string>()
  /** per scheduler run (Scheduler.currentRun): URL → the error of its first unanswered attempt in that run */
  private readonly unreachable = new WeakMap<object, Map<string, string>>()

  constructor(private readonly deps: DispatcherDeps) {}

  /** How long a delivery waits for the receiver (real ms): DELIVERY_TIMEOUT_MS unless the sandbox was given one. */
  get timeoutMs(): number {
    return this.deps.timeoutMs ?? DELIVERY_TIMEOUT_MS
  }

  /**
   * Starts a delivery pass for the tenant soon; cheap to call after every emit. While the tenant's scheduler is
   * running jobs it does nothing: the scheduler's pass after each instant's jobs sends what they emitted (a pass
   * per emitted event would read the whole outbox once per job).
   */
  poke(tenant: Tenant): void {
    if (tenant.scheduler.currentRun()) return
    void this.pass(tenant)
  }

  /** Delivers everything that is due and deliverable now; resolves when those attempts have finished. */
  pass(tenant: Tenant): Promise<void> {
    const running = this.passes.get(tenant.key)
    if (running) {
      this.again.add(tenant.key)
      return running
    }
    const run = (async () => {
      try {
        do {
          this.again.delete(tenant.key)
          await this.deliverDue(tenant)
        } while (this.again.has(tenant.key))
      } catch (e) {
        this.deps.log('error', `webhook pass of ${tenant.key}: ${(e as Error).stack ?? String(e)}`)
      } finally {
        this.passes.delete(tenant.key)
      }
    })()
    this.passes.set(tenant.key, run)
    return run
  }

  /**
   * Sends the due events MAX_CONCURRENT at a time. The outbox is read once per round, not once per batch: a
   * round's events are all heads of their entities, so none waits for another; what a round makes due (an
   * entity's next event, an event emitted meanwhile) is picked up by the next round.
   */
  private async deliverDue(tenant: Tenant): Promise<void> {
    await this.deps.store.sync() // never send an event for a change that is not on disk
    const inFlight = new Set<string>()
    for (;;) {
      if (!webhookTargets(this.deps.store).get(tenant.key)) return
      const round = dueHeads(tenant, tenant.clock.nowMs(), inFlight)
      if (round.length === 0) return
      for (let i = 0; i < round.length; i += MAX_CONCURRENT) {
        const target = webhookTargets(this.deps.store).get(tenant.key)
        if (!target) return
        const batch = round.slice(i, i + MAX_CONCURRENT)
        for (const e of batch) inFlight.add(e.event_id)
        await Promise.all(batch.map((e) => this.attempt(tenant, e, target.url)))
        await this.deps.store.sync()
      }
    }
  }

  private async attempt(tenant: Tenant, queued: OutboxEvent, url: string): Promise<void> {
    const data = webhookData(tenant)
    const e = data.outbox.get(queued.event_id)
    if (e?.status !== 'pending') return // discarded, redelivered or given up since the round was read
    const result = await this.send(tenant, e, url, e.attempts + 1, false)
    const current = data.outbox.get(e.event_id)
    if (!current) return // the tenant was reset, or the event discarded, meanwhile
    if (result.ok) {
      data.outbox.delete(e.event_id)
      return
    }
    const attempts = current.attempts + 1
    const backoff = RETRY_BACKOFF_SECONDS[attempts - 1]
    if (backoff === undefined) {
      const given_up_reason = `no 2xx in ${attempts} attempts (the first, then retries ${RETRY_BACKOFF_SECONDS.join(', ')} virtual seconds apart); last: ${result.error}`
      const given_up_at = tenant.clock.now()
      data.outbox.put(e.event_id, {
        ...current,
        attempts,
        status: 'failed',
        last_error: result.error,
        given_up_at,
        given_up_reason,
      })
      data.deliveries.put(result.delivery.delivery_id, { ...result.delivery, retry_at: null, given_up: true })
      return
    }
    const next = tenant.clock.nowMs() + backoff * 1000
    data.outbox.put(e.event_id, { ...current, attempts, next_attempt_at_ms: next, last_error: result.error })
    data.deliveries.put(result.delivery.delivery_id, { ...result.delivery, retry_at: Math.floor(next / 1000) })
    tenant.scheduler.schedule(RETRY_JOB, next, { event_id: e.event_id, retry: attempts })
  }

  /** One signed POST of an event, logged. Also used by redeliver. */
  async send(
    tenant: Tenant,
    e: Pick<OutboxEvent, 'event_id' | 'event' | 'msg_id' | 'entity_type' | 'entity_id' | 'body'>,
    url: string,
    attempt: number,
    redelivery: boolean,
  ): Promise<OutboundResult & { delivery: DeliveryRecord }> {
    const headers = {
      'content-type': 'application/json',
      'msg-id': e.msg_id,
      'x-douyin-signature': webhookSignature(tenant.record.client_secret, e.body),
    }
    const fault = this.deps.faults?.forOutbound(tenant, 'webhook', e.event)
    const run = redelivery ? undefined : tenant.scheduler.currentRun()
    const down = run && this.unreachable.get(run)?.get(url)
    const results = down
      ? [unreachableResult(down)]
      : await sendWithFault(this.deps.outbound, { url, headers, body: e.body, timeoutMs: this.timeoutMs }, fault)
    if (run && !down && fault === undefined && results[0]!.status === null && results[0]!.error) {
      const byUrl = this.unreachable.get(run) ?? new Map<string, string>()
      byUrl.set(url, results[0]!.error)
      this.unreachable.set(run, byUrl)
    }
    const deliveries = results.map((result) =>
      recordDelivery(tenant, {
        event_id: e.event_id,
        event: e.event,
        msg_id: e.msg_id,
        entity_type: e.entity_type,
        entity_id: e.entity_id,
        url,
        attempt,
        redelivery,
        request: { method: 'POST', headers, body: e.body },
        status: result.status,
        response_excerpt: result.response_excerpt,
        latency_ms: result.latency_ms,
        error: result.error,
        outcome: result.ok ? 'delivered' : 'failed',
        virtual_time: tenant.clock.now(),
        real_time: new Date(this.deps.outbound.now() - result.latency_ms).toISOString(),
      }),
    )
    const result = results[0]!
    const delivery = deliveries[0]!
    return { ...result, delivery }
  }

  /** Resolves when the tenant's current pass (if any) has finished. */
  async settle(tenant: Tenant): Promise<void> {
    while (this.passes.get(tenant.key)) await this.passes.get(tenant.key)
  }
}
