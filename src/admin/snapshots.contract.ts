/** Wire schemas and routes of /sandbox/snapshots. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../http/envelope.schema.js'

const int = () => z.number().int()
const nameSchema = z.string().regex(/^[\w.-]{1,64}$/, 'must be 1–64 letters, digits, _, . or -')
const tenantHeader = z.object({ 'x-sandbox-client-key': z.string().optional() })
const infoSchema = z.object({ name: z.string(), created_at: int(), records: int() }).openapi('SnapshotInfo')

export const saveRoute = createRoute({
  method: 'post',
  path: '/sandbox/snapshots',
  tags: ['sandbox'],
  operationId: 'sandboxSaveSnapshot',
  summary: "save the tenant's whole state under a name (replacing one of the same name)",
  request: {
    headers: tenantHeader,
    body: { required: true, content: { 'application/json': { schema: z.object({ name: nameSchema }).strict() } } },
  },
  responses: jsonResponses(envelopeOf('SandboxSaveSnapshot', z.object({ snapshot: infoSchema })), 'saved'),
})
export const listRoute = createRoute({
  method: 'get',
  path: '/sandbox/snapshots',
  tags: ['sandbox'],
  operationId: 'sandboxListSnapshots',
  summary: "the tenant's snapshots",
  request: { headers: tenantHeader },
  responses: jsonResponses(
    envelopeOf('SandboxListSnapshots', z.object({ snapshots: z.array(infoSchema) })),
    'the snapshots',
  ),
})
export const restoreRoute = createRoute({
  method: 'post',
  path: '/sandbox/snapshots/{name}/restore',
  tags: ['sandbox'],
  operationId: 'sandboxRestoreSnapshot',
  summary: 'put the tenant back to a snapshot, clock and pending jobs included',
  request: { headers: tenantHeader, params: z.object({ name: nameSchema }) },
  responses: jsonResponses(
    envelopeOf('SandboxRestoreSnapshot', z.object({ snapshot: infoSchema, clock: z.record(z.string(), z.unknown()) })),
    'restored',
  ),
})
export const deleteRoute = createRoute({
  method: 'delete',
  path: '/sandbox/snapshots/{name}',
  tags: ['sandbox'],
  operationId: 'sandboxDeleteSnapshot',
  summary: 'forget a snapshot',
  request: { headers: tenantHeader, params: z.object({ name: nameSchema }) },
  responses: jsonResponses(envelopeOf('SandboxDeleteSnapshot', z.object({ deleted: z.boolean() })), 'deleted'),
})
