/** Routes of the webhook control plane (/sandbox/webhooks…). */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import * as contract from './webhooks.contract.js'
import type { EventName } from './webhooks.events.js'
import type { WebhooksService } from './webhooks.service.js'

export function registerWebhookRoutes(app: OpenAPIHono<TenantEnv>, webhooks: WebhooksService): void {
  app.openapi(contract.putWebhookRoute, async (c) => {
    const skip = c.req.valid('query').skip_challenge === 'true'
    return c.json(ok(c, await webhooks.register(c.get('tenant'), c.req.valid('json').url, skip)), 200)
  })

  app.openapi(contract.getWebhookRoute, (c) => c.json(ok(c, webhooks.status(c.get('tenant'))), 200))

  app.openapi(contract.deleteWebhookRoute, (c) => c.json(ok(c, { removed: webhooks.unregister(c.get('tenant')) }), 200))

  app.openapi(contract.outboxRoute, (c) => c.json(ok(c, { events: webhooks.outbox(c.get('tenant')) }), 200))

  app.openapi(contract.emitRoute, (c) => {
    const body = c.req.valid('json')
    const input = { event: body.event as EventName, content: body.content as never, from_user_id: body.from_user_id }
    const tenant = c.get('tenant')
    return c.json(ok(c, { event: webhooks.view(tenant, webhooks.emit(tenant, input)) }), 200)
  })

  app.openapi(contract.deliveriesRoute, (c) =>
    c.json(ok(c, webhooks.deliveries(c.get('tenant'), c.req.valid('query'))), 200),
  )

  app.openapi(contract.redeliverRoute, async (c) =>
    c.json(ok(c, { delivery: await webhooks.redeliver(c.get('tenant'), c.req.valid('param').delivery_id) }), 200),
  )

  app.openapi(contract.redeliverEventRoute, async (c) =>
    c.json(ok(c, await webhooks.redeliverEvent(c.get('tenant'), c.req.valid('param').event_id)), 200),
  )

  app.openapi(contract.discardEventRoute, (c) =>
    c.json(ok(c, { event: webhooks.discardEvent(c.get('tenant'), c.req.valid('param').event_id) }), 200),
  )
}
