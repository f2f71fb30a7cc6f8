/** Wire schemas and routes of /sandbox/journal. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../http/envelope.schema.js'

/** Entries kept per tenant; older ones drop off (a page of the journal holds at most this many). */
export const JOURNAL_SIZE = 2000
const optionalNumber = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v))

const entrySchema = z
  .object({
    seq: z.number().int(),
    method: z.string(),
    path: z.string(),
    query: z.string(),
    body: z.string().openapi({ description: 'request body, up to 2 KiB' }),
    request_headers: z
      .record(z.string(), z.string())
      .openapi({ description: 'request headers; Authorization and access-token shortened' }),
    status: z.number().int(),
    response_body: z.string().openapi({ description: 'JSON answer, up to 2 KiB' }),
    error_code: z.number().int().nullable(),
    latency_ms: z.number(),
    virtual_time: z.number().int(),
    logid: z.string(),
  })
  .openapi('JournalEntry')
const tenantHeader = z.object({ 'x-sandbox-client-key': z.string().optional() })

export const getRoute = createRoute({
  method: 'get',
  path: '/sandbox/journal',
  tags: ['sandbox'],
  operationId: 'sandboxJournal',
  summary: "the tenant's requests, newest first (requests without a tenant go to the default tenant)",
  request: {
    headers: tenantHeader,
    query: z.object({
      path: z.string().optional().openapi({ description: 'part of the path' }),
      method: z.string().optional(),
      error_code: z
        .string()
        .regex(/^-?\d+$/)
        .optional()
        .transform(optionalNumber),
      since: z
        .string()
        .regex(/^\d+$/)
        .optional()
        .openapi({ description: 'virtual Unix seconds' })
        .transform(optionalNumber),
      limit: z
        .string()
        .regex(/^\d+$/)
        .optional()
        .openapi({ description: 'default 100, at most 2000' })
        .transform((v) => Math.min(Math.max(Number(v ?? 100), 1), JOURNAL_SIZE)),
    }),
  },
  responses: jsonResponses(
    envelopeOf('SandboxJournal', z.object({ entries: z.array(entrySchema), count: z.number().int() })),
    'the entries and how many matched',
  ),
})
export const deleteRoute = createRoute({
  method: 'delete',
  path: '/sandbox/journal',
  tags: ['sandbox'],
  operationId: 'sandboxClearJournal',
  summary: "empty the tenant's journal",
  request: { headers: tenantHeader },
  responses: jsonResponses(
    envelopeOf('SandboxClearJournal', z.object({ cleared: z.number().int() })),
    'how many entries went',
  ),
})
