/** Routes of orders and of the simulated consumer. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import type { PurchaseService } from './purchase.service.js'
import * as r from './trade.contract.js'
import { hermesOrderQueryRoute } from './hermes-order.contract.js'
import { registerBookingRoutes } from './booking.routes.js'
import { orderWithCoupons, purchaseView, queryOrders } from './trade.views.js'

export function registerTradeRoutes(app: OpenAPIHono<TenantEnv>, purchases: PurchaseService): void {
  registerBookingRoutes(app)
  for (const route of [r.orderQueryRoute, r.akteOrderQueryRoute, hermesOrderQueryRoute]) {
    app.openapi(route, (c) =>
      c.json(ok(c, queryOrders(c.get('tenant'), c.req.valid('query'), route === r.akteOrderQueryRoute)), 200),
    )
  }
  app.openapi(r.purchaseRoute, async (c) => {
    const t = c.get('tenant')
    return c.json(ok(c, purchaseView(t, await purchases.purchase(t, c.req.valid('json')))), 200)
  })
  app.openapi(r.sandboxOrderRoute, (c) => {
    const t = c.get('tenant')
    return c.json(ok(c, purchaseView(t, orderWithCoupons(t, c.req.valid('param').order_id))), 200)
  })
}
