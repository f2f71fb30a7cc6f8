/**
 * Snapshots of a tenant's whole state (data, clock, pending jobs, outbox), restored in one replace (like
 * LocalStack's state endpoints). No HTTP here.
 *
 * The body of a snapshot is kept outside the log (store blobs: a file beside the data file): a point-in-time view
 * of the tenant is taken between two requests (collections copied by reference; records are never changed in
 * place), then written out piece by piece while other requests are served; only a small record naming the body
 * goes through the log. Records saved by earlier versions hold their body inline (`data`) and still restore.
 */
import { platformError } from '../core/errors.js'
import type { BlobRef } from '../store/blobs.js'
import type { LiveNamespace } from '../store/live-state.js'
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

/** A snapshot body is written in pieces of about this many characters, the event loop serving between them. */
const PIECE_CHARS = 1 << 16
const NON_ASCII = /[\u0080-\uffff]/g
const ascii = (json: string): string =>
  json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** The namespace as one JSON object (ASCII), in pieces; gives the event loop a turn between pieces. */
async function* bodyPieces(ns: LiveNamespace): AsyncGenerator<string> {
  let piece = '{'
  let firstColl = true
  for (const [c, coll] of ns) {
    piece += `${firstColl ? '' : ','}${JSON.stringify(c)}:{`
    firstColl = false
    let first = true
    for (const [k, rec] of coll) {
      piece += `${first ? '' : ','}${JSON.stringify(k)}:${JSON.stringify(rec)}`
      first = false
      if (piece.length >= PIECE_CHARS) {
        yield ascii(piece)
        piece = ''
        await yieldTurn()
      }
    }
    piece += '}'
  }
  yield ascii(`${piece}}`)
}

const countRecords = (ns: LiveNamespace): number => [...ns.values()].reduce((n, c) => n + c.size, 0)

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
  constructor(
    private readonly store: Store,
    private readonly tenants: Tenants,
  ) {}

  private get snapshots() {
    return sysRepo(this.store).collection('snapshots')
  }

  /** Removes a deleted tenant's snapshots; their bodies go once the records' deletion is on disk. */
  forget(clientKey: string): void {
    const store = this.store
    for (const id of this.snapshots.keys()) {
      if (!id.startsWith(`${clientKey}/`)) continue
      const body = this.snapshots.get(id)?.body
      this.snapshots.delete(id)
      if (body)
        void store.sync().then(
          () => store.blobs.remove(body),
          () => undefined,
        )
    }
  }

  /**
   * Saves the tenant's whole state under `name`, replacing one of the same name. The state is the tenant's as
   * of the call; the body is written outside the log before the record naming it is.
   */
  async save(t: Tenant, name: string): Promise<SnapshotInfo> {
    const created_at = t.clock.now()
    const view = this.store.frozenNamespace(this.tenants.namespaceOf(t.key))
    const body = await this.store.blobs.write(`${t.key}/${name}`, bodyPieces(view))
    const rec: SnapshotRecord = { client_key: t.key, name, created_at, records: countRecords(view), body }
    const previous = this.snapshots.get(`${t.key}/${name}`)
    this.snapshots.put(`${t.key}/${name}`, rec)
    this.forgetBody(previous)
    return info(rec)
  }

  /** Removes a body no record names any more, once that change is on disk. */
  private forgetBody(rec: SnapshotRecord | undefined): void {
    const body = rec?.body
    if (body)
      void this.store.sync().then(
        () => this.store.blobs.remove(body),
        () => undefined,
      )
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
    const data = s.body ? await this.body(s.body, name) : structuredClone(s.data ?? {})
    return { snapshot: info(s), tenant: this.tenants.replaceData(t.key, data) }
  }

  private async body(ref: BlobRef, name: string): Promise<NamespaceData> {
    try {
      return JSON.parse(await this.store.blobs.read(ref)) as NamespaceData
    } catch (e) {
      throw platformError('INTERNAL', `snapshot "${name}" cannot be read: ${(e as Error).message}`, { status: 500 })
    }
  }

  delete(t: Tenant, name: string): boolean {
    const previous = this.snapshots.get(`${t.key}/${name}`)
    const deleted = this.snapshots.delete(`${t.key}/${name}`)
    this.forgetBody(previous)
    return deleted
  }
}
