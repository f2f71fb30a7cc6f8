/** Routes of /oauth/. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../../http/env.js'
import { clientTokenRequestSchema, clientTokenRoute } from './oauth.contract.js'
import type { OauthService } from './oauth.service.js'

export function registerOauthRoutes(app: OpenAPIHono<Env>, oauth: OauthService): void {
  app.openapi(clientTokenRoute, (c) => {
    // JSON or form; without a Content-Type the validators pass {} through, so the schema is applied here too.
    const raw = c.req.header('content-type')?.includes('form') ? c.req.valid('form') : c.req.valid('json')
    const token = oauth.issueClientToken(clientTokenRequestSchema.parse(raw))
    c.set('tenant', oauth.tenantOf(token.access_token))
    c.set('errorCode', 0)
    return c.json({ data: { ...token, error_code: 0 as const, description: '' }, message: 'success' as const }, 200)
  })
}
