/** Routes of stores (shop/poi/query) and of 门店匹配. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import { poiQueryRoute } from './shop.contract.js'
import { registerPoiMatchRoutes } from './poi-match.routes.js'
import { queryPois } from './shop.views.js'

export function registerShopRoutes(app: OpenAPIHono<TenantEnv>): void {
  registerPoiMatchRoutes(app)
  app.openapi(poiQueryRoute, (c) => c.json(ok(c, queryPois(c.get('tenant'), c.req.valid('query'))), 200))
}
