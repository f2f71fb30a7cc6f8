/** Wire schemas of the control plane (/sandbox/…), tag `sandbox`. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../http/envelope.schema.js'
import { wireInt } from '../http/wire-int.js'

const tenantHeader = z.object({
  'x-sandbox-client-key': z
    .string()
    .optional()
    .openapi({ description: 'tenant to act on; the default tenant when absent' }),
})

const clockSchema = z
  .object({
    now: z.number().int().openapi({ description: 'virtual now, Unix seconds' }),
    now_ms: z.number().int(),
    iso: z.string().openapi({ example: '2026-01-01T00:00:00.000Z' }),
    frozen: z.boolean(),
    offset_seconds: z.number().int().openapi({ description: 'virtual minus real time while running' }),
    pending_jobs: z.number().int(),
    next_job_at: z.number().int().nullable().openapi({ description: 'due time of the next job, Unix seconds' }),
  })
  .openapi('Clock')

const jobRunSchema = z
  .object({
    job_id: z.string(),
    kind: z.string().openapi({ example: 'oauth.token_expire' }),
    due_at: z.number().int(),
    payload: z.record(z.string(), z.unknown()),
    result: z.unknown().optional(),
    error: z.string().optional(),
  })
  .openapi('JobRun')

const poiSchema = z.object({ poi_id: z.string(), poi_name: z.string() })

const tenantSchema = z
  .object({
    client_key: z.string(),
    client_secret: z.string(),
    account_id: z.string(),
    account_name: z.string(),
    poi_ids: z.array(z.string()),
    pois: z.array(poiSchema),
    is_default: z.boolean(),
  })
  .openapi('Tenant')

/** Latest instant the sandbox accepts: 9999-12-31T23:59:59Z. */
export const MAX_INSTANT_SECONDS = 253402300799

const instantSchema = z.union([wireInt({ min: 0, max: MAX_INSTANT_SECONDS }), z.string().min(1).max(64)]).openapi({
  description: 'Unix seconds, or an ISO-8601 date',
  example: '2026-01-01T00:00:00+08:00',
})

export const createTenantBodySchema = z
  .object({
    client_key: z
      .string()
      .regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be 4–64 letters, digits, _ or -')
      .optional(),
    client_secret: z
      .string()
      .regex(/^[\x21-\x7e]{16,128}$/, 'must be 16–128 printable ASCII characters without spaces')
      .optional()
      .openapi({
        description:
          "the tenant's secret (default: 32 random hex digits), e.g. the one a receiver under test is configured with",
      }),
    seed: z.string().min(1).max(200).optional(),
    frozen_at: instantSchema.optional().openapi({ description: "start the tenant's clock frozen at this instant" }),
  })
  .strict()

export const advanceBodySchema = z
  .object({
    seconds: wireInt({ min: 1, max: 100 * 365 * 86400 }).openapi({ example: 3600 }),
  })
  .strict()

export const freezeBodySchema = z.object({ at: instantSchema.optional() }).strict()

const json = <T extends z.ZodType>(schema: T, required: boolean) => ({
  required,
  content: { 'application/json': { schema } },
})

export const healthRoute = createRoute({
  method: 'get',
  path: '/sandbox/health',
  tags: ['sandbox'],
  operationId: 'sandboxHealth',
  summary: 'liveness and version',
  responses: jsonResponses(
    envelopeOf('Health', z.object({ status: z.literal('ok'), version: z.string() })),
    'the sandbox is up',
  ),
})

export const createTenantRoute = createRoute({
  method: 'post',
  path: '/sandbox/tenants',
  tags: ['sandbox'],
  operationId: 'sandboxCreateTenant',
  summary: 'create an isolated tenant (own credentials, data and clock)',
  request: { body: json(createTenantBodySchema, false) },
  responses: jsonResponses(envelopeOf('CreateTenant', tenantSchema), 'the new tenant'),
})

export const listTenantsRoute = createRoute({
  method: 'get',
  path: '/sandbox/tenants',
  tags: ['sandbox'],
  operationId: 'sandboxListTenants',
  summary: 'every tenant with its credentials',
  responses: jsonResponses(envelopeOf('ListTenants', z.object({ tenants: z.array(tenantSchema) })), 'the tenants'),
})

export const deleteTenantRoute = createRoute({
  method: 'delete',
  path: '/sandbox/tenants/{client_key}',
  tags: ['sandbox'],
  operationId: 'sandboxDeleteTenant',
  summary: 'delete a tenant: its credentials, tokens, data, clock and jobs (not the default tenant)',
  description:
    "Waits for the tenant's webhook deliveries in flight, then forgets it; its tokens answer 2190002 from then on. " +
    'Errors: 4000001 no such tenant; 4000002 the default tenant (reset it instead).',
  request: {
    params: z.object({
      client_key: z.string().min(1).openapi({ description: 'the tenant to delete', example: 'awscenario0000001' }),
    }),
  },
  responses: jsonResponses(
    envelopeOf('DeleteTenant', z.object({ client_key: z.string(), deleted: z.literal(true) })),
    'the tenant is gone',
  ),
})

export const resetRoute = createRoute({
  method: 'post',
  path: '/sandbox/reset',
  tags: ['sandbox'],
  operationId: 'sandboxReset',
  summary: 'put the tenant back to its fixtures, clock included (tokens survive)',
  request: { headers: tenantHeader },
  responses: jsonResponses(
    envelopeOf('Reset', z.object({ client_key: z.string(), clock: clockSchema })),
    'the tenant after reset',
  ),
})

export const getClockRoute = createRoute({
  method: 'get',
  path: '/sandbox/clock',
  tags: ['sandbox'],
  operationId: 'sandboxGetClock',
  summary: "the tenant's virtual clock",
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('GetClock', z.object({ clock: clockSchema })), 'the clock'),
})

export const advanceClockRoute = createRoute({
  method: 'post',
  path: '/sandbox/clock/advance',
  tags: ['sandbox'],
  operationId: 'sandboxAdvanceClock',
  summary: 'move virtual time forward, running every job that falls due, in order',
  request: { headers: tenantHeader, body: json(advanceBodySchema, true) },
  responses: jsonResponses(
    envelopeOf('AdvanceClock', z.object({ clock: clockSchema, ran: z.array(jobRunSchema) })),
    'the clock and the jobs that ran',
  ),
})

export const freezeClockRoute = createRoute({
  method: 'post',
  path: '/sandbox/clock/freeze',
  tags: ['sandbox'],
  operationId: 'sandboxFreezeClock',
  summary: 'stop virtual time (at `at`, which may not be in the virtual past; jobs up to it run)',
  request: { headers: tenantHeader, body: json(freezeBodySchema, false) },
  responses: jsonResponses(
    envelopeOf('FreezeClock', z.object({ clock: clockSchema, ran: z.array(jobRunSchema) })),
    'the frozen clock',
  ),
})

export const unfreezeClockRoute = createRoute({
  method: 'post',
  path: '/sandbox/clock/unfreeze',
  tags: ['sandbox'],
  operationId: 'sandboxUnfreezeClock',
  summary: 'let virtual time run again from where it stood',
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('UnfreezeClock', z.object({ clock: clockSchema })), 'the running clock'),
})
