/**
 * Snapshots of a tenant's whole state (data, clock, pending jobs, outbox), saved in the store under sys and
 * restored in one replace (like LocalStack's state endpoints). No HTTP here.
 */
import { platformError } from '../core/errors.js'
import type { NamespaceData } from '../store/state.js'
import type { Store } from '../store/store.js'
import { sysRepo } from '../tenants/collections.js'
import type { Tenant } from '../tenants/tenant.js'
import type { Tenants } from '../tenants/tenants.service.js'

/** sys/snapshots: `${client_key}/${name}` → a saved tenant */
export interface SnapshotRecord {
  client_key: string
  name: string
  /** virtual time of the tenant when saved (s) */
  created_at: number
  data: NamespaceData
}

/** What the control plane shows of a snapshot. */
export interface SnapshotInfo {
  name: string
  created_at: number
  records: number
}

const notFound = (name: string) =>
  platformError('NOT_FOUND', `no snapshot "${name}" of this tenant (GET /sandbox/snapshots lists them)`)

function info(s: SnapshotRecord): SnapshotInfo {
  return {
    name: s.name,
    created_at: s.created_at,
    records: Object.values(s.data).reduce((n, c) => n + Object.keys(c).length, 0),
  }
}

export class SnapshotService {
  constructor(
    private readonly store: Store,
    private readonly tenants: Tenants,
  ) {}

  private get snapshots() {
    return sysRepo(this.store).collection('snapshots')
  }

  /** Saves the tenant's whole state under `name`, replacing one of the same name. */
  save(t: Tenant, name: string): SnapshotInfo {
    const rec: SnapshotRecord = {
      client_key: t.key,
      name,
      created_at: t.clock.now(),
      data: this.tenants.exportData(t.key),
    }
    this.snapshots.put(`${t.key}/${name}`, rec)
    return info(rec)
  }

  list(t: Tenant): SnapshotInfo[] {
    return this.snapshots
      .values()
      .filter((s) => s.client_key === t.key)
      .map(info)
  }

  /** Puts the tenant back to snapshot `name`; answers the snapshot and the tenant's new context. */
  restore(t: Tenant, name: string): { snapshot: SnapshotInfo; tenant: Tenant } {
    const s = this.snapshots.get(`${t.key}/${name}`)
    if (!s) throw notFound(name)
    return { snapshot: info(s), tenant: this.tenants.replaceData(t.key, structuredClone(s.data)) }
  }

  delete(t: Tenant, name: string): boolean {
    return this.snapshots.delete(`${t.key}/${name}`)
  }
}
