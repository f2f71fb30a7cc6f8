/** Routes of /sandbox/snapshots. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import { describeClock } from './admin.service.js'
import { deleteRoute, listRoute, restoreRoute, saveRoute } from './snapshots.contract.js'
import type { SnapshotService } from './snapshots.service.js'

export function registerSnapshotRoutes(app: OpenAPIHono<TenantEnv>, snapshots: SnapshotService): void {
  app.openapi(saveRoute, async (c) => {
    const snapshot = await snapshots.save(c.get('tenant'), c.req.valid('json').name)
    return c.json(ok(c, { snapshot }), 200)
  })
  app.openapi(listRoute, (c) => c.json(ok(c, { snapshots: snapshots.list(c.get('tenant')) }), 200))
  app.openapi(restoreRoute, async (c) => {
    const { snapshot, tenant } = await snapshots.restore(c.get('tenant'), c.req.valid('param').name)
    c.set('tenant', tenant)
    return c.json(ok(c, { snapshot, clock: describeClock(tenant) }), 200)
  })
  app.openapi(deleteRoute, (c) =>
    c.json(ok(c, { deleted: snapshots.delete(c.get('tenant'), c.req.valid('param').name) }), 200),
  )
}
