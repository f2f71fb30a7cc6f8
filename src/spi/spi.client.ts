/**
 * Calls the merchant's SPI: signed the platform's way (query client_key + timestamp, headers x-life-clientkey,
 * x-life-sign, X-Bytedance-Logid), sent through the same OutboundCall as webhooks, every attempt in the delivery log.
 */
import type { Tenant } from '../tenants/tenant.js'
import { recordDelivery } from '../webhooks/delivery-log.js'
import { sendWithFault, type OutboundCall, type OutboundFaults } from '../webhooks/outbound.js'
import { spiSignature, stableMsgId } from '../webhooks/signing.js'
import type { SpiName } from './spi.store.js'

export interface SpiAnswer {
  /** the reply parsed as {data:{error_code:number,…}}; undefined when there was none or it was invalid */
  data: Record<string, unknown> | undefined
  /** why there is no valid data */
  error: string | null
}

export class SpiClient {
  constructor(
    private readonly outbound: OutboundCall,
    private readonly faults?: OutboundFaults,
  ) {}

  /** One signed POST; never throws. `entity` groups the attempt in the delivery log. */
  async call(
    t: Tenant,
    name: SpiName,
    url: string,
    body: string,
    timeoutMs: number,
    entity: { type: string; id: string },
    attempt: number,
  ): Promise<SpiAnswer> {
    const query = { client_key: t.key, timestamp: String(t.clock.nowMs()) }
    const full = new URL(url)
    for (const [k, v] of Object.entries(query)) full.searchParams.set(k, v)
    const headers = {
      'content-type': 'application/json',
      'x-life-clientkey': t.key,
      'x-life-sign': spiSignature(t.record.client_secret, query, body),
      'x-bytedance-logid': t.logids.logid(t.clock.nowMs()),
    }
    const virtual = t.clock.now()
    const real = new Date(this.outbound.now()).toISOString()
    const results = await sendWithFault(
      this.outbound,
      { url: full.toString(), headers, body, timeoutMs },
      this.faults?.forOutbound(t, 'spi', name),
    )
    const r = results[0]!
    let data: Record<string, unknown> | undefined
    let error = r.error
    if (r.ok) {
      try {
        const parsed = JSON.parse(r.response_body) as { data?: Record<string, unknown> }
        if (parsed.data && typeof parsed.data.error_code === 'number') data = parsed.data
        else error = 'invalid reply: expected {"data":{"error_code":<number>,…}}'
      } catch {
        error = 'invalid reply: not JSON'
      }
    }
    results.forEach((x, i) =>
      recordDelivery(t, {
        event_id: '',
        event: `spi.${name}`,
        msg_id: stableMsgId([t.key, name, entity.id, String(attempt)]),
        entity_type: entity.type,
        entity_id: entity.id,
        url: full.toString(),
        attempt,
        redelivery: i > 0,
        request: { method: 'POST', headers, body },
        status: x.status,
        response_excerpt: x.response_excerpt,
        latency_ms: x.latency_ms,
        error: i === 0 ? error : x.error,
        outcome: i === 0 ? (data ? 'delivered' : 'failed') : x.ok ? 'delivered' : 'failed',
        virtual_time: virtual,
        real_time: real,
      }),
    )
    return { data, error }
  }
}
