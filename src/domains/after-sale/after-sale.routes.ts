/** Routes of after-sales and of POST /sandbox/refunds. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import * as r from './after-sale.contract.js'
import { afterSalesOfOrder, afterSaleView, queryAfterSales } from './after-sale.views.js'
import type { RefundService } from './refund.service.js'
import { registerMerchantRefundRoutes } from './merchant-refund.routes.js'

export function registerAfterSaleRoutes(app: OpenAPIHono<TenantEnv>, refunds: RefundService): void {
  registerMerchantRefundRoutes(app, refunds)
  app.openapi(r.orderDetailRoute, (c) => {
    const q = c.req.valid('query')
    return c.json(ok(c, afterSalesOfOrder(c.get('tenant'), q.order_id, q.certificate_id)), 200)
  })
  app.openapi(r.afterSaleQueryRoute, (c) => {
    const q = c.req.valid('query')
    return c.json(
      ok(
        c,
        queryAfterSales(c.get('tenant'), {
          page_size: q.page_size,
          cursor: q.cursor ?? '0',
          refund_status: q.refund_status,
          create_order_start_time: q.create_order_start_time,
          create_order_end_time: q.create_order_end_time,
          refund_done_start_time: q.refund_done_start_time,
          refund_done_end_time: q.refund_done_end_time,
        }),
      ),
      200,
    )
  })
  app.openapi(r.auditRoute, (c) => {
    const done = refunds.audit(c.get('tenant'), c.req.valid('json'))
    return c.json(ok(c, { reentry: false, after_sale_id: done.after_sale_id, status: done.status }), 200)
  })
  app.openapi(r.sandboxRefundRoute, (c) => {
    const b = c.req.valid('json')
    const t = c.get('tenant')
    return c.json(ok(c, { after_sale: afterSaleView(t, refunds.request(t, { ...b, by: b.by ?? 'user' })) }), 200)
  })
}
