/**
 * OutboundCall: one HTTP POST from the platform to the merchant (webhooks now, SPI calls later), with a
 * hard timeout that covers connecting, waiting and reading the reply. Never throws.
 */
import type { RealTime } from '../core/clock.js'
import { readLimited } from '../http/read-limited.js'
import type { Tenant } from '../tenants/tenant.js'

export interface OutboundRequest {
  url: string
  headers: Record<string, string>
  body: string
  timeoutMs: number
}

export interface OutboundResult {
  ok: boolean
  status: number | null
  /** reply body, cut at 64 KiB */
  response_body: string
  /** the first 2 KiB of the reply body */
  response_excerpt: string
  latency_ms: number
  error: string | null
}

const MAX_BODY = 64 * 1024
const EXCERPT = 2 * 1024

const readCapped = (res: Response): Promise<string> => readLimited(res.body, MAX_BODY, 'truncate')

export class OutboundCall {
  constructor(private readonly realTime: RealTime) {}

  /** Real time in ms, for the delivery log. */
  now(): number {
    return this.realTime()
  }

  async send(req: OutboundRequest): Promise<OutboundResult> {
    const started = this.realTime()
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), req.timeoutMs)
    try {
      const res = await fetch(req.url, {
        method: 'POST',
        headers: req.headers,
        body: req.body,
        signal: controller.signal,
        redirect: 'manual',
      })
      const body = await readCapped(res)
      const ok = res.status >= 200 && res.status < 300
      return {
        ok,
        status: res.status,
        response_body: body,
        response_excerpt: body.slice(0, EXCERPT),
        latency_ms: this.realTime() - started,
        error: ok ? null : `HTTP ${res.status}`,
      }
    } catch (e) {
      const timedOut = controller.signal.aborted
      const cause = (e as { cause?: { code?: string; message?: string } }).cause
      const error = timedOut
        ? `timed out after ${req.timeoutMs} ms`
        : `${cause?.code ?? 'network error'}: ${cause?.message ?? (e as Error).message}`
      return {
        ok: false,
        status: null,
        response_body: '',
        response_excerpt: '',
        latency_ms: this.realTime() - started,
        error,
      }
    } finally {
      clearTimeout(timer)
    }
  }
}

/** An outbound fault to apply to one call. */
export interface OutboundFault {
  action: 'drop' | 'delay' | 'duplicate'
  delay_ms: number
}

/** Where outbound faults come from (the control plane's fault rules): the one that fires for this call, if any. */
export interface OutboundFaults {
  forOutbound(t: Tenant, target: 'webhook' | 'spi', event: string): OutboundFault | undefined
}

/** Sends with an optional fault: dropped (not sent), delayed, or sent twice; one result per attempt to log. */
export async function sendWithFault(
  outbound: OutboundCall,
  req: OutboundRequest,
  fault: OutboundFault | undefined,
): Promise<OutboundResult[]> {
  if (fault?.action === 'drop') {
    return [
      {
        ok: false,
        status: null,
        response_body: '',
        response_excerpt: '',
        latency_ms: 0,
        error: 'dropped by fault injection',
      },
    ]
  }
  if (fault?.action === 'delay') await new Promise((r) => setTimeout(r, fault.delay_ms))
  const first = await outbound.send(req)
  return fault?.action === 'duplicate' ? [first, await outbound.send(req)] : [first]
}
