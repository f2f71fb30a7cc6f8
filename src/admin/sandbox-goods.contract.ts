/** Wire schemas and routes of /sandbox/products/{product_id}/audit and /sandbox/settings. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../http/envelope.schema.js'
import { settingsSchema } from '../tenants/settings.schema.js'

const tenantHeader = z.object({ 'x-sandbox-client-key': z.string().optional().openapi({ description: 'tenant; the default tenant when absent' }) })
const settingsView = settingsSchema.openapi('TenantSettings')

export const auditRoute = createRoute({
  method: 'post', path: '/sandbox/products/{product_id}/audit', tags: ['sandbox'], operationId: 'sandboxAuditProduct',
  summary: 'finish the audit of a product\'s draft now (PASS or FAIL with a reason); the audit webhooks fire',
  request: {
    headers: tenantHeader,
    params: z.object({ product_id: z.string().regex(/^\d+$/) }),
    body: { required: true, content: { 'application/json': { schema: z.object({ result: z.enum(['PASS', 'FAIL']), reason: z.string().max(500).optional() }).strict() } } },
  },
  responses: jsonResponses(envelopeOf('SandboxAuditProduct', z.object({ product_id: z.string(), draft_status: z.number().int(), online_status: z.number().int(), audit_msg: z.string() })), 'the product after the audit'),
})

export const getSettingsRoute = createRoute({
  method: 'get', path: '/sandbox/settings', tags: ['sandbox'], operationId: 'sandboxGetSettings', summary: 'the tenant\'s switches (README "Where the sandbox decides")',
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('SandboxGetSettings', z.object({ settings: settingsView })), 'the settings'),
})

export const putSettingsRoute = createRoute({
  method: 'put', path: '/sandbox/settings', tags: ['sandbox'], operationId: 'sandboxPutSettings', summary: 'change some of the tenant\'s switches; a reset restores the defaults',
  request: { headers: tenantHeader, body: { required: true, content: { 'application/json': { schema: settingsSchema.partial() } } } },
  responses: jsonResponses(envelopeOf('SandboxPutSettings', z.object({ settings: settingsView })), 'the settings'),
})
