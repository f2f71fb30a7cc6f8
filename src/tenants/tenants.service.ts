/**
 * The tenant registry: the default tenant from fixtures, isolated tenants created on demand, reset.
 */
import { SeededRandom, seedState } from '../core/random.js'
import type { Fixtures } from '../fixtures.js'
import { Repo } from '../store/repo.js'
import type { NamespaceData } from '../store/state.js'
import { buildTenant, initialTenantData, type Tenant, type TenantDeps } from './tenant.js'
import { clientKeyTaken, defaultTenantKept, unknownTenant } from './tenants.errors.js'
import { metaStore, tenantNs, type TenantRecord } from './tenants.store.js'
import { sysRepo, type SysCollections } from './collections.js'

/** Fills a fresh or reset tenant with a domain's fixture data (registered by domains). */
export type TenantSeeder = (tenant: Tenant) => void
/** Removes what a part of the sandbox keeps of a deleted tenant outside its namespace (its webhook URL, …). */
export type TenantForgetter = (clientKey: string) => void

export interface TenantsOptions extends TenantDeps {
  seed: string
  frozenAtMs: number | undefined
  fixtures: Fixtures
  seeders: readonly TenantSeeder[]
  /** run when a tenant is deleted, after its record and before its namespace goes */
  forgetters?: readonly TenantForgetter[]
}

export interface CreateTenantInput {
  client_key?: string | undefined
  client_secret?: string | undefined
  seed?: string | undefined
  frozen_at_ms?: number | undefined
}

export class Tenants {
  private readonly contexts = new Map<string, Tenant>()
  private readonly sys: Repo<SysCollections>
  private readonly random: SeededRandom

  constructor(private readonly opts: TenantsOptions) {
    this.sys = sysRepo(opts.store)
    const meta = metaStore(this.sys)
    this.random = new SeededRandom({
      get: () => meta.get('rng')?.state ?? seedState(opts.seed, 'sys'),
      set: (state) => meta.put('rng', { state }),
    })
  }

  private get records() {
    return this.sys.collection('tenants')
  }

  /** Registers the fixture tenant on first start; keeps its seed and start time in step with the config. */
  ensureDefault(): Tenant {
    const f = this.opts.fixtures.defaultTenant
    const existing = this.records.get(f.client_key)
    const start = this.opts.frozenAtMs ?? null
    if (existing) {
      if (existing.seed !== this.opts.seed || existing.start_frozen_at_ms !== start) {
        this.records.put(f.client_key, { ...existing, seed: this.opts.seed, start_frozen_at_ms: start })
        this.contexts.delete(f.client_key)
      }
      return this.require(f.client_key)
    }
    return this.register({ ...f, is_default: true, seed: this.opts.seed, start_frozen_at_ms: start, create_time: 0 })
  }

  /** Creates an isolated tenant with its own credentials, account, POIs, data and clock. */
  create(input: CreateTenantInput): Tenant {
    const key = input.client_key ?? `aw${this.random.chars(14, 'abcdefghijklmnopqrstuvwxyz0123456789')}`
    if (this.records.get(key)) throw clientKeyTaken(key)
    const start = input.frozen_at_ms ?? this.opts.frozenAtMs ?? null
    const names = this.random.withFaker((f) => ({
      account: `${f.company.name()}`,
      pois: [f.location.street(), f.location.street()],
    }))
    const accountName = names.account
    // drawn even when a secret is given, so the ids drawn after it do not depend on that choice
    const drawnSecret = this.random.chars(32, '0123456789abcdef')
    return this.register({
      client_key: key,
      client_secret: input.client_secret ?? drawnSecret,
      account_id: this.random.id(),
      account_name: accountName,
      pois: names.pois.map((street) => ({ poi_id: this.random.id(), poi_name: `${accountName}(${street}店)` })),
      is_default: false,
      seed: input.seed ?? this.opts.seed,
      start_frozen_at_ms: start,
      create_time: Math.floor((start ?? this.opts.realTime()) / 1000),
    })
  }

  private register(record: TenantRecord): Tenant {
    this.records.put(record.client_key, record)
    this.opts.store.replaceNamespace(tenantNs(record.client_key), initialTenantData(record))
    const tenant = this.require(record.client_key)
    for (const seed of this.opts.seeders) seed(tenant)
    return tenant
  }

  /** A registered tenant's context, or undefined. */
  get(key: string): Tenant | undefined {
    let t = this.contexts.get(key)
    if (!t) {
      const record = this.records.get(key)
      if (!record) return undefined
      t = buildTenant(record, this.opts)
      this.contexts.set(key, t)
    }
    return t
  }

  /** Like get, but a missing tenant is an error naming the key. */
  require(key: string): Tenant {
    const t = this.get(key)
    if (!t) throw unknownTenant(key)
    return t
  }

  /** The fixture tenant. */
  default(): Tenant {
    return this.require(this.opts.fixtures.defaultTenant.client_key)
  }

  list(): TenantRecord[] {
    return this.records.values()
  }

  /** Every tenant context (for the real-time ticker and index rebuilds). */
  all(): Tenant[] {
    return this.list().map((r) => this.require(r.client_key))
  }

  /** Forgets a tenant: its record, data, clock and jobs (the default tenant stays). */
  delete(key: string): void {
    const record = this.records.get(key)
    if (!record) throw unknownTenant(key)
    if (record.is_default) throw defaultTenantKept(key)
    this.records.delete(key)
    // what the other parts kept of it in sys beside its record
    for (const forget of this.opts.forgetters ?? []) forget(key)
    this.opts.store.replaceNamespace(tenantNs(key), null)
    this.contexts.delete(key)
  }

  /** Puts a tenant back to its fixtures, clock included; credentials and tokens (kept in `sys`) survive. */
  reset(key: string): Tenant {
    const record = this.records.get(key)
    if (!record) throw unknownTenant(key)
    this.opts.store.replaceNamespace(tenantNs(key), initialTenantData(record))
    this.contexts.delete(key)
    const tenant = this.require(key)
    tenant.scheduler.reload()
    for (const seed of this.opts.seeders) seed(tenant)
    return tenant
  }

  /** Replaces a tenant's whole data (clock and pending jobs included) with a saved copy. */
  replaceData(key: string, data: NamespaceData): Tenant {
    if (!this.records.get(key)) throw unknownTenant(key)
    this.opts.store.replaceNamespace(tenantNs(key), data)
    return this.replaced(key)
  }

  /** The tenant's context after its whole data was replaced in the store (clock and pending jobs reloaded). */
  replaced(key: string): Tenant {
    this.contexts.delete(key)
    const tenant = this.require(key)
    tenant.scheduler.reload()
    return tenant
  }

  /** The store namespace holding a tenant's data. */
  namespaceOf(key: string): string {
    if (!this.records.get(key)) throw unknownTenant(key)
    return tenantNs(key)
  }

  /** A copy of a tenant's whole data. */
  exportData(key: string): NamespaceData {
    if (!this.records.get(key)) throw unknownTenant(key)
    return this.opts.store.exportNamespace(tenantNs(key))
  }
}
