/**
 * Snapshots of a tenant's whole state (data, clock, pending jobs, outbox), restored in one replace (like
 * LocalStack's state endpoints). No HTTP here.
 *
 * The body of a snapshot is kept outside the log (store bodies: a file beside the data file), written piece by
 * piece from a copy-on-write view of the tenant as of the call while other requests are served; only a small
 * record naming the body goes through the log. A restore reads the body piece by piece too, puts it in place in
 * one step and logs the body's name, not its records. Bodies no record names are removed by the store's sweeps
 * (at start-up and after each compaction). Records saved by earlier versions hold their body inline (`data`)
 * and still restore.
 */
import { platformError } from '../core/errors.js'
import type { BlobRef } from '../store/blobs.js'
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
  /** number of records in the body */
  records?: number
  /** the body, kept outside the log */
  body?: BlobRef
  /** the body inline (records saved by earlier versions) */
  data?: NamespaceData
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
    records: s.records ?? Object.values(s.data ?? {}).reduce((n, c) => n + Object.keys(c).length, 0),
  }
}

export class SnapshotService {
  /** resolves once the start-up sweep of bodies no record names is done (tests) */
  readonly swept: Promise<number>

  constructor(
    private readonly store: Store,
    private readonly tenants: Tenants,
  ) {
    // an unreadable directory of bodies is swept again after the next compaction
    this.swept = store.bodies.keep(() => this.bodyNames()).catch(() => 0)
  }

  /** The bodies the snapshot records name. */
  private *bodyNames(): Generator<string> {
    for (const s of this.snapshots.values()) if (s.body) yield s.body.name
  }

  private get snapshots() {
    return sysRepo(this.store).collection('snapshots')
  }

  /** Removes a deleted tenant's snapshots; their bodies go once the records' deletion is on disk. */
  forget(clientKey: string): void {
    for (const id of this.snapshots.keys()) {
      if (!id.startsWith(`${clientKey}/`)) continue
      const previous = this.snapshots.get(id)
      this.snapshots.delete(id)
      this.forgetBody(previous)
    }
  }

  /**
   * Saves the tenant's whole state under `name`, replacing one of the same name. The state is the tenant's as
   * of the call; the body is written outside the log before the record naming it is.
   */
  async save(t: Tenant, name: string): Promise<SnapshotInfo> {
    const created_at = t.clock.now()
    const { body, records } = await this.store.bodies.save(this.tenants.namespaceOf(t.key), `${t.key}/${name}`)
    if (!this.tenants.get(t.key)) {
      this.store.bodies.drop(body) // the tenant was deleted while its body was written
      this.tenants.namespaceOf(t.key) // throws: no such tenant
    }
    const rec: SnapshotRecord = { client_key: t.key, name, created_at, records, body }
    const previous = this.snapshots.get(`${t.key}/${name}`)
    this.snapshots.put(`${t.key}/${name}`, rec)
    this.forgetBody(previous)
    return info(rec)
  }

  /** Removes a body no record names any more, once that change is on disk (and no log names it). */
  private forgetBody(rec: SnapshotRecord | undefined): void {
    if (rec?.body) this.store.bodies.drop(rec.body)
  }

  list(t: Tenant): SnapshotInfo[] {
    return this.snapshots
      .values()
      .filter((s) => s.client_key === t.key)
      .map(info)
  }

  /** Puts the tenant back to snapshot `name`; answers the snapshot and the tenant's new context. */
  async restore(t: Tenant, name: string): Promise<{ snapshot: SnapshotInfo; tenant: Tenant }> {
    const s = this.snapshots.get(`${t.key}/${name}`)
    if (!s) throw notFound(name)
    if (!s.body) return { snapshot: info(s), tenant: this.tenants.replaceData(t.key, s.data ?? {}) }
    const ns = this.tenants.namespaceOf(t.key)
    let read = false
    try {
      await this.store.bodies.restore(ns, s.body, () => {
        read = true
        this.tenants.namespaceOf(t.key) // the tenant was deleted while its body was read: nothing is put back
      })
    } catch (e) {
      if (read) throw e
      throw platformError('INTERNAL', `snapshot "${name}" cannot be read: ${(e as Error).message}`, { status: 500 })
    }
    return { snapshot: info(s), tenant: this.tenants.replaced(t.key) }
  }

  delete(t: Tenant, name: string): boolean {
    const previous = this.snapshots.get(`${t.key}/${name}`)
    const deleted = this.snapshots.delete(`${t.key}/${name}`)
    this.forgetBody(previous)
    return deleted
  }
}
