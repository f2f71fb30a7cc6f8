/**
 * Stored shapes of the tenancy: the registry in namespace `sys`, and each tenant's own `meta` records
 * in namespace `t:<client_key>`.
 */
import type { ClockState } from '../core/clock.js'
import type { RandomState } from '../core/random.js'
import type { Repo } from '../store/repo.js'

/** Namespace holding the tenant registry. */
export const SYS_NS = 'sys'
/** Namespace of one tenant's data. */
export const tenantNs = (clientKey: string): string => `t:${clientKey}`

/** sys/tenants: client_key → TenantRecord */
export interface TenantRecord {
  client_key: string
  client_secret: string
  /** the merchant account (来客商户) this app is authorised for */
  account_id: string
  account_name: string
  /** the account's stores (门店) */
  pois: { poi_id: string; poi_name: string }[]
  is_default: boolean
  /** seed of this tenant's random stream */
  seed: string
  /** where the tenant's clock starts after creation or reset; null = real time */
  start_frozen_at_ms: number | null
  /** virtual creation time, seconds */
  create_time: number
}

/** t:<key>/meta: singleton records of a tenant. */
export interface TenantMeta {
  /** meta/clock → the virtual clock */
  clock: ClockState & Record<string, unknown>
  /** meta/rng → the random generator state */
  rng: { state: RandomState }
  /** meta/counters → monotonic counters by name (job, outbox and delivery sequences) */
  counters: Record<string, number>
}

/** Typed access to the `meta` collection of a tenant's namespace or of the shared one. */
export function metaStore<M extends { [K in keyof M]: object } & { meta: object }>(repo: Repo<M>) {
  const meta = (repo as unknown as Repo<{ meta: object }>).collection('meta')
  return {
    get<K extends keyof TenantMeta>(key: K): TenantMeta[K] | undefined {
      return meta.get(key) as TenantMeta[K] | undefined
    },
    put<K extends keyof TenantMeta>(key: K, value: TenantMeta[K]): void {
      meta.put(key, value as Record<string, unknown>)
    },
  }
}
