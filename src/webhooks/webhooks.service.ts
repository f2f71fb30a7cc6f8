/**
 * The webhook domain API: `emit(tenant, event)` for every domain service, target registration with the
 * platform's challenge, the outbox (pending, held and given-up events), the delivery log, redelivery and
 * discarding.
 */
import type { Store } from '../store/store.js'
import type { Tenant } from '../tenants/tenant.js'
import { describeZodError } from '../core/zod-errors.js'
import { settingsOf } from '../tenants/settings.js'
import type { Dispatcher } from './dispatcher.js'
import { stableMsgId } from './signing.js'
import { badEventContent, badWebhookUrl, challengeFailed } from './webhooks.errors.js'
import { outboxCounts, outboxView, trimOutbox, viewNow, type OutboxEventView } from './outbox.js'
import { discardQueued, redeliverLogged, redeliverQueued } from './redelivery.js'
import { actionOf, entityIdOf, EVENT_CATALOGUE, type EventContent, type EventName } from './webhooks.events.js'
import {
  webhookData,
  webhookTargets,
  type DeliveryRecord,
  type OutboxEvent,
  type WebhookTarget,
} from './webhooks.store.js'

export interface EmitInput<E extends EventName> {
  event: E
  content: EventContent<E>
  /** the consumer's open_id for trade events; "" otherwise */
  from_user_id?: string
  to_user_id?: string
}

export interface DeliveryFilter {
  event?: string | undefined
  status?: 'delivered' | 'failed' | undefined
  entity_id?: string | undefined
  event_id?: string | undefined
  limit?: number | undefined
}

export class WebhooksService {
  constructor(
    private readonly store: Store,
    private readonly dispatcher: Dispatcher,
  ) {}

  /**
   * Queues an event in the tenant's outbox, in the same store write as the caller's state change; it is
   * sent once that write is on disk. Content is checked against the catalogue (a mismatch is a bug).
   */
  emit<E extends EventName>(tenant: Tenant, input: EmitInput<E>): OutboxEvent {
    const spec = EVENT_CATALOGUE[input.event]
    const parsed = spec.content.safeParse(input.content)
    if (!parsed.success) throw badEventContent(input.event, describeZodError(parsed.error, 'content'))
    const content = parsed.data as Record<string, unknown>
    const entityId = entityIdOf(input.event, content)
    const { outbox } = webhookData(tenant)
    const seq = tenant.nextSeq('outbox')
    const body: Record<string, unknown> = {
      event: input.event,
      client_key: tenant.key,
      from_user_id: input.from_user_id ?? '',
      ...(input.to_user_id === undefined ? {} : { to_user_id: input.to_user_id }),
      content: JSON.stringify(content),
      log_id: tenant.random.logid(tenant.clock.nowMs()),
      msg_id: stableMsgId([
        tenant.key,
        input.event,
        entityId,
        actionOf(content),
        ...(settingsOf(tenant).msg_id_per_occurrence ? [String(seq)] : []),
      ]),
    }
    const e: OutboxEvent = {
      event_id: `evt_${seq}`,
      seq,
      event: input.event,
      entity_type: spec.entity,
      entity_id: entityId,
      msg_id: String(body.msg_id),
      body: JSON.stringify(body),
      status: 'pending',
      attempts: 0,
      next_attempt_at_ms: 0,
      created_at: tenant.clock.now(),
      last_error: null,
    }
    outbox.put(e.event_id, e)
    const limit = settingsOf(tenant).outbox_limit
    if (seq % Math.ceil(limit / 10) === 0) trimOutbox(tenant, limit)
    this.dispatcher.poke(tenant)
    return e
  }

  /** Registers the webhook URL after the platform's challenge (unless skipped). */
  async register(
    tenant: Tenant,
    url: string,
    skipChallenge: boolean,
  ): Promise<{ webhook: WebhookTarget; challenge: DeliveryRecord | null }> {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw badWebhookUrl(url)
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badWebhookUrl(url)
    let challenge: DeliveryRecord | null = null
    if (!skipChallenge) challenge = await this.challenge(tenant, url)
    const target: WebhookTarget = {
      client_key: tenant.key,
      url,
      registered_at: tenant.clock.now(),
      challenge_skipped: skipChallenge,
    }
    webhookTargets(this.store).put(tenant.key, target)
    this.dispatcher.poke(tenant)
    return { webhook: target, challenge }
  }

  private async challenge(tenant: Tenant, url: string): Promise<DeliveryRecord> {
    const n = tenant.random.int(100_000, 999_999_999)
    const body = JSON.stringify({ event: 'verify_webhook', client_key: '', content: { challenge: n } })
    const sent = await this.dispatcher.send(
      tenant,
      {
        event_id: '',
        event: 'verify_webhook',
        msg_id: stableMsgId([tenant.key, 'verify_webhook', String(n)]),
        entity_type: 'webhook',
        entity_id: '',
        body,
      },
      url,
      1,
      false,
    )
    if (!sent.ok)
      throw challengeFailed(
        url,
        n,
        sent.status === null
          ? `no reply (${sent.error})`
          : `HTTP ${sent.status} ${JSON.stringify(sent.response_excerpt.slice(0, 200))}`,
      )
    let reply: unknown
    try {
      reply = JSON.parse(sent.response_body)
    } catch {
      throw challengeFailed(url, n, `a body that is not JSON: ${JSON.stringify(sent.response_excerpt.slice(0, 200))}`)
    }
    const echoed = reply && typeof reply === 'object' ? (reply as Record<string, unknown>).challenge : undefined
    if (String(echoed) !== String(n)) throw challengeFailed(url, n, JSON.stringify(sent.response_excerpt.slice(0, 200)))
    return sent.delivery
  }

  /** The registered target with the outbox counts. */
  status(tenant: Tenant) {
    return {
      webhook: webhookTargets(this.store).get(tenant.key) ?? null,
      ...outboxCounts(tenant),
      timeout_ms: this.dispatcher.timeoutMs,
    }
  }

  /** Forgets the URL; events wait in the outbox until one is registered again. */
  unregister(tenant: Tenant): boolean {
    return webhookTargets(this.store).delete(tenant.key)
  }

  /** An event as `GET /sandbox/webhooks/outbox` shows it (with its status and what holds it). */
  view(tenant: Tenant, e: OutboxEvent): OutboxEventView {
    return viewNow(tenant, e)
  }

  /** Undelivered events (pending, held behind an earlier one, or given up), oldest first. */
  outbox(tenant: Tenant): OutboxEventView[] {
    return outboxView(tenant)
  }

  /** Attempts, newest first, filtered. */
  deliveries(tenant: Tenant, f: DeliveryFilter): { deliveries: DeliveryRecord[]; total: number } {
    const all = webhookData(tenant)
      .deliveries.values()
      .filter(
        (d) =>
          (!f.event || d.event === f.event) &&
          (!f.status || d.outcome === f.status) &&
          (!f.entity_id || d.entity_id === f.entity_id) &&
          (!f.event_id || d.event_id === f.event_id),
      )
    all.sort((a, b) => b.seq - a.seq)
    const deliveries = all
      .slice(0, f.limit ?? 100)
      .map((d) => ({ ...d, retry_at: d.retry_at ?? null, given_up: !!d.given_up }))
    return { deliveries, total: all.length }
  }

  /** Sends a logged attempt's event again, now, to the current URL; if it gets through, the event counts as delivered. */
  redeliver(tenant: Tenant, deliveryId: string): Promise<DeliveryRecord> {
    return redeliverLogged(this.store, this.dispatcher, tenant, deliveryId)
  }

  /** Sends an undelivered event now, once (see redelivery.ts). */
  redeliverEvent(tenant: Tenant, eventId: string) {
    return redeliverQueued(this.store, this.dispatcher, tenant, eventId)
  }

  /** Removes an undelivered event without sending it; the entity's held events go on. */
  discardEvent(tenant: Tenant, eventId: string): OutboxEventView {
    return discardQueued(this.dispatcher, tenant, eventId)
  }
}
