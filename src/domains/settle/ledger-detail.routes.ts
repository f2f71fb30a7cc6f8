/** Routes of detailed_query, query_by_order, detailed_query_by_order and query_record_by_subfulfil. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import * as r from './ledger-detail.contract.js'
import { detailedView, orderIds, recordsByOrder, recordsBySubfulfil } from './ledger-detail.views.js'
import { ledgerPage } from './settle.views.js'

export function registerLedgerDetailRoutes(app: OpenAPIHono<TenantEnv>): void {
  app.openapi(r.detailedQueryRoute, (c) => {
    const q = c.req.valid('query')
    const p = ledgerPage(c.get('tenant'), q.bill_date, q.cursor, q.size)
    return c.json(
      ok(c, {
        cursor: p.cursor,
        has_more: p.has_more,
        ledger_records: p.items.map((l) => detailedView(c.get('tenant'), l)),
      }),
      200,
    )
  })
  app.openapi(r.queryByOrderRoute, (c) =>
    c.json(ok(c, recordsByOrder(c.get('tenant'), orderIds(c.req.valid('query').order_ids), false)), 200),
  )
  app.openapi(r.detailedQueryByOrderRoute, (c) =>
    c.json(ok(c, recordsByOrder(c.get('tenant'), orderIds(c.req.valid('query').order_ids), true)), 200),
  )
  app.openapi(r.recordBySubfulfilRoute, (c) =>
    c.json(ok(c, recordsBySubfulfil(c.get('tenant'), c.req.valid('query').sub_fulfil_id)), 200),
  )
}
