/** Routes of spu/save and the calendar groups. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import * as r from './calendar.contract.js'
import { saveCalendarAttrs, saveCalendarStock } from './calendar.js'
import type { CatalogService } from './goods.service.js'
import { saveSpu } from './spu.js'

export function registerCalendarRoutes(app: OpenAPIHono<TenantEnv>, catalog: CatalogService): void {
  app.openapi(r.spuSaveRoute, (c) => c.json(ok(c, saveSpu(c.get('tenant'), catalog, c.req.valid('json').spu)), 200))
  app.openapi(r.calendarAttrSaveRoute, (c) =>
    c.json(ok(c, saveCalendarAttrs(c.get('tenant'), c.req.valid('json').calendar_static_attr_group)), 200),
  )
  app.openapi(r.calendarStockSaveRoute, (c) =>
    c.json(ok(c, saveCalendarStock(c.get('tenant'), c.req.valid('json').calendar_stock_group)), 200),
  )
}
