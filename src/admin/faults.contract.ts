/** Wire schemas and routes of /sandbox/faults: request faults and outbound (webhook, SPI) faults. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../http/envelope.schema.js'
import { wireInt } from '../http/wire-int.js'

const common = {
  times: wireInt({ min: 1, max: 1_000_000 })
    .optional()
    .openapi({ description: 'applies to the next N matches, then disappears' }),
  probability: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .openapi({ description: 'applies to a match with this probability (seeded)' }),
}

export const requestFaultSchema = z
  .object({
    target: z
      .undefined()
      .optional()
      .openapi({ type: 'null', description: 'absent: a request fault (an outbound fault names its target)' }),
    operation: z.string().min(1).optional().openapi({ description: 'operationId, e.g. certificateVerify' }),
    path: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'request path, e.g. /goodlife/v1/fulfilment/certificate/verify/' }),
    method: z.string().min(1).optional(),
    match: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .openapi({ description: 'query or JSON-body fields that must equal (or, for arrays, contain) these values' }),
    error_code: wireInt().optional().openapi({
      description: 'answer this platform error code (HTTP 200), e.g. 2119002 busy, 2119003 rate limited, 2100004',
    }),
    description: z.string().max(500).optional(),
    latency_ms: z
      .union([
        wireInt({ min: 0, max: 60_000 }),
        z.object({ min: wireInt({ min: 0 }), max: wireInt({ max: 60_000 }) }).strict(),
      ])
      .optional(),
    drop_connection: z.boolean().optional().openapi({ description: 'close the connection without an answer' }),
    ...common,
  })
  .strict()
  .refine((r) => r.operation !== undefined || r.path !== undefined, {
    message: 'a request fault needs operation or path',
  })
  .refine((r) => r.error_code !== undefined || r.latency_ms !== undefined || r.drop_connection === true, {
    message: 'a request fault needs error_code, latency_ms or drop_connection',
  })

export const outboundFaultSchema = z
  .object({
    target: z.enum(['webhook', 'spi']),
    event: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'webhook event or SPI name (pre_create_order, issue_code, …); any when absent' }),
    action: z.enum(['drop', 'delay', 'duplicate']),
    delay_ms: wireInt({ min: 0, max: 60_000 }).optional(),
    ...common,
  })
  .strict()

/** A request fault, or an outbound one when it names a `target`: a bad field is reported for the kind it is. */
export const faultSchema = z.discriminatedUnion('target', [requestFaultSchema, outboundFaultSchema])

const tenantHeader = z.object({ 'x-sandbox-client-key': z.string().optional() })
const listData = z.object({ faults: z.array(z.record(z.string(), z.unknown())) })

export const putRoute = createRoute({
  method: 'put',
  path: '/sandbox/faults',
  tags: ['sandbox'],
  operationId: 'sandboxPutFaults',
  summary: "replace the tenant's fault rules",
  request: {
    headers: tenantHeader,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ faults: z.array(faultSchema).max(100) }).strict() } },
    },
  },
  responses: jsonResponses(envelopeOf('SandboxPutFaults', listData), 'the active rules'),
})
export const getRoute = createRoute({
  method: 'get',
  path: '/sandbox/faults',
  tags: ['sandbox'],
  operationId: 'sandboxGetFaults',
  summary: "the tenant's active fault rules",
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('SandboxGetFaults', listData), 'the active rules'),
})
export const deleteRoute = createRoute({
  method: 'delete',
  path: '/sandbox/faults',
  tags: ['sandbox'],
  operationId: 'sandboxClearFaults',
  summary: 'remove every fault rule of the tenant',
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('SandboxClearFaults', z.object({ cleared: z.number().int() })), 'how many went'),
})
