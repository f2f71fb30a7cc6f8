/**
 * The collection maps of the store's namespaces: a tenant's (t:<client_key>) and the shared one (sys). Each maps a
 * collection's name to its record type, so `t.repo.collection('certificates')` holds CertificateRecords.
 *
 * Here stand only the tenants' own collections. Each domain declares its own in its `*.collections.ts` (goods'
 * GoodsCollections, …), and src/sandbox.ts, which assembles the sandbox from the domains, merges them into these
 * two interfaces (a `declare module` beside createSandbox), so this folder imports no domain.
 */
import type { Job } from '../core/scheduler.js'
import { Repo } from '../store/repo.js'
import type { Store } from '../store/store.js'
import { SYS_NS, type TenantRecord } from './tenants.store.js'

/** The collections of one tenant (t:<client_key>); the domains' are merged in by src/sandbox.ts. */
export interface TenantCollections {
  /** job_id → a scheduled job */
  jobs: Job
  /** clock, rng, counters, settings (typed by tenants.store.ts metaStore and settings.ts) */
  meta: object
}

/** The shared collections (sys); the domains' are merged in by src/sandbox.ts. */
export interface SysCollections {
  /** client_key → TenantRecord */
  tenants: TenantRecord
  /** the shared random stream's state */
  meta: object
}

/** The shared namespace's collections. */
export function sysRepo(store: Store): Repo<SysCollections> {
  return new Repo<SysCollections>(store, SYS_NS)
}
