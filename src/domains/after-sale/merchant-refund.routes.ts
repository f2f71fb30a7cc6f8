/** Routes of the merchant's refund APIs (apply_refund, merchant_reject, audit/notify). */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import * as r from './merchant-refund.contract.js'
import { MerchantRefunds } from './merchant-refund.service.js'
import type { RefundService } from './refund.service.js'

export function registerMerchantRefundRoutes(app: OpenAPIHono<TenantEnv>, refunds: RefundService): void {
  const merchant = new MerchantRefunds(refunds)
  app.openapi(r.applyRefundRoute, (c) => {
    const rec = merchant.applyRefund(c.get('tenant'), c.req.valid('json'))
    return c.json(ok(c, { after_sale_id: rec.after_sale_id, status: rec.status }), 200)
  })
  app.openapi(r.merchantRejectRoute, (c) => {
    const rec = merchant.reject(c.get('tenant'), c.req.valid('json'))
    return c.json(ok(c, { after_sale_id: rec.after_sale_id, status: rec.status }), 200)
  })
  app.openapi(r.auditNotifyRoute, (c) => {
    const rec = merchant.auditNotify(c.get('tenant'), c.req.valid('json'))
    return c.json(ok(c, { after_sale_id: rec.after_sale_id, status: rec.status }), 200)
  })
}
