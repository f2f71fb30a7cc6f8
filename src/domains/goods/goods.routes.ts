/** Routes of /goodlife/v1/goods/ and their /goodlife/v1/akte/goods/ aliases. */
import type { OpenAPIHono, RouteConfig, RouteHandler } from '@hono/zod-openapi'
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

export function registerGoodsRoutes(app: OpenAPIHono<TenantEnv>, d: GoodsDeps): void {
  /** Serves a route at its /goodlife/v1/goods/ path and at its /goodlife/v1/akte/goods/ alias. */
  const serve = <R extends RouteConfig>(route: R, handler: RouteHandler<R, TenantEnv>): void => {
    app.openapi(route, handler)
    app.openapi(r.akteAlias(route), handler)
  }
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
  serve(r.categoryGetRoute, (c) => {
    const q = c.req.valid('query')
    return c.json(ok(c, d.catalog.getCategories(q.category_id, q.query_category_type === '1')), 200)
  })
  serve(r.templateGetRoute, (c) => {
    const q = c.req.valid('query')
    return c.json(
      ok(c, {
        ...d.catalog.template(q.product_type, q.category_id),
        spu_attrs: [],
        calendar_attrs: [],
      }),
      200,
    )
  })
  serve(r.productSaveRoute, (c) => c.json(ok(c, d.products.save(tenantOf(c), c.req.valid('json'))), 200))
  serve(r.productOperateRoute, (c) => {
    const b = c.req.valid('json')
    d.lifecycle.operate(tenantOf(c), target(c, b), b.op_type)
    return c.json(ok(c, {}), 200)
  })
  serve(r.productFreeAuditRoute, (c) => {
    const b = c.req.valid('json')
    d.lifecycle.freeAudit(tenantOf(c), target(c, b), b)
    return c.json(ok(c, {}), 200)
  })
  serve(r.stockSyncRoute, (c) => {
    const b = c.req.valid('json')
    d.lifecycle.syncStock(tenantOf(c), target(c, b), b.stock)
    return c.json(ok(c, {}), 200)
  })
  serve(r.skuBatchSaveRoute, (c) => {
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
  serve(r.draftGetRoute, (c) => jsonExact(c, ok(c, d.views.draftGet(tenantOf(c), c.req.valid('query'))), 200))
  serve(r.draftQueryRoute, (c) => {
    const q = c.req.valid('query')
    return jsonExact(
      c,
      ok(
        c,
        d.views.draftQuery(tenantOf(c), {
          cursor: q.cursor,
          count: q.count,
          status: q.status,
        }),
      ),
      200,
    )
  })
  serve(r.onlineGetRoute, (c) => jsonExact(c, ok(c, d.views.onlineGet(tenantOf(c), c.req.valid('query'))), 200))
  serve(r.onlineQueryRoute, (c) => {
    return jsonExact(c, ok(c, d.views.onlineQuery(tenantOf(c), c.req.valid('query'))), 200)
  })
}
