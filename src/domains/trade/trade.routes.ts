/** Routes of orders and of the simulated consumer. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import type { PurchaseService } from './purchase.service.js'
import * as r from './trade.contract.js'
import { hermesOrderQueryRoute } from './hermes-order.contract.js'
import { registerBookingRoutes } from './booking.routes.js'
import { purchaseView, queryOrders } from './trade.views.js'

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v))

export function registerTradeRoutes(app: OpenAPIHono<TenantEnv>, purchases: PurchaseService): void {
  registerBookingRoutes(app)
  for (const route of [r.orderQueryRoute, r.akteOrderQueryRoute, hermesOrderQueryRoute]) {
    app.openapi(route, (c) => {
      const q = c.req.valid('query')
      const page_num = Number(q.page_num)
      const page_size = Number(q.page_size)
      return c.json(
        ok(
          c,
          queryOrders(
            c.get('tenant'),
            {
              page_num,
              page_size,
              order_id: q.order_id,
              ext_order_id: q.ext_order_id,
              open_id: q.open_id,
              order_status: num(q.order_status),
              create_order_start_time: num(q.create_order_start_time),
              create_order_end_time: num(q.create_order_end_time),
              update_order_start_time: num(q.update_order_start_time),
              update_order_end_time: num(q.update_order_end_time),
            },
            route === r.akteOrderQueryRoute,
          ),
        ),
        200,
      )
    })
  }
  app.openapi(r.purchaseRoute, async (c) => {
    const t = c.get('tenant')
    return c.json(ok(c, purchaseView(t, await purchases.purchase(t, c.req.valid('json')))), 200)
  })
}
