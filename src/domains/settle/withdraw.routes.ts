/** Routes of the withdrawals (withdraw/catering_query, withdraw/composite_query). */
import type { Context } from 'hono'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import type { Tenant } from '../../tenants/tenant.js'
import { accountNotAuthorised } from '../oauth/oauth.errors.js'
import * as r from './withdraw.contract.js'
import { offsetPage, withdrawalsBetween, withdrawalView } from './withdrawals.js'

function ownAccount(t: Tenant, account: string): void {
  if (account !== t.record.account_id) throw accountNotAuthorised(account)
}

export function registerWithdrawRoutes(app: OpenAPIHono<TenantEnv>): void {
  const withdrawals = (
    c: Context<TenantEnv>,
    q: { account_id: string; start_date: string; end_date: string; cursor: string; size: number },
  ) => {
    const t = c.get('tenant')
    ownAccount(t, q.account_id)
    // start_date after end_date is refused by the contract
    const p = offsetPage(withdrawalsBetween(t, q.start_date, q.end_date), q.cursor, q.size)
    return { cursor: p.cursor, has_more: p.has_more, bill_withdraw_records: p.items.map((w) => withdrawalView(t, w)) }
  }
  app.openapi(r.withdrawCateringRoute, (c) => c.json(ok(c, withdrawals(c, c.req.valid('query'))), 200))
  app.openapi(r.withdrawCompositeRoute, (c) => c.json(ok(c, withdrawals(c, c.req.valid('query'))), 200))
}
