/** Routes of 门店匹配 (match/task/submit, match/task/query, match/relation/query). */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { commaItems } from '../../core/lists.js'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import { jsonExact } from '../../http/json-int64.js'
import * as r from './poi-match.contract.js'
import { PoiMatchService } from './poi-match.service.js'

export function registerPoiMatchRoutes(app: OpenAPIHono<TenantEnv>): void {
  const matches = new PoiMatchService()
  app.openapi(r.matchSubmitRoute, (c) =>
    jsonExact(c, ok(c, matches.submit(c.get('tenant'), c.req.valid('json').datas)), 200),
  )
  app.openapi(r.matchTaskQueryRoute, (c) =>
    c.json(ok(c, matches.query(c.get('tenant'), c.req.valid('query').task_id)), 200),
  )
  app.openapi(r.matchRelationRoute, (c) =>
    c.json(ok(c, matches.relations(c.get('tenant'), commaItems(c.req.valid('query').ext_ids))), 200),
  )
}
