/** Wire schemas of the webhook control plane, and the OpenAPI `webhooks` section of the event catalogue. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../http/envelope.schema.js'
import { EVENT_CATALOGUE, EVENT_NAMES, webhookBodySchema } from './webhooks.events.js'

const tenantHeader = z.object({
  'x-sandbox-client-key': z.string().optional().openapi({ description: 'tenant; the default tenant when absent' }),
})

const targetSchema = z
  .object({ client_key: z.string(), url: z.string(), registered_at: z.number().int(), challenge_skipped: z.boolean() })
  .openapi('WebhookTarget')

const deliverySchema = z
  .object({
    delivery_id: z.string(),
    seq: z.number().int(),
    event_id: z.string(),
    event: z.string(),
    msg_id: z.string(),
    entity_type: z.string(),
    entity_id: z.string(),
    url: z.string(),
    attempt: z.number().int(),
    redelivery: z.boolean(),
    request: z.object({ method: z.literal('POST'), headers: z.record(z.string(), z.string()), body: z.string() }),
    status: z.number().int().nullable(),
    response_excerpt: z.string(),
    latency_ms: z.number(),
    error: z.string().nullable(),
    outcome: z.enum(['delivered', 'failed']),
    retry_at: z.number().int().nullable().openapi({
      description: 'after a failed automatic attempt: virtual time (s) of the next retry; null when none follows',
    }),
    given_up: z.boolean().openapi({
      description: 'this failed attempt was the last automatic one: the event was given up and holds its entity',
    }),
    virtual_time: z.number().int(),
    real_time: z.string(),
  })
  .openapi('WebhookDelivery')

const outboxSchema = z
  .object({
    event_id: z.string(),
    seq: z.number().int(),
    event: z.string(),
    entity_type: z.string(),
    entity_id: z.string(),
    msg_id: z.string(),
    body: z.string(),
    status: z.enum(['pending', 'blocked', 'failed']).openapi({
      description:
        'pending: sent or retried on its own; blocked: held behind an earlier undelivered event of the same entity (blocked_by); failed: given up, it holds its entity until redelivered or discarded',
    }),
    blocked_by: z.string().nullable().openapi({ description: 'the earlier event of the same entity it waits for' }),
    attempts: z.number().int(),
    next_attempt_at_ms: z.number().int(),
    created_at: z.number().int(),
    last_error: z.string().nullable(),
    given_up_at: z.number().int().nullable().openapi({ description: 'virtual time it was given up, seconds' }),
    given_up_reason: z.string().nullable(),
  })
  .openapi('OutboxEvent')

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })

export const putWebhookBodySchema = z
  .object({ url: z.string().min(1).max(2048).openapi({ example: 'http://127.0.0.1:9000/douyin/webhook' }) })
  .strict()
export const emitBodySchema = z
  .object({
    event: z.enum(EVENT_NAMES as [string, ...string[]]),
    content: z
      .record(z.string(), z.unknown())
      .openapi({ description: "the event's content as an object; it is sent JSON-encoded" }),
    from_user_id: z.string().optional(),
  })
  .strict()

export const putWebhookRoute = createRoute({
  method: 'put',
  path: '/sandbox/webhooks',
  tags: ['sandbox'],
  operationId: 'sandboxPutWebhook',
  summary: "register the tenant's webhook URL (after the platform's verify_webhook challenge)",
  request: {
    headers: tenantHeader,
    body: json(putWebhookBodySchema),
    query: z.object({
      skip_challenge: z.enum(['true', 'false']).optional().openapi({ description: 'true: save without the challenge' }),
    }),
  },
  responses: jsonResponses(
    envelopeOf('PutWebhook', z.object({ webhook: targetSchema, challenge: z.union([deliverySchema, z.null()]) })),
    'the saved target',
  ),
})

export const getWebhookRoute = createRoute({
  method: 'get',
  path: '/sandbox/webhooks',
  tags: ['sandbox'],
  operationId: 'sandboxGetWebhook',
  summary: 'the webhook URL and the outbox counts',
  request: { headers: tenantHeader },
  responses: jsonResponses(
    envelopeOf(
      'GetWebhook',
      z.object({
        webhook: z.union([targetSchema, z.null()]),
        pending_events: z.number().int(),
        blocked_events: z
          .number()
          .int()
          .openapi({ description: 'events held behind an earlier undelivered event of their entity' }),
        failed_events: z.number().int().openapi({ description: 'events given up after their retries' }),
        dropped_events: z.number().int().openapi({
          description: 'events dropped, oldest first, because the outbox held more than settings.outbox_limit',
        }),
        discarded_events: z
          .number()
          .int()
          .openapi({ description: 'events discarded through POST /sandbox/webhooks/outbox/{event_id}/discard' }),
        timeout_ms: z.number().int(),
      }),
    ),
    'the target',
  ),
})

export const deleteWebhookRoute = createRoute({
  method: 'delete',
  path: '/sandbox/webhooks',
  tags: ['sandbox'],
  operationId: 'sandboxDeleteWebhook',
  summary: 'forget the URL; events wait until one is registered',
  request: { headers: tenantHeader },
  responses: jsonResponses(
    envelopeOf('DeleteWebhook', z.object({ removed: z.boolean() })),
    'whether a URL was registered',
  ),
})

export const outboxRoute = createRoute({
  method: 'get',
  path: '/sandbox/webhooks/outbox',
  tags: ['sandbox'],
  operationId: 'sandboxWebhookOutbox',
  summary: 'events not yet delivered: pending, blocked behind an earlier event of their entity, or given up (failed)',
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('WebhookOutbox', z.object({ events: z.array(outboxSchema) })), 'the outbox'),
})

export const emitRoute = createRoute({
  method: 'post',
  path: '/sandbox/webhooks/events',
  tags: ['sandbox'],
  operationId: 'sandboxEmitWebhook',
  summary: 'queue a catalogue event by hand (to try a receiver)',
  request: { headers: tenantHeader, body: json(emitBodySchema) },
  responses: jsonResponses(envelopeOf('EmitWebhook', z.object({ event: outboxSchema })), 'the queued event'),
})

export const deliveriesRoute = createRoute({
  method: 'get',
  path: '/sandbox/webhooks/deliveries',
  tags: ['sandbox'],
  operationId: 'sandboxWebhookDeliveries',
  summary: 'every delivery attempt, newest first',
  request: {
    headers: tenantHeader,
    query: z.object({
      event: z.string().optional(),
      status: z.enum(['delivered', 'failed']).optional(),
      entity_id: z.string().optional(),
      event_id: z.string().optional(),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(1000)
        .optional()
        .openapi({ type: 'integer', description: 'default 100' }),
    }),
  },
  responses: jsonResponses(
    envelopeOf('WebhookDeliveries', z.object({ deliveries: z.array(deliverySchema), total: z.number().int() })),
    'the attempts',
  ),
})

export const redeliverRoute = createRoute({
  method: 'post',
  path: '/sandbox/webhooks/deliveries/{delivery_id}/redeliver',
  tags: ['sandbox'],
  operationId: 'sandboxRedeliverWebhook',
  summary: 'send a logged event again, now',
  request: { headers: tenantHeader, params: z.object({ delivery_id: z.string().openapi({ example: 'dlv_1' }) }) },
  responses: jsonResponses(envelopeOf('RedeliverWebhook', z.object({ delivery: deliverySchema })), 'the new attempt'),
})

const eventParams = z.object({ event_id: z.string().openapi({ example: 'evt_1' }) })

export const redeliverEventRoute = createRoute({
  method: 'post',
  path: '/sandbox/webhooks/outbox/{event_id}/redeliver',
  tags: ['sandbox'],
  operationId: 'sandboxRedeliverOutboxEvent',
  summary:
    "send an undelivered event now, once; on a 2xx it is delivered and its entity's held events follow in order (refused for an event blocked behind an earlier one)",
  request: { headers: tenantHeader, params: eventParams },
  responses: jsonResponses(
    envelopeOf(
      'RedeliverOutboxEvent',
      z.object({
        delivery: deliverySchema,
        event: z.union([outboxSchema, z.null()]).openapi({ description: 'the event as it stays; null once delivered' }),
      }),
    ),
    'the attempt',
  ),
})

export const discardEventRoute = createRoute({
  method: 'post',
  path: '/sandbox/webhooks/outbox/{event_id}/discard',
  tags: ['sandbox'],
  operationId: 'sandboxDiscardOutboxEvent',
  summary: "remove an undelivered event without sending it; its entity's held events go on",
  request: { headers: tenantHeader, params: eventParams },
  responses: jsonResponses(envelopeOf('DiscardOutboxEvent', z.object({ event: outboxSchema })), 'the discarded event'),
})

/** Documents each catalogue event under the document's `webhooks`. */
export function registerWebhookDocs(app: Pick<OpenAPIHono, 'openAPIRegistry'>): void {
  for (const name of EVENT_NAMES) {
    const spec = EVENT_CATALOGUE[name]
    const component = `${name.replace(/(^|_)(\w)/g, (_m, _s, ch: string) => ch.toUpperCase())}Content`
    app.openAPIRegistry.register(component, spec.content)
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: name,
      tags: ['webhooks'],
      operationId: `webhook_${name}`,
      summary: spec.summary,
      description: `POST to the registered URL. Headers: Msg-Id (a hash of tenant, event, entity and action: the same for the same action on the same entity, as the platform documents, so a receiver may de-duplicate on it; kept by every retry and redelivery), X-Douyin-Signature = lowercase hex SHA-1(client_secret + raw body). \`content\` is the JSON string of the ${name} content schema. Any 2xx within 5 s counts as delivered; otherwise retried after 60, 300 and 900 virtual seconds, then given up. Events of one entity arrive in order: a later one waits while an earlier one is retried, and stays held behind a given-up one until that is redelivered or discarded.`,
      request: {
        headers: z.object({ 'msg-id': z.string(), 'x-douyin-signature': z.string() }),
        body: { content: { 'application/json': { schema: webhookBodySchema } } },
      },
      responses: { 200: { description: 'received' } },
    })
  }
}
