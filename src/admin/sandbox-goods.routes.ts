/** Control plane for goods and tenant settings: finish an audit now, read and change the tenant's switches. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { findProduct } from '../domains/goods/product.service.js'
import { DRAFT, type ProductLifecycle } from '../domains/goods/product.lifecycle.js'
import { platformError } from '../core/errors.js'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import { exampleSaveBody } from './admin.service.js'
import { auditRoute, exampleProductRoute, getSettingsRoute, putSettingsRoute } from './sandbox-goods.contract.js'
import { settingsOf, updateSettings } from '../tenants/settings.js'

export function registerSandboxGoodsRoutes(app: OpenAPIHono<TenantEnv>, lifecycle: ProductLifecycle): void {
  app.openapi(auditRoute, (c) => {
    const t = c.get('tenant')
    const body = c.req.valid('json')
    const rec = findProduct(t, { product_id: c.req.valid('param').product_id })
    if (rec.draft_status !== DRAFT.IN_AUDIT)
      throw platformError(
        'STATE_CONFLICT',
        `product ${rec.product_id} is not in audit (draft_status ${rec.draft_status})`,
      )
    const after = lifecycle.decide(t, rec, body.result, body.reason ?? (body.result === 'FAIL' ? '审核未通过' : ''))
    return c.json(
      ok(c, {
        product_id: after.product_id,
        draft_status: after.draft_status,
        online_status: after.online_status,
        audit_msg: after.audit_msg,
      }),
      200,
    )
  })
  app.openapi(exampleProductRoute, (c) => {
    const q = c.req.valid('query')
    const body = exampleSaveBody(c.get('tenant'), q.kind, q.refund_mode === '1' ? 1 : 2)
    return q.bare === 'true' ? c.json(body as never, 200) : c.json(ok(c, { body }), 200)
  })
  app.openapi(getSettingsRoute, (c) => c.json(ok(c, { settings: settingsOf(c.get('tenant')) }), 200))
  app.openapi(putSettingsRoute, (c) =>
    c.json(ok(c, { settings: updateSettings(c.get('tenant'), c.req.valid('json')) }), 200),
  )
}
