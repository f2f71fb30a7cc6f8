/**
 * Control-plane operations on a tenant: its clock and the registry views. No HTTP here.
 */
import { invalidParams } from '../core/errors.js'
import { parseInstant as parseCoreInstant } from '../core/instant.js'
import { drinksPackItems, productBuilders, type ProductSaveBody } from '../domains/goods/product.examples.js'
import type { JobRun } from '../core/scheduler.js'
import type { Tenant } from '../tenants/tenant.js'
import type { CreateTenantInput, Tenants } from '../tenants/tenants.service.js'
import type { TenantRecord } from '../tenants/tenants.store.js'

/** Parses an instant (core/instant.ts) into ms; a bad one is a 2100005 naming `field`. */
export function parseInstant(value: number | string, field: string): number {
  try {
    return parseCoreInstant(value)
  } catch (e) {
    throw invalidParams(`${field} ${(e as Error).message}, got ${JSON.stringify(value)}`)
  }
}

export function describeClock(t: Tenant) {
  const next = t.scheduler.nextDueMs()
  return {
    ...t.clock.describe(),
    pending_jobs: t.scheduler.pending().length,
    next_job_at: next === undefined ? null : Math.floor(next / 1000),
  }
}

export function tenantView(r: TenantRecord) {
  return {
    client_key: r.client_key,
    client_secret: r.client_secret,
    account_id: r.account_id,
    account_name: r.account_name,
    poi_ids: r.pois.map((p) => p.poi_id),
    pois: r.pois,
    is_default: r.is_default,
  }
}

export function createTenant(
  tenants: Tenants,
  body: {
    client_key?: string | undefined
    client_secret?: string | undefined
    seed?: string | undefined
    frozen_at?: number | string | undefined
  },
) {
  const input: CreateTenantInput = {
    client_key: body.client_key,
    client_secret: body.client_secret,
    seed: body.seed,
    frozen_at_ms: body.frozen_at === undefined ? undefined : parseInstant(body.frozen_at, 'frozen_at'),
  }
  return tenantView(tenants.create(input).record)
}

/** Advances the tenant's clock; jobs run at their own due times, in order. */
export async function advanceClock(
  t: Tenant,
  seconds: number,
): Promise<{ clock: ReturnType<typeof describeClock>; ran: JobRun[] }> {
  const ran = await t.scheduler.advance(seconds * 1000)
  return { clock: describeClock(t), ran }
}

/** Freezes the clock, at `at` if given: a later instant first runs the jobs up to it; an earlier one is refused. */
export async function freezeClock(
  t: Tenant,
  at: number | string | undefined,
): Promise<{ clock: ReturnType<typeof describeClock>; ran: JobRun[] }> {
  let ran: JobRun[] = []
  if (at !== undefined) {
    const atMs = parseInstant(at, 'at')
    const nowMs = t.clock.nowMs()
    if (atMs < nowMs - 999) {
      throw invalidParams(
        `at (${new Date(atMs).toISOString()}) is before the tenant's virtual now (${new Date(nowMs).toISOString()}); time never goes back — POST /sandbox/reset or create a tenant with frozen_at`,
      )
    }
    t.clock.freeze()
    if (atMs > nowMs) ran = await t.scheduler.advance(atMs - nowMs)
  } else {
    t.clock.freeze()
  }
  return { clock: describeClock(t), ran }
}

export function unfreezeClock(t: Tenant): { clock: ReturnType<typeof describeClock> } {
  t.clock.unfreeze()
  return { clock: describeClock(t) }
}

/** A product/save body of `kind` valid at the tenant's virtual now, with a fresh out_id (the seq of the tenant). */
export function exampleSaveBody(t: Tenant, kind: string, refundMode: 1 | 2): ProductSaveBody {
  const r = t.record
  const now = t.clock.now()
  const b = productBuilders({
    account_id: r.account_id,
    poi_ids: r.pois.map((p) => p.poi_id),
    account_name: r.account_name,
    now,
  })
  const out_id = `example-${kind}-${t.nextSeq('example')}`
  if (kind === 'voucher') return b.voucher({ out_id })
  if (kind === 'time_card') return b.timeCard({ out_id })
  if (kind === 'third_party_code') return b.thirdPartyCode({ out_id })
  if (kind === 'combo_pack') return b.comboPack({ out_id, items: drinksPackItems(), refund_mode: refundMode })
  return b.groupon({ out_id })
}
