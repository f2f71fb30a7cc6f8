/** Control plane for goods and tenant settings: finish an audit now, read and change the tenant's switches. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { findProduct } from '../domains/goods/product.service.js'
import { DRAFT, type ProductLifecycle } from '../domains/goods/product.lifecycle.js'
import { platformError } from '../core/errors.js'
import type { Env } from '../http/env.js'
import { envelopeOf, jsonResponses, ok } from '../http/envelope.js'
import { settingsOf, settingsSchema, updateSettings } from '../tenants/settings.js'

const tenantHeader = z.object({ 'x-sandbox-client-key': z.string().optional().openapi({ description: 'tenant; the default tenant when absent' }) })
const settingsView = settingsSchema.openapi('TenantSettings')

const auditRoute = createRoute({
  method: 'post', path: '/sandbox/products/{product_id}/audit', tags: ['sandbox'], operationId: 'sandboxAuditProduct',
  summary: 'finish the audit of a product\'s draft now (PASS or FAIL with a reason); the audit webhooks fire',
  request: {
    headers: tenantHeader,
    params: z.object({ product_id: z.string().regex(/^\d+$/) }),
    body: { required: true, content: { 'application/json': { schema: z.object({ result: z.enum(['PASS', 'FAIL']), reason: z.string().max(500).optional() }).strict() } } },
  },
  responses: jsonResponses(envelopeOf('SandboxAuditProduct', z.object({ product_id: z.string(), draft_status: z.number().int(), online_status: z.number().int(), audit_msg: z.string() })), 'the product after the audit'),
})

const getSettingsRoute = createRoute({
  method: 'get', path: '/sandbox/settings', tags: ['sandbox'], operationId: 'sandboxGetSettings', summary: 'the tenant\'s switches (README "Where the sandbox decides")',
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('SandboxGetSettings', z.object({ settings: settingsView })), 'the settings'),
})

const putSettingsRoute = createRoute({
  method: 'put', path: '/sandbox/settings', tags: ['sandbox'], operationId: 'sandboxPutSettings', summary: 'change some of the tenant\'s switches; a reset restores the defaults',
  request: { headers: tenantHeader, body: { required: true, content: { 'application/json': { schema: settingsSchema.partial() } } } },
  responses: jsonResponses(envelopeOf('SandboxPutSettings', z.object({ settings: settingsView })), 'the settings'),
})

export function registerSandboxGoodsRoutes(app: OpenAPIHono<Env>, lifecycle: ProductLifecycle): void {
  app.openapi(auditRoute, (c) => {
    const t = c.get('tenant')!
    const body = c.req.valid('json')
    const rec = findProduct(t, { product_id: c.req.valid('param').product_id })
    if (rec.draft_status !== DRAFT.IN_AUDIT) throw platformError('STATE_CONFLICT', `product ${rec.product_id} is not in audit (draft_status ${rec.draft_status})`)
    const after = lifecycle.decide(t, rec, body.result, body.reason ?? (body.result === 'FAIL' ? '审核未通过' : ''))
    return c.json(ok(c, { product_id: after.product_id, draft_status: after.draft_status, online_status: after.online_status, audit_msg: after.audit_msg }), 200)
  })
  app.openapi(getSettingsRoute, (c) => c.json(ok(c, { settings: settingsOf(c.get('tenant')!) }), 200))
  app.openapi(putSettingsRoute, (c) => c.json(ok(c, { settings: updateSettings(c.get('tenant')!, c.req.valid('json')) }), 200))
}
