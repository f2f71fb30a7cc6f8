/**
 * Fault injection (like WireMock's fault types), per tenant: rules that answer a platform error code, add
 * latency, or drop the connection for matching requests; and rules that drop, delay or duplicate the
 * platform's outbound webhook and SPI calls. A rule applies to the next `times` matches and/or with a
 * `probability` drawn from a seeded stream. Rules live with the tenant (t:<key>/faults), so they never leak.
 */
import { z } from 'zod'
import { memoryHolder, SeededRandom, seedState } from '../core/random.js'
import type { Tenant } from '../tenants/tenant.js'

const common = {
  times: z.number().int().min(1).max(1_000_000).optional().openapi({ description: 'applies to the next N matches, then disappears' }),
  probability: z.number().min(0).max(1).optional().openapi({ description: 'applies to a match with this probability (seeded)' }),
}

export const requestFaultSchema = z
  .object({
    operation: z.string().min(1).optional().openapi({ description: 'operationId, e.g. certificateVerify' }),
    path: z.string().min(1).optional().openapi({ description: 'request path, e.g. /goodlife/v1/fulfilment/certificate/verify/' }),
    method: z.string().min(1).optional(),
    match: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().openapi({ description: 'query or JSON-body fields that must equal (or, for arrays, contain) these values' }),
    error_code: z.number().int().optional().openapi({ description: 'answer this platform error code (HTTP 200), e.g. 2119002 busy, 2119003 rate limited, 2100004' }),
    description: z.string().max(500).optional(),
    latency_ms: z.union([z.number().int().min(0).max(60_000), z.object({ min: z.number().int().min(0), max: z.number().int().max(60_000) }).strict()]).optional(),
    drop_connection: z.boolean().optional().openapi({ description: 'close the connection without an answer' }),
    ...common,
  })
  .strict()
  .refine((r) => r.operation !== undefined || r.path !== undefined, { message: 'a request fault needs operation or path' })
  .refine((r) => r.error_code !== undefined || r.latency_ms !== undefined || r.drop_connection === true, { message: 'a request fault needs error_code, latency_ms or drop_connection' })

export const outboundFaultSchema = z
  .object({
    target: z.enum(['webhook', 'spi']),
    event: z.string().min(1).optional().openapi({ description: 'webhook event or SPI name (pre_create_order, issue_code, …); any when absent' }),
    action: z.enum(['drop', 'delay', 'duplicate']),
    delay_ms: z.number().int().min(0).max(60_000).optional(),
    ...common,
  })
  .strict()

export const faultSchema = z.union([requestFaultSchema, outboundFaultSchema])
export type FaultRule = z.infer<typeof requestFaultSchema> | z.infer<typeof outboundFaultSchema>
type Stored = FaultRule & { id: string }

export interface RequestInfo {
  method: string
  path: string
  operation: string | undefined
  params: Record<string, unknown>
}

function fieldMatches(params: Record<string, unknown>, match: Record<string, string | number | boolean> | undefined): boolean {
  if (!match) return true
  return Object.entries(match).every(([k, want]) => {
    const got = Object.hasOwn(params, k) ? params[k] : undefined
    return Array.isArray(got) ? got.map(String).includes(String(want)) : got !== undefined && String(got) === String(want)
  })
}

export class Faults {
  private readonly streams = new Map<string, SeededRandom>()

  constructor(private readonly seed: string) {}

  private coll(t: Tenant) {
    return t.repo.collection<{ rules: Stored[] }>('faults')
  }

  list(t: Tenant): Stored[] {
    return this.coll(t).get('rules')?.rules ?? []
  }

  /** Replaces the tenant's rules. */
  set(t: Tenant, rules: FaultRule[]): Stored[] {
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
  private fire(t: Tenant, matches: (r: Stored) => boolean): Stored | undefined {
    const rules = this.list(t)
    const i = rules.findIndex((r) => matches(r) && (r.probability === undefined || this.random(t).uint32() / 0x1_0000_0000 < r.probability))
    if (i < 0) return undefined
    const rule = rules[i]!
    if (rule.times !== undefined) {
      const left = rule.times - 1
      const next = left > 0 ? rules.map((r, j) => (j === i ? { ...r, times: left } : r)) : rules.filter((_, j) => j !== i)
      this.coll(t).put('rules', { rules: next })
    }
    return rule
  }

  /** A request fault for this request, if one fires. */
  forRequest(t: Tenant, req: RequestInfo): (z.infer<typeof requestFaultSchema> & { id: string; latency?: number }) | undefined {
    const rule = this.fire(t, (r) => {
      if ('target' in r) return false
      const rr = r as z.infer<typeof requestFaultSchema>
      const opOk = rr.operation === undefined || rr.operation === req.operation
      const pathOk = rr.path === undefined || rr.path === req.path || `${rr.path}/` === req.path || rr.path === `${req.path}/`
      return opOk && pathOk && (rr.method === undefined || rr.method.toUpperCase() === req.method) && fieldMatches(req.params, rr.match)
    }) as (z.infer<typeof requestFaultSchema> & { id: string }) | undefined
    if (!rule) return undefined
    const l = rule.latency_ms
    const latency = l === undefined ? undefined : typeof l === 'number' ? l : l.min + Math.floor((this.random(t).uint32() / 0x1_0000_0000) * (l.max - l.min + 1))
    return { ...rule, ...(latency === undefined ? {} : { latency }) }
  }

  /** An outbound fault for a webhook event or an SPI call, if one fires. */
  forOutbound(t: Tenant, target: 'webhook' | 'spi', event: string): { action: 'drop' | 'delay' | 'duplicate'; delay_ms: number } | undefined {
    const rule = this.fire(t, (r) => 'target' in r && r.target === target && (r.event === undefined || r.event === event))
    if (!rule || !('target' in rule)) return undefined
    return { action: rule.action, delay_ms: rule.delay_ms ?? 0 }
  }
}
