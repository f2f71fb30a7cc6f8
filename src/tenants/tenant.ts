/**
 * The per-tenant context every service works with: its data, clock, random source and scheduler.
 */
import { VirtualClock, type RealTime } from '../core/clock.js'
import { memoryHolder, SeededRandom, seedState } from '../core/random.js'
import { Scheduler, type JobHandler } from '../core/scheduler.js'
import { Repo } from '../store/repo.js'
import type { Store } from '../store/store.js'
import type { TenantCollections } from './collections.js'
import { metaStore, tenantNs, type TenantRecord } from './tenants.store.js'

export interface Tenant {
  readonly key: string
  readonly record: TenantRecord
  readonly repo: Repo<TenantCollections>
  readonly clock: VirtualClock
  /** persisted stream: ids, codes, tokens, faker data */
  readonly random: SeededRandom
  /** unpersisted stream for log ids, so reads never write */
  readonly logids: SeededRandom
  readonly scheduler: Scheduler<Tenant>
  /** next value of the tenant's monotonic counter `name` (1, 2, 3, …; persisted) */
  nextSeq(name: string): number
}

export interface TenantDeps {
  store: Store
  realTime: RealTime
  handlers: ReadonlyMap<string, JobHandler<Tenant>>
  onScheduleChange: () => void
  /** runs after each job at its virtual time (the webhook dispatcher) */
  afterJob?: (tenant: Tenant) => Promise<void>
}

/** Builds the context of a registered tenant. */
export function buildTenant(record: TenantRecord, deps: TenantDeps): Tenant {
  const repo = new Repo<TenantCollections>(deps.store, tenantNs(record.client_key))
  const meta = metaStore(repo)
  const clock = new VirtualClock(deps.realTime, {
    get: () => meta.get('clock') ?? { offset_ms: 0, frozen_at_ms: record.start_frozen_at_ms },
    set: (s) => meta.put('clock', { ...s }),
  })
  const random = new SeededRandom({
    get: () => meta.get('rng')?.state ?? seedState(record.seed, record.client_key),
    set: (state) => meta.put('rng', { state }),
  })
  const logids = new SeededRandom(memoryHolder(seedState(record.seed, `${record.client_key}/logid`)))
  const nextSeq = (name: string): number => {
    const c = meta.get('counters') ?? {}
    const n = (c[name] ?? 0) + 1
    meta.put('counters', { ...c, [name]: n })
    return n
  }
  const tenant: Tenant = {
    key: record.client_key,
    record,
    repo,
    clock,
    random,
    logids,
    nextSeq,
    scheduler: new Scheduler<Tenant>(
      repo.collection('jobs'),
      { next: () => nextSeq('job') },
      clock,
      deps.handlers,
      () => tenant,
      deps.onScheduleChange,
      deps.afterJob,
    ),
  }
  return tenant
}

/** The namespace contents of a tenant as created or reset: its clock at the start and a fresh random stream. */
export function initialTenantData(record: TenantRecord): Record<string, Record<string, Record<string, unknown>>> {
  return {
    meta: {
      clock: { offset_ms: 0, frozen_at_ms: record.start_frozen_at_ms },
      rng: { state: seedState(record.seed, record.client_key) },
      counters: {},
    },
  }
}
