/** Routes of the 三方码 callbacks and of the SPI URLs on the control plane. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import type { RefundSpiService } from './refund-spi.js'
import * as r from './spi.contract.js'
import type { SpiService } from './spi.service.js'

export function registerSpiRoutes(app: OpenAPIHono<TenantEnv>, spi: SpiService, refundSpi: RefundSpiService): void {
  app.openapi(r.putSpiRoute, (c) => c.json(ok(c, { spi: spi.setTargets(c.get('tenant'), c.req.valid('json')) }), 200))
  app.openapi(r.getSpiRoute, (c) => c.json(ok(c, { spi: spi.urls(c.get('tenant')) }), 200))
  app.openapi(r.createCallbackRoute, (c) => {
    const certificate_info_list = spi.callback(c.get('tenant'), c.req.valid('json'))
    return c.json(ok(c, { certificate_info_list }), 200)
  })
  app.openapi(r.refundAuditRoute, (c) => {
    const done = refundSpi.audit(c.get('tenant'), c.req.valid('json'))
    return c.json(ok(c, { after_sale_id: done.after_sale_id, status: done.status }), 200)
  })
}
