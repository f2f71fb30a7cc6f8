/** Routes of bills: catering bill, general ledger and records by certificate. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { commaItems } from '../../core/lists.js'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import { accountNotAuthorised } from '../oauth/oauth.errors.js'
import * as r from './settle.contract.js'
import { registerLedgerDetailRoutes } from './ledger-detail.routes.js'
import { cateringView, ledgerPage, ledgerView, recordsByCert, SETTLE_TYPE_DESC } from './settle.views.js'
import { billCompositeRoute } from './withdraw.contract.js'
import { registerWithdrawRoutes } from './withdraw.routes.js'
import { billPage } from './withdrawals.js'

export function registerSettleRoutes(app: OpenAPIHono<TenantEnv>): void {
  registerLedgerDetailRoutes(app)
  registerWithdrawRoutes(app)
  // bill/composite_query answers the catering lines: the tenant has one settlement account
  for (const route of [r.cateringQueryRoute, billCompositeRoute]) {
    app.openapi(route, (c) => {
      const q = c.req.valid('query')
      const t = c.get('tenant')
      const account = (q.account_id ?? q.root_account_id)! // the contract requires one of them
      if (account !== t.record.account_id) throw accountNotAuthorised(account)
      const p = billPage(t, q)
      return c.json(
        ok(c, {
          cursor: p.cursor,
          has_more: p.has_more,
          ledger_records: p.items.map((l) => cateringView(l, SETTLE_TYPE_DESC)),
        }),
        200,
      )
    })
  }
  app.openapi(r.ledgerQueryRoute, (c) => {
    const q = c.req.valid('query')
    const p = ledgerPage(c.get('tenant'), q.bill_date, q.cursor, q.size)
    return c.json(ok(c, { cursor: p.cursor, has_more: p.has_more, ledger_records: p.items.map(ledgerView) }), 200)
  })
  app.openapi(r.recordByCertRoute, (c) => {
    const ids = commaItems(c.req.valid('query').certificate_ids)
    return c.json(ok(c, { records: recordsByCert(c.get('tenant'), ids) }), 200)
  })
}
