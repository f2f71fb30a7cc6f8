/** Routes of the control plane (/sandbox/…). */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import type { Tenant } from '../tenants/tenant.js'
import type { Tenants } from '../tenants/tenants.service.js'
import * as contract from './admin.contract.js'
import { advanceClock, createTenant, describeClock, freezeClock, tenantView, unfreezeClock } from './admin.service.js'

/** Waits until a tenant's webhook deliveries in flight are done (the dispatcher does). */
export type SettleDeliveries = (tenant: Tenant) => Promise<void>

export function registerAdminRoutes(
  app: OpenAPIHono<TenantEnv>,
  tenants: Tenants,
  version: string,
  settle: SettleDeliveries,
): void {
  app.openapi(contract.healthRoute, (c) => c.json(ok(c, { status: 'ok' as const, version }), 200))

  app.openapi(contract.createTenantRoute, (c) => c.json(ok(c, createTenant(tenants, c.req.valid('json'))), 200))

  app.openapi(contract.listTenantsRoute, (c) => c.json(ok(c, { tenants: tenants.list().map(tenantView) }), 200))

  app.openapi(contract.deleteTenantRoute, async (c) => {
    const { client_key } = c.req.valid('param')
    const tenant = tenants.require(client_key)
    await settle(tenant) // nothing of it is written after it is gone
    tenants.delete(client_key)
    return c.json(ok(c, { client_key, deleted: true as const }), 200)
  })

  app.openapi(contract.resetRoute, (c) => {
    const t = tenants.reset(c.get('tenant').key)
    c.set('tenant', t)
    return c.json(ok(c, { client_key: t.key, clock: describeClock(t) }), 200)
  })

  app.openapi(contract.getClockRoute, (c) => c.json(ok(c, { clock: describeClock(c.get('tenant')) }), 200))

  app.openapi(contract.advanceClockRoute, async (c) =>
    c.json(ok(c, await advanceClock(c.get('tenant'), c.req.valid('json').seconds)), 200),
  )

  app.openapi(contract.freezeClockRoute, async (c) =>
    c.json(ok(c, await freezeClock(c.get('tenant'), c.req.valid('json').at)), 200),
  )

  app.openapi(contract.unfreezeClockRoute, (c) => c.json(ok(c, unfreezeClock(c.get('tenant'))), 200))
}
