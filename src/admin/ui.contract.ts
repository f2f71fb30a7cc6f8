/** Wire schema and route of /sandbox/ui/state (what the dashboard shows). */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../http/envelope.schema.js'

export const stateRoute = createRoute({
  method: 'get',
  path: '/sandbox/ui/state',
  tags: ['sandbox'],
  operationId: 'sandboxUiState',
  summary:
    'what the console shows: clock, products, orders with their coupons (code, encrypted_code, QR payload, ' +
    'cancel deadline), after-sales, ledger records, deliveries, undelivered webhook events, journal, faults',
  request: { headers: z.object({ 'x-sandbox-client-key': z.string().optional() }) },
  responses: jsonResponses(
    envelopeOf(
      'SandboxUiState',
      z.object({
        client_key: z.string(),
        clock: z.record(z.string(), z.unknown()),
        products: z.array(z.record(z.string(), z.unknown())),
        orders: z.array(z.record(z.string(), z.unknown())),
        after_sales: z.array(z.record(z.string(), z.unknown())),
        ledger: z.array(z.record(z.string(), z.unknown())),
        deliveries: z.array(z.record(z.string(), z.unknown())),
        outbox: z.array(z.record(z.string(), z.unknown())),
        journal: z.array(z.record(z.string(), z.unknown())),
        faults: z.array(z.record(z.string(), z.unknown())),
      }),
    ),
    'the dashboard state',
  ),
})
