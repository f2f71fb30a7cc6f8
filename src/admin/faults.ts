/**
 * Fault injection (like WireMock's fault types), per tenant: rules that answer a platform error code, add
 * latency, or drop the connection for matching requests; and rules that drop, delay or duplicate the
 * platform's outbound webhook and SPI calls. A rule applies to the next `times` matches and/or with a
 * `probability` drawn from a seeded stream. Rules live with the tenant (t:<key>/faults), so they never leak.
 */
import type { z } from 'zod'
import type { outboundFaultSchema, requestFaultSchema } from './faults.contract.js'
import { memoryHolder, SeededRandom, seedState } from '../core/random.js'
import type { Tenant } from '../tenants/tenant.js'
import type { OutboundFaults } from '../webhooks/outbound.js'

export type FaultRule = z.infer<typeof requestFaultSchema> | z.infer<typeof outboundFaultSchema>
/** A rule as stored: with its id. */
export type StoredFault = FaultRule & { id: string }

export interface RequestInfo {
  method: string
  path: string
  operation: string | undefined
  params: Record<string, unknown>
}

function fieldMatches(
  params: Record<string, unknown>,
  match: Record<string, string | number | boolean> | undefined,
): boolean {
  if (!match) return true
  return Object.entries(match).every(([k, want]) => {
    const got = Object.hasOwn(params, k) ? params[k] : undefined
    return Array.isArray(got)
      ? got.map(String).includes(String(want))
      : got !== undefined && String(got) === String(want)
  })
}

export class Faults implements OutboundFaults {
  private readonly streams = new Map<string, SeededRandom>()

  constructor(private readonly seed: string) {}

  private coll(t: Tenant) {
    return t.repo.collection('faults')
  }

  list(t: Tenant): StoredFault[] {
    return this.coll(t).get('rules')?.rules ?? []
  }

  /** Replaces the tenant's rules. */
  set(t: Tenant, rules: FaultRule[]): StoredFault[] {
    const stored = rules.map((r, i) => ({ ...r, id: `fault_${i + 1}` }))
    this.coll(t).put('rules', { rules: stored })
    return stored
  }

  clear(t: Tenant): number {
    const n = this.list(t).length
    this.coll(t).delete('rules')
    return n
  }

  private random(t: Tenant): SeededRandom {
    let r = this.streams.get(t.key)
    if (!r) this.streams.set(t.key, (r = new SeededRandom(memoryHolder(seedState(this.seed, `${t.key}/faults`)))))
    return r
  }

  /** The first rule that fires for `matches`, counted down (and removed when used up). */
  private fire(t: Tenant, matches: (r: StoredFault) => boolean): StoredFault | undefined {
    const rules = this.list(t)
    const i = rules.findIndex(
      (r) => matches(r) && (r.probability === undefined || this.random(t).uint32() / 0x1_0000_0000 < r.probability),
    )
    if (i < 0) return undefined
    const rule = rules[i]!
    if (rule.times !== undefined) {
      const left = rule.times - 1
      const next =
        left > 0 ? rules.map((r, j) => (j === i ? { ...r, times: left } : r)) : rules.filter((_, j) => j !== i)
      this.coll(t).put('rules', { rules: next })
    }
    return rule
  }

  /** A request fault for this request, if one fires. */
  forRequest(
    t: Tenant,
    req: RequestInfo,
  ): (z.infer<typeof requestFaultSchema> & { id: string; latency?: number }) | undefined {
    const rule = this.fire(t, (r) => {
      if (r.target !== undefined) return false
      const rr = r as z.infer<typeof requestFaultSchema>
      const opOk = rr.operation === undefined || rr.operation === req.operation
      const pathOk =
        rr.path === undefined || rr.path === req.path || `${rr.path}/` === req.path || rr.path === `${req.path}/`
      return (
        opOk &&
        pathOk &&
        (rr.method === undefined || rr.method.toUpperCase() === req.method) &&
        fieldMatches(req.params, rr.match)
      )
    }) as (z.infer<typeof requestFaultSchema> & { id: string }) | undefined
    if (!rule) return undefined
    const l = rule.latency_ms
    const latency =
      l === undefined
        ? undefined
        : typeof l === 'number'
          ? l
          : l.min + Math.floor((this.random(t).uint32() / 0x1_0000_0000) * (l.max - l.min + 1))
    return { ...rule, ...(latency === undefined ? {} : { latency }) }
  }

  /** An outbound fault for a webhook event or an SPI call, if one fires. */
  forOutbound(
    t: Tenant,
    target: 'webhook' | 'spi',
    event: string,
  ): { action: 'drop' | 'delay' | 'duplicate'; delay_ms: number } | undefined {
    const rule = this.fire(t, (r) => r.target === target && (r.event === undefined || r.event === event))
    if (!rule || rule.target === undefined) return undefined
    return { action: rule.action, delay_ms: rule.delay_ms ?? 0 }
  }
}
