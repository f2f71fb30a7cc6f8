/**
 * Snapshots of a tenant's whole state (data, clock, pending jobs, outbox), saved in the store under sys and
 * restored in one replace (like LocalStack's state endpoints).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { platformError } from '../core/errors.js'
import type { Env } from '../http/env.js'
import { envelopeOf, jsonResponses, ok } from '../http/envelope.js'
import { Repo } from '../store/repo.js'
import type { NamespaceData } from '../store/state.js'
import type { Store } from '../store/store.js'
import type { Tenants } from '../tenants/tenants.service.js'
import { SYS_NS } from '../tenants/tenants.store.js'
import { describeClock } from './admin.service.js'

/** sys/snapshots: `${client_key}/${name}` → a saved tenant */
interface SnapshotRecord extends Record<string, unknown> {
  client_key: string
  name: string
  /** virtual time of the tenant when saved (s) */
  created_at: number
  data: NamespaceData
}

const int = () => z.number().int()
const nameSchema = z.string().regex(/^[\w.-]{1,64}$/, 'must be 1–64 letters, digits, _, . or -')
const tenantHeader = z.object({ 'x-sandbox-client-key': z.string().optional() })
const infoSchema = z.object({ name: z.string(), created_at: int(), records: int() }).openapi('SnapshotInfo')

const notFound = (name: string) => platformError('NOT_FOUND', `no snapshot "${name}" of this tenant (GET /sandbox/snapshots lists them)`)

const saveRoute = createRoute({
  method: 'post', path: '/sandbox/snapshots', tags: ['sandbox'], operationId: 'sandboxSaveSnapshot', summary: 'save the tenant\'s whole state under a name (replacing one of the same name)',
  request: { headers: tenantHeader, body: { required: true, content: { 'application/json': { schema: z.object({ name: nameSchema }).strict() } } } },
  responses: jsonResponses(envelopeOf('SandboxSaveSnapshot', z.object({ snapshot: infoSchema })), 'saved'),
})
const listRoute = createRoute({
  method: 'get', path: '/sandbox/snapshots', tags: ['sandbox'], operationId: 'sandboxListSnapshots', summary: 'the tenant\'s snapshots',
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('SandboxListSnapshots', z.object({ snapshots: z.array(infoSchema) })), 'the snapshots'),
})
const restoreRoute = createRoute({
  method: 'post', path: '/sandbox/snapshots/{name}/restore', tags: ['sandbox'], operationId: 'sandboxRestoreSnapshot', summary: 'put the tenant back to a snapshot, clock and pending jobs included',
  request: { headers: tenantHeader, params: z.object({ name: nameSchema }) },
  responses: jsonResponses(envelopeOf('SandboxRestoreSnapshot', z.object({ snapshot: infoSchema, clock: z.record(z.string(), z.unknown()) })), 'restored'),
})
const deleteRoute = createRoute({
  method: 'delete', path: '/sandbox/snapshots/{name}', tags: ['sandbox'], operationId: 'sandboxDeleteSnapshot', summary: 'forget a snapshot',
  request: { headers: tenantHeader, params: z.object({ name: nameSchema }) },
  responses: jsonResponses(envelopeOf('SandboxDeleteSnapshot', z.object({ deleted: z.boolean() })), 'deleted'),
})

function info(s: SnapshotRecord) {
  return { name: s.name, created_at: s.created_at, records: Object.values(s.data).reduce((n, c) => n + Object.keys(c).length, 0) }
}

export function registerSnapshotRoutes(app: OpenAPIHono<Env>, store: Store, tenants: Tenants): void {
  const snapshots = new Repo(store, SYS_NS).collection<SnapshotRecord>('snapshots')
  app.openapi(saveRoute, (c) => {
    const t = c.get('tenant')!
    const rec: SnapshotRecord = { client_key: t.key, name: c.req.valid('json').name, created_at: t.clock.now(), data: tenants.exportData(t.key) }
    snapshots.put(`${t.key}/${rec.name}`, rec)
    return c.json(ok(c, { snapshot: info(rec) }), 200)
  })
  app.openapi(listRoute, (c) => {
    const mine = snapshots.values().filter((s) => s.client_key === c.get('tenant')!.key)
    return c.json(ok(c, { snapshots: mine.map(info) }), 200)
  })
  app.openapi(restoreRoute, (c) => {
    const key = c.get('tenant')!.key
    const s = snapshots.get(`${key}/${c.req.valid('param').name}`)
    if (!s) throw notFound(c.req.valid('param').name)
    const t = tenants.replaceData(key, structuredClone(s.data))
    c.set('tenant', t)
    return c.json(ok(c, { snapshot: info(s), clock: describeClock(t) }), 200)
  })
  app.openapi(deleteRoute, (c) => c.json(ok(c, { deleted: snapshots.delete(`${c.get('tenant')!.key}/${c.req.valid('param').name}`) }), 200))
}
