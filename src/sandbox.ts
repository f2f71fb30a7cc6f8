/**
 * createSandbox(deps) builds the whole sandbox from its dependencies; nothing is created at import time.
 * Tests build one per test (memory store, frozen clock, fixed seed); main.ts builds one and serves it.
 */
import { readFileSync } from 'node:fs'
import { packageFile } from './core/package-files.js'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AdminCollections, AdminSysCollections } from './admin/admin.collections.js'
import type { AfterSaleCollections } from './domains/after-sale/after-sale.collections.js'
import type { CommentCollections } from './domains/comment/comment.collections.js'
import type { FulfilmentCollections } from './domains/fulfilment/fulfilment.collections.js'
import type { GoodsCollections } from './domains/goods/goods.collections.js'
import type { MemberCollections } from './domains/member/member.collections.js'
import type { OauthSysCollections } from './domains/oauth/oauth.collections.js'
import type { SettleCollections } from './domains/settle/settle.collections.js'
import type { ShopCollections } from './domains/shop/shop.collections.js'
import type { TradeCollections } from './domains/trade/trade.collections.js'
import type { SpiCollections, SpiSysCollections } from './spi/spi.collections.js'
import type { WebhookCollections, WebhookSysCollections } from './webhooks/webhooks.collections.js'
import { Journal } from './admin/journal.js'
import { SnapshotService } from './admin/snapshots.service.js'
import type { ScenarioRunner } from './admin/scenario-runs.js'
import { Faults } from './admin/faults.js'
import { buildApp } from './app.js'
import { systemTime, type RealTime } from './core/clock.js'
import { memoryHolder, SeededRandom, seedState } from './core/random.js'
import type { JobHandler } from './core/scheduler.js'
import { FulfilmentViews } from './domains/fulfilment/fulfilment.views.js'
import { VerifyService } from './domains/fulfilment/verify.service.js'
import { CatalogService } from './domains/goods/goods.service.js'
import { AUDIT_JOB, ProductLifecycle, SOLD_END_JOB } from './domains/goods/product.lifecycle.js'
import { ProductService } from './domains/goods/product.service.js'
import { ProductViews } from './domains/goods/product.views.js'
import { OauthService, TOKEN_EXPIRE_JOB } from './domains/oauth/oauth.service.js'
import { oauthStore } from './domains/oauth/oauth.store.js'
import { PurchaseService } from './domains/trade/purchase.service.js'
import { BOOK_TIMEOUT_JOB, bookTimeout } from './domains/trade/booking.service.js'
import { Expiry, EXPIRE_JOB } from './domains/after-sale/expiry.js'
import { AUDIT_TIMEOUT_JOB, RefundService } from './domains/after-sale/refund.service.js'
import { LEDGER_JOB, LedgerService, SETTLE_JOB } from './domains/settle/ledger.service.js'
import { loadFixtures } from './fixtures.js'
import { OPEN_POLICY, type AccessPolicy } from './http/access.js'
import type { EdgeAnswers } from './http/edge.js'
import { edgeErrorBody } from './http/envelope.js'
import type { Env, HttpCore } from './http/env.js'
import { createLog, type Log } from './log.js'
import type { Store } from './store/store.js'
import type { Tenant } from './tenants/tenant.js'
import { settingsSchema, updateSettings } from './tenants/settings.js'
import { Tenants } from './tenants/tenants.service.js'
import { Ticker } from './tenants/ticker.js'
import { Dispatcher, RETRY_JOB } from './webhooks/dispatcher.js'
import { OutboundCall } from './webhooks/outbound.js'
import { WebhooksService } from './webhooks/webhooks.service.js'
import { REFUND_APPLY_JOB, REFUND_NOTICE_JOB, RefundSpiService } from './spi/refund-spi.js'
import { SpiClient } from './spi/spi.client.js'
import { spiTargets } from './spi/spi.store.js'
import { webhookTargets } from './webhooks/webhooks.store.js'
import { ISSUE_DEADLINE_JOB, ISSUE_JOB, SpiService } from './spi/spi.service.js'

/**
 * The collection maps of the store's namespaces, assembled from the parts that make up the sandbox: each declares
 * its own collections and record types beside its store, and the tenants' registry (src/tenants) knows none of them.
 */
declare module './tenants/collections.js' {
  interface TenantCollections
    extends
      GoodsCollections,
      FulfilmentCollections,
      TradeCollections,
      AfterSaleCollections,
      SettleCollections,
      ShopCollections,
      MemberCollections,
      CommentCollections,
      SpiCollections,
      WebhookCollections,
      AdminCollections {}
  interface SysCollections extends OauthSysCollections, SpiSysCollections, WebhookSysCollections, AdminSysCollections {}
}

export interface SandboxDeps {
  store: Store
  /** seed of every random stream (default `douyin-sandbox`) */
  seed?: string
  /** start every new or reset tenant clock frozen at this instant (ms) */
  frozenAtMs?: number | undefined
  /** largest accepted request body in bytes (default 1 MiB) */
  bodyLimit?: number
  /** Host names, browser origins and control token beyond the loopback defaults (http/access.ts) */
  access?: AccessPolicy
  /** source of real time (tests may pass a fake) */
  realTime?: RealTime
  /** webhook delivery timeout in real ms (default 5000, the platform's) */
  webhookTimeoutMs?: number
  log?: Log
  /** the scenarios the control plane runs (`/sandbox/scenarios`); the start command hands in the built-in ones */
  scenarios?: ScenarioRunner
}

export interface Sandbox {
  app: OpenAPIHono<Env>
  /** the app's fetch; `env` carries @hono/node-server's bindings (needed to drop a connection) */
  fetch: (req: Request, env?: unknown) => Response | Promise<Response>
  tenants: Tenants
  oauth: OauthService
  webhooks: WebhooksService
  dispatcher: Dispatcher
  store: Store
  /** job kind → handler; domains register theirs here */
  jobHandlers: Map<string, JobHandler<Tenant>>
  /** what the HTTP server answers by itself, below the app (http/edge.ts) */
  edge: EdgeAnswers
  version: string
  /** stops timers and flushes the store */
  close(): Promise<void>
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }
  return pkg.version
}

export function createSandbox(deps: SandboxDeps): Sandbox {
  const realTime = deps.realTime ?? systemTime
  const seed = deps.seed ?? 'douyin-sandbox'
  const log = deps.log ?? createLog('info')
  const version = packageVersion()
  const fixtures = loadFixtures()
  const handlers = new Map<string, JobHandler<Tenant>>()
  let ticker: Ticker | undefined
  const outbound = new OutboundCall(realTime)
  const faults = new Faults(seed)
  const dispatcher = new Dispatcher({ store: deps.store, outbound, log, timeoutMs: deps.webhookTimeoutMs, faults })
  const tenants: Tenants = new Tenants({
    store: deps.store,
    realTime,
    handlers,
    seed,
    frozenAtMs: deps.frozenAtMs,
    fixtures,
    seeders: [
      (t) =>
        t.record.is_default && void updateSettings(t, settingsSchema.partial().parse(fixtures.defaultTenant.settings)),
    ],
    // what other parts keep of a tenant in sys (its tokens stay, so no token string is ever issued twice)
    forgetters: [
      (key) => oauthStore(deps.store).clients.delete(key),
      (key) => spiTargets(deps.store).delete(key),
      (key) => webhookTargets(deps.store).delete(key),
      (key) => snapshots.forget(key),
    ],
    onScheduleChange: () => ticker?.poke(),
    afterJob: (t) => dispatcher.pass(t),
  })
  const snapshots: SnapshotService = new SnapshotService(deps.store, tenants)
  const webhooks = new WebhooksService(deps.store, dispatcher)
  handlers.set(RETRY_JOB, (_t, job) => job.payload)
  ticker = new Ticker(
    realTime,
    () => tenants.all(),
    (m) => log('warn', m),
  )
  const oauth = new OauthService(oauthStore(deps.store), tenants)
  handlers.set(TOKEN_EXPIRE_JOB, oauth.expireToken)
  const catalog = new CatalogService(fixtures.categories, fixtures.templates)
  const lifecycle = new ProductLifecycle(webhooks)
  const products = new ProductService(catalog, lifecycle)
  const views = new ProductViews(catalog)
  handlers.set(AUDIT_JOB, lifecycle.autoAudit)
  handlers.set(SOLD_END_JOB, lifecycle.soldEnd)
  tenants.ensureDefault()

  const core: HttpCore = {
    realTime,
    platformClock: () => tenants.default().clock,
    log,
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    access: deps.access ?? OPEN_POLICY,
    logids: new SeededRandom(memoryHolder(seedState(seed, 'sys/logid'))),
  }
  const ledger = new LedgerService()
  const refunds = new RefundService(webhooks, ledger)
  const expiry = new Expiry(refunds, webhooks, ledger.onVerified)
  handlers.set(LEDGER_JOB, ledger.bill)
  handlers.set(SETTLE_JOB, ledger.settle)
  handlers.set(AUDIT_TIMEOUT_JOB, refunds.auditTimeout)
  handlers.set(EXPIRE_JOB, expiry.run)
  handlers.set(BOOK_TIMEOUT_JOB, bookTimeout)
  const spiClient = new SpiClient(outbound, faults)
  const spi = new SpiService(deps.store, spiClient, refunds)
  const refundSpi = new RefundSpiService(deps.store, spiClient, refunds)
  refunds.useSpi(refundSpi)
  handlers.set(ISSUE_JOB, spi.issue)
  handlers.set(ISSUE_DEADLINE_JOB, spi.deadline)
  handlers.set(REFUND_APPLY_JOB, refundSpi.applyJob)
  handlers.set(REFUND_NOTICE_JOB, refundSpi.noticeJob)
  const purchases = new PurchaseService(
    webhooks,
    (t, o, c) => {
      expiry.schedule(t, o, c)
      spi.startIssuing(t, o, c)
    },
    spi.merchantIssues,
    (t, p, count, orderId) => spi.preCreate(t, p, count, orderId),
  )
  const app = buildApp(core, {
    store: deps.store,
    version,
    tenants,
    snapshots,
    oauth,
    webhooks,
    journal: new Journal(),
    faults,
    goods: { catalog, products, lifecycle, views },
    refunds,
    spi,
    refundSpi,
    verify: new VerifyService(webhooks, ledger.onVerified),
    fulfilmentViews: new FulfilmentViews(),
    purchases,
    settleDeliveries: (t) => dispatcher.settle(t),
    scenarios: deps.scenarios,
  })
  ticker.poke()
  for (const t of tenants.all()) if (webhooks.outbox(t).some((e) => e.status === 'pending')) dispatcher.poke(t)

  return {
    app,
    tenants,
    oauth,
    webhooks,
    dispatcher,
    store: deps.store,
    version,
    jobHandlers: handlers,
    edge: { bodyLimit: core.bodyLimit, errorBody: (description) => edgeErrorBody(core, description) },
    fetch: (req, env) => app.fetch(req, env),
    close: async () => {
      ticker?.stop()
      for (const t of tenants.all()) await dispatcher.settle(t)
      await deps.store.close()
    },
  }
}
