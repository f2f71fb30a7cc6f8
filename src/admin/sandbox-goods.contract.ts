/** Wire schemas and routes of /sandbox/products/{product_id}/audit and /sandbox/settings. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../http/envelope.schema.js'
import { wireInt } from '../http/wire-int.js'
import { settingsSchema } from '../tenants/settings.schema.js'

const tenantHeader = z.object({
  'x-sandbox-client-key': z.string().optional().openapi({ description: 'tenant; the default tenant when absent' }),
})
const settingsView = settingsSchema.openapi('TenantSettings')

/**
 * What PUT /sandbox/settings accepts: any of the switches, the integer ones as numbers or digit strings (the rule
 * of the platform's request bodies), with the same bounds as the settings themselves.
 */
const settingsInput = settingsSchema
  .extend({
    audit_delay_seconds: wireInt({ min: 0, max: 30 * 86400 }),
    refund_audit_timeout_seconds: wireInt({ min: 1, max: 365 * 86400 }),
    tripartite_refund_audit_timeout_seconds: wireInt({ min: 1, max: 365 * 86400 }),
    settle_delay_seconds: wireInt({ min: 0, max: 365 * 86400 }),
    outbox_limit: wireInt({ min: 10, max: 1_000_000 }),
    client_token_rate_limit: wireInt({ min: 0, max: 1_000_000 }),
  })
  .partial()

export const auditRoute = createRoute({
  method: 'post',
  path: '/sandbox/products/{product_id}/audit',
  tags: ['sandbox'],
  operationId: 'sandboxAuditProduct',
  summary: "finish the audit of a product's draft now (PASS or FAIL with a reason); the audit webhooks fire",
  request: {
    headers: tenantHeader,
    params: z.object({ product_id: z.string().regex(/^\d+$/) }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ result: z.enum(['PASS', 'FAIL']), reason: z.string().max(500).optional() }).strict(),
        },
      },
    },
  },
  responses: jsonResponses(
    envelopeOf(
      'SandboxAuditProduct',
      z.object({
        product_id: z.string(),
        draft_status: z.number().int(),
        online_status: z.number().int(),
        audit_msg: z.string(),
      }),
    ),
    'the product after the audit',
  ),
})

export const getSettingsRoute = createRoute({
  method: 'get',
  path: '/sandbox/settings',
  tags: ['sandbox'],
  operationId: 'sandboxGetSettings',
  summary: "the tenant's switches (docs/decisions.md)",
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('SandboxGetSettings', z.object({ settings: settingsView })), 'the settings'),
})

export const putSettingsRoute = createRoute({
  method: 'put',
  path: '/sandbox/settings',
  tags: ['sandbox'],
  operationId: 'sandboxPutSettings',
  summary: "change some of the tenant's switches; a reset restores the defaults",
  request: {
    headers: tenantHeader,
    body: { required: true, content: { 'application/json': { schema: settingsInput } } },
  },
  responses: jsonResponses(envelopeOf('SandboxPutSettings', z.object({ settings: settingsView })), 'the settings'),
})

export const EXAMPLE_KINDS = ['groupon', 'voucher', 'time_card', 'third_party_code', 'combo_pack'] as const

export const exampleProductRoute = createRoute({
  method: 'get',
  path: '/sandbox/examples/product_save',
  tags: ['sandbox'],
  operationId: 'sandboxExampleProductSave',
  summary: 'a product/save body valid now for this tenant (its account, POIs and virtual clock), to start from',
  description:
    'kind: groupon 团购套餐, voucher 代金券, time_card 次卡, third_party_code 三方码 (a 团购 with code_source_type 2), ' +
    'combo_pack 组合券包 (refund_mode 1 支持部分退 or 2 不支持部分退; a 双杯券×2 + 饮品5折券×2 + 满60减10×3 pack). Every call gives a new out_id. ' +
    'With bare=true the answer is the body alone, without the envelope, so it can be piped into product/save.',
  request: {
    headers: tenantHeader,
    query: z.object({
      kind: z.enum(EXAMPLE_KINDS).default('groupon'),
      refund_mode: z.enum(['1', '2']).default('2').openapi({ description: 'combo_pack only' }),
      bare: z.enum(['true', 'false']).default('false'),
    }),
  },
  responses: jsonResponses(
    envelopeOf('SandboxExampleProductSave', z.object({ body: z.record(z.string(), z.unknown()) })),
    'the body',
  ),
})
