/**
 * Snapshots of a tenant's whole state (data, clock, pending jobs, outbox), saved in the store under sys and
 * restored in one replace (like LocalStack's state endpoints).
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { platformError } from '../core/errors.js'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import { Repo } from '../store/repo.js'
import type { NamespaceData } from '../store/state.js'
import type { Store } from '../store/store.js'
import type { Tenants } from '../tenants/tenants.service.js'
import { SYS_NS } from '../tenants/tenants.store.js'
import { describeClock } from './admin.service.js'
import { deleteRoute, listRoute, restoreRoute, saveRoute } from './snapshots.contract.js'

/** sys/snapshots: `${client_key}/${name}` → a saved tenant */
interface SnapshotRecord extends Record<string, unknown> {
  client_key: string
  name: string
  /** virtual time of the tenant when saved (s) */
  created_at: number
  data: NamespaceData
}

const notFound = (name: string) =>
  platformError('NOT_FOUND', `no snapshot "${name}" of this tenant (GET /sandbox/snapshots lists them)`)

function info(s: SnapshotRecord) {
  return {
    name: s.name,
    created_at: s.created_at,
    records: Object.values(s.data).reduce((n, c) => n + Object.keys(c).length, 0),
  }
}

export function registerSnapshotRoutes(app: OpenAPIHono<TenantEnv>, store: Store, tenants: Tenants): void {
  const snapshots = new Repo(store, SYS_NS).collection<SnapshotRecord>('snapshots')
  app.openapi(saveRoute, (c) => {
    const t = c.get('tenant')
    const rec: SnapshotRecord = {
      client_key: t.key,
      name: c.req.valid('json').name,
      created_at: t.clock.now(),
      data: tenants.exportData(t.key),
    }
    snapshots.put(`${t.key}/${rec.name}`, rec)
    return c.json(ok(c, { snapshot: info(rec) }), 200)
  })
  app.openapi(listRoute, (c) => {
    const mine = snapshots.values().filter((s) => s.client_key === c.get('tenant').key)
    return c.json(ok(c, { snapshots: mine.map(info) }), 200)
  })
  app.openapi(restoreRoute, (c) => {
    const key = c.get('tenant').key
    const s = snapshots.get(`${key}/${c.req.valid('param').name}`)
    if (!s) throw notFound(c.req.valid('param').name)
    const t = tenants.replaceData(key, structuredClone(s.data))
    c.set('tenant', t)
    return c.json(ok(c, { snapshot: info(s), clock: describeClock(t) }), 200)
  })
  app.openapi(deleteRoute, (c) =>
    c.json(ok(c, { deleted: snapshots.delete(`${c.get('tenant').key}/${c.req.valid('param').name}`) }), 200),
  )
}
