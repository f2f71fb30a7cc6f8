/** Routes of the bill-file links and of the files. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { platformError } from '../../core/errors.js'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import type { Tenants } from '../../tenants/tenants.service.js'
import * as r from './bill-files.contract.js'
import { billFile, billFileUrl, checkLink } from './bill-files.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function registerBillFileRoutes(app: OpenAPIHono<TenantEnv>, tenants: Tenants): void {
  app.openapi(r.queryLegerUrlRoute, (c) => {
    const url = billFileUrl(c.get('tenant'), new URL(c.req.url).origin, 'ledger', c.req.valid('query').launch_date)
    return c.json({ ...ok(c, {}), urls: [url] }, 200)
  })
  app.openapi(r.queryRebateUrlRoute, (c) => {
    const url = billFileUrl(c.get('tenant'), new URL(c.req.url).origin, 'rebate', c.req.valid('query').biz_month)
    return c.json({ ...ok(c, {}), urls: [url] }, 200)
  })
  app.openapi(r.billFileRoute, (c) => {
    const { client_key, kind, file } = c.req.valid('param')
    const t = tenants.get(client_key)
    const period = file.replace(/\.xlsx$/, '')
    if (!t || (kind === 'ledger') !== /^\d{4}-\d{2}-\d{2}$/.test(period))
      throw platformError('NOT_FOUND', `no bill file ${kind}/${file} of ${client_key}`, { status: 404 })
    const q = c.req.valid('query')
    checkLink(t, kind, period, q['x-expires'], q['x-signature'])
    const body = billFile(t, kind, period)
    return c.body(new Uint8Array(body), 200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="${kind}-${period}.xlsx"`,
    })
  })
}
