/**
 * The HTTP application: middleware in order (context, durability, journal, Host and control-plane access, body checks, gateway auth, control-plane
 * tenant), then every route, then the one error renderer. Holds no state; services come in.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { TrieRouter } from 'hono/router/trie-router'
import { getPath } from 'hono/utils/url'
import { registerAdminRoutes } from './admin/admin.routes.js'
import { registerSandboxGoodsRoutes } from './admin/sandbox-goods.routes.js'
import { registerSnapshotRoutes } from './admin/snapshots.routes.js'
import type { SnapshotService } from './admin/snapshots.service.js'
import { registerJournalRoutes, type Journal } from './admin/journal.js'
import type { Faults } from './admin/faults.js'
import { applyFaults, registerFaultRoutes } from './admin/faults.routes.js'
import { registerUiRoutes } from './admin/ui.routes.js'
import { registerScenarioRunRoutes, ScenarioRuns, type ScenarioRunner } from './admin/scenario-runs.js'
import { registerDocsRoutes } from './docs/docs.routes.js'
import { registerAfterSaleRoutes } from './domains/after-sale/after-sale.routes.js'
import type { RefundService } from './domains/after-sale/refund.service.js'
import { registerSettleRoutes } from './domains/settle/settle.routes.js'
import { registerShopRoutes } from './domains/shop/shop.routes.js'
import { registerMemberRoutes } from './domains/member/member.routes.js'
import { registerCommentRoutes } from './domains/comment/comment.routes.js'
import { registerBillFileRoutes } from './domains/settle/bill-files.routes.js'
import type { RefundSpiService } from './spi/refund-spi.js'
import { registerSpiRoutes } from './spi/spi.routes.js'
import type { SpiService } from './spi/spi.service.js'
import { registerFulfilmentRoutes } from './domains/fulfilment/fulfilment.routes.js'
import type { FulfilmentViews } from './domains/fulfilment/fulfilment.views.js'
import type { VerifyService } from './domains/fulfilment/verify.service.js'
import { registerGoodsRoutes, type GoodsDeps } from './domains/goods/goods.routes.js'
import { registerOauthRoutes } from './domains/oauth/oauth.routes.js'
import type { OauthService } from './domains/oauth/oauth.service.js'
import type { PurchaseService } from './domains/trade/purchase.service.js'
import { registerTradeRoutes } from './domains/trade/trade.routes.js'
import { controlPlaneTenant, requireAccessToken } from './http/auth.js'
import { allowedOriginsCors, controlPlaneGuard, hostGuard, platformCrossSiteGuard } from './http/access.js'
import { bodyGuard } from './http/body.js'
import { phpArrayQuery } from './http/php-arrays.js'
import type { Env, HttpCore, TenantEnv } from './http/env.js'
import { notFound, onError, renderError, toSandboxError } from './http/render.js'
import { validationHook } from './http/validation.js'
import type { Store } from './store/store.js'
import type { Tenant } from './tenants/tenant.js'
import type { Tenants } from './tenants/tenants.service.js'
import { registerWebhookDocs } from './webhooks/webhooks.contract.js'
import { registerWebhookRoutes } from './webhooks/webhooks.routes.js'
import type { WebhooksService } from './webhooks/webhooks.service.js'

export interface AppServices {
  store: Store
  version: string
  journal: Journal
  faults: Faults
  tenants: Tenants
  snapshots: SnapshotService
  oauth: OauthService
  webhooks: WebhooksService
  goods: GoodsDeps
  verify: VerifyService
  fulfilmentViews: FulfilmentViews
  purchases: PurchaseService
  refunds: RefundService
  spi: SpiService
  refundSpi: RefundSpiService
  /** waits for a tenant's webhook deliveries in flight (before it is deleted) */
  settleDeliveries: (tenant: Tenant) => Promise<void>
  /** the scenarios the control plane can run (none when not given) */
  scenarios?: ScenarioRunner | undefined
}

/** Platform paths are canonical with a trailing slash, the control plane without; both spellings are served. */
function normalisePath(req: Request): string {
  const p = getPath(req)
  if (p.startsWith('/goodlife/') || p.startsWith('/oauth/')) return p.endsWith('/') ? p : `${p}/`
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p
}

/** The scoped routes' guarantee: authentication or tenant resolution ran before them and found a tenant. */
const assertTenant: MiddlewareHandler<TenantEnv> = async (c, next) => {
  if (!c.get('tenant')) throw new Error(`no tenant resolved for ${c.req.path} before its handler`)
  await next()
}

export function buildApp(core: HttpCore, s: AppServices): OpenAPIHono<Env> {
  const app = new OpenAPIHono<Env>({ defaultHook: validationHook, getPath: normalisePath, router: new TrieRouter() })
  app.use('*', async (c, next) => {
    c.set('core', core)
    c.set('style', c.req.path.startsWith('/oauth/') ? 'oauth' : 'platform')
    await next()
    try {
      await s.store.sync() // answer only once the request's writes are on disk
    } catch (e) {
      c.res = renderError(c, toSandboxError(e, c))
    }
  })
  app.use('*', s.journal.middleware(s.tenants, core.realTime))
  app.use('*', hostGuard(core.access))
  app.use('/sandbox/*', allowedOriginsCors(core.access))
  app.use('/sandbox/*', controlPlaneGuard(core.access))
  app.use('/oauth/*', platformCrossSiteGuard(core.access))
  app.use('/goodlife/*', platformCrossSiteGuard(core.access))
  app.use('*', bodyGuard())
  app.use('/goodlife/*', phpArrayQuery())
  app.use('/goodlife/*', requireAccessToken(s.oauth))
  app.use('/sandbox/*', controlPlaneTenant(s.tenants))
  app.use('*', applyFaults(app, s.faults))

  registerOauthRoutes(app, s.oauth)
  // every /goodlife/ and /sandbox/ route, on a sub-app whose handlers know their tenant (set by the middleware above)
  const scoped = new OpenAPIHono<TenantEnv>({ defaultHook: validationHook })
  scoped.use('/goodlife/*', assertTenant)
  scoped.use('/sandbox/*', assertTenant)
  registerGoodsRoutes(scoped, s.goods)
  registerFulfilmentRoutes(scoped, s.verify, s.fulfilmentViews)
  registerTradeRoutes(scoped, s.purchases)
  registerSpiRoutes(scoped, s.spi, s.refundSpi)
  registerAfterSaleRoutes(scoped, s.refunds)
  registerSettleRoutes(scoped)
  registerShopRoutes(scoped)
  registerMemberRoutes(scoped)
  registerCommentRoutes(scoped)
  registerBillFileRoutes(scoped, s.tenants)
  registerAdminRoutes(scoped, s.tenants, s.version, s.settleDeliveries)
  registerSnapshotRoutes(scoped, s.snapshots)
  registerJournalRoutes(scoped, s.journal)
  registerFaultRoutes(scoped, s.faults)
  registerUiRoutes(scoped, s.journal, s.faults)
  registerScenarioRunRoutes(scoped, new ScenarioRuns(s.scenarios))
  registerSandboxGoodsRoutes(scoped, s.goods.lifecycle)
  registerWebhookRoutes(scoped, s.webhooks)
  app.route('/', scoped)
  registerWebhookDocs(app)
  registerDocsRoutes(app, s.version)
  app.onError(onError)
  app.notFound(notFound)
  return app
}
