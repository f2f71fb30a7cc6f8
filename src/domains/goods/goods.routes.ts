/** Routes of /goodlife/v1/goods/. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import { categoryGetRoute } from './goods.contract.js'
import type { GoodsService } from './goods.service.js'

export function registerGoodsRoutes(app: OpenAPIHono<Env>, goods: GoodsService): void {
  app.openapi(categoryGetRoute, (c) => {
    const q = c.req.valid('query')
    return c.json(ok(c, goods.getCategories(Number(q.category_id ?? 0), q.query_category_type === '1')), 200)
  })
}
