/** Routes of bookings: trade/book/get, trade/buy/merchant_confirm_order and POST /sandbox/bookings. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import * as r from './booking.contract.js'
import { book, confirmOrder, queryBookings } from './booking.service.js'

export function registerBookingRoutes(app: OpenAPIHono<TenantEnv>): void {
  app.openapi(r.bookGetRoute, (c) => c.json(ok(c, queryBookings(c.get('tenant'), c.req.valid('query'))), 200))
  app.openapi(r.merchantConfirmRoute, (c) =>
    c.json(ok(c, confirmOrder(c.get('tenant'), c.req.valid('json').order_id)), 200),
  )
  app.openapi(r.sandboxBookRoute, (c) => {
    const t = c.get('tenant')
    const rec = book(t, c.req.valid('json'))
    return c.json(ok(c, { booking: queryBookings(t, { book_id: rec.book_id }).book_info_list[0]! }), 200)
  })
}
