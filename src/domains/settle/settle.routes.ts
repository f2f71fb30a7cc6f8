/** Routes of bills: catering bill, general ledger and records by certificate. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { invalidParams } from '../../core/errors.js'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import { accountNotAuthorised } from '../oauth/oauth.errors.js'
import * as r from './settle.contract.js'
import { registerLedgerDetailRoutes } from './ledger-detail.routes.js'
import { cateringView, ledgerPage, ledgerView, recordsByCert, SETTLE_TYPE_DESC } from './settle.views.js'

function size(raw: string, max: number): number {
  const n = Number(raw)
  if (n < 1 || n > max) throw invalidParams(`size must be 1–${max}, got ${raw}`)
  return n
}

export function registerSettleRoutes(app: OpenAPIHono<TenantEnv>): void {
  registerLedgerDetailRoutes(app)
  app.openapi(r.cateringQueryRoute, (c) => {
    const q = c.req.valid('query')
    const t = c.get('tenant')
    const account = q.account_id ?? q.root_account_id
    if (!account) throw invalidParams('account_id or root_account_id is required')
    if (account !== t.record.account_id) throw accountNotAuthorised(account)
    const p = ledgerPage(t, q.bill_date, q.cursor, size(q.size, 50))
    return c.json(
      ok(c, {
        cursor: p.cursor,
        has_more: p.has_more,
        ledger_records: p.items.map((l) => cateringView(l, SETTLE_TYPE_DESC)),
      }),
      200,
    )
  })
  app.openapi(r.ledgerQueryRoute, (c) => {
    const q = c.req.valid('query')
    const p = ledgerPage(c.get('tenant'), q.bill_date, q.cursor, size(q.size, 100))
    return c.json(ok(c, { cursor: p.cursor, has_more: p.has_more, ledger_records: p.items.map(ledgerView) }), 200)
  })
  app.openapi(r.recordByCertRoute, (c) => {
    const ids = c.req
      .valid('query')
      .certificate_ids.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (ids.length < 1 || ids.length > 50) throw invalidParams(`certificate_ids takes 1–50 ids, got ${ids.length}`)
    return c.json(ok(c, { records: recordsByCert(c.get('tenant'), ids) }), 200)
  })
}
