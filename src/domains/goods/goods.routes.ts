/** Routes of /goodlife/v1/goods/ and their /goodlife/v1/akte/goods/ aliases. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import { jsonExact } from '../../http/json-int64.js'
import type { Tenant } from '../../tenants/tenant.js'
import { combinationRuleSchema } from './combo.js'
import * as r from './goods.contract.js'
import type { CatalogService } from './goods.service.js'
import type { ProductLifecycle } from './product.lifecycle.js'
import { findProduct, type ProductService } from './product.service.js'
import type { ProductViews } from './product.views.js'
import { skuGetRoute } from './sku-get.contract.js'
import { skuGet } from './sku-get.js'
import { registerCalendarRoutes } from './calendar.routes.js'

export interface GoodsDeps {
  catalog: CatalogService
  products: ProductService
  lifecycle: ProductLifecycle
  views: ProductViews
}

const tenantOf = (c: Context<TenantEnv>): Tenant => c.get('tenant')
const pageSize = (raw: string | undefined, max: number) => Math.min(Math.max(Number(raw ?? 5) || 5, 1), max)

export function registerGoodsRoutes(app: OpenAPIHono<TenantEnv>, d: GoodsDeps): void {
  /** The product a write names; a combo pack's sub-product is refused (it changes only with its pack). */
  const target = (c: Context<TenantEnv>, b: { product_id?: string | undefined; out_id?: string | undefined }) => {
    d.lifecycle.refuseSubProduct(tenantOf(c), b.product_id)
    return findProduct(tenantOf(c), b)
  }
  app.openAPIRegistry.register(
    'CombinationRule',
    combinationRuleSchema.meta({
      description:
        '组套规则: the JSON inside product.attr_key_value_map.combination_rule of a combo pack (product_form_type 2)',
    }),
  )
  registerCalendarRoutes(app, d.catalog)
  app.openapi(skuGetRoute, (c) => c.json(ok(c, skuGet(tenantOf(c), d.views, c.req.valid('query'))), 200))
  for (const route of [r.categoryGetRoute, r.akteAlias(r.categoryGetRoute)]) {
    app.openapi(route, (c) => {
      const q = c.req.valid('query')
      return c.json(ok(c, d.catalog.getCategories(Number(q.category_id ?? 0), q.query_category_type === '1')), 200)
    })
  }
  for (const route of [r.templateGetRoute, r.akteAlias(r.templateGetRoute)]) {
    app.openapi(route, (c) => {
      const q = c.req.valid('query')
      return c.json(
        ok(c, {
          ...d.catalog.template(Number(q.product_type), Number(q.category_id)),
          spu_attrs: [],
          calendar_attrs: [],
        }),
        200,
      )
    })
  }
  for (const route of [r.productSaveRoute, r.akteAlias(r.productSaveRoute)]) {
    app.openapi(route, (c) => c.json(ok(c, d.products.save(tenantOf(c), c.req.valid('json'))), 200))
  }
  for (const route of [r.productOperateRoute, r.akteAlias(r.productOperateRoute)]) {
    app.openapi(route, (c) => {
      const b = c.req.valid('json')
      d.lifecycle.operate(tenantOf(c), target(c, b), b.op_type)
      return c.json(ok(c, {}), 200)
    })
  }
  for (const route of [r.productFreeAuditRoute, r.akteAlias(r.productFreeAuditRoute)]) {
    app.openapi(route, (c) => {
      const b = c.req.valid('json')
      d.lifecycle.freeAudit(tenantOf(c), target(c, b), b)
      return c.json(ok(c, {}), 200)
    })
  }
  for (const route of [r.stockSyncRoute, r.akteAlias(r.stockSyncRoute)]) {
    app.openapi(route, (c) => {
      const b = c.req.valid('json')
      d.lifecycle.syncStock(tenantOf(c), target(c, b), b.stock)
      return c.json(ok(c, {}), 200)
    })
  }
  for (const route of [r.skuBatchSaveRoute, r.akteAlias(r.skuBatchSaveRoute)]) {
    app.openapi(route, (c) => {
      const b = c.req.valid('json')
      return c.json(
        ok(
          c,
          d.products.batchSaveSkus(
            tenantOf(c),
            findProduct(tenantOf(c), { product_id: b.product_id, out_id: b.out_id ?? b.product_out_id }),
            b.skus,
          ),
        ),
        200,
      )
    })
  }
  for (const route of [r.draftGetRoute, r.akteAlias(r.draftGetRoute)]) {
    app.openapi(route, (c) => jsonExact(c, ok(c, d.views.draftGet(tenantOf(c), c.req.valid('query'))), 200))
  }
  for (const route of [r.draftQueryRoute, r.akteAlias(r.draftQueryRoute)]) {
    app.openapi(route, (c) => {
      const q = c.req.valid('query')
      return jsonExact(
        c,
        ok(
          c,
          d.views.draftQuery(tenantOf(c), {
            cursor: q.cursor,
            count: pageSize(q.count, 50),
            status: q.status === undefined ? undefined : Number(q.status),
          }),
        ),
        200,
      )
    })
  }
  for (const route of [r.onlineGetRoute, r.akteAlias(r.onlineGetRoute)]) {
    app.openapi(route, (c) => jsonExact(c, ok(c, d.views.onlineGet(tenantOf(c), c.req.valid('query'))), 200))
  }
  for (const route of [r.onlineQueryRoute, r.akteAlias(r.onlineQueryRoute)]) {
    app.openapi(route, (c) => {
      const q = c.req.valid('query')
      const count = pageSize(q.count, q.query_all_poi === 'true' || q.query_all_poi === '1' ? 20 : 50)
      return jsonExact(
        c,
        ok(
          c,
          d.views.onlineQuery(tenantOf(c), {
            ...q,
            count,
            status: q.status === undefined ? undefined : Number(q.status),
          }),
        ),
        200,
      )
    })
  }
}
