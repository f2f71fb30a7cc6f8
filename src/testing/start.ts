/**
 * startSandbox(): a sandbox in this process on a free loopback port, memory storage, for a user's test suite;
 * `newTenant()` gives each test its own isolated tenant with a client and product builders.
 * @example
 * const sb = await startSandbox({ frozenAt: '2026-01-01T00:00:00+08:00' })
 * const t = await sb.newTenant()
 * const { product_id } = await t.publish(t.products.groupon())
 * const { certificates } = await t.client.buy({ product_id })
 * await sb.close()
 */
import { SandboxClient, type TenantCredentials } from '../client/client.js'
import type { OperationInput, OperationOutput } from '../client/types.js'
import { parseInstant } from '../core/instant.js'
import { createLog } from '../log.js'
import { createSandbox } from '../sandbox.js'
import { listen } from '../server.js'
import { openMemoryStore } from '../store/store.js'
import { productBuilders, type ProductBuilders, type ProductSaveBody } from '../domains/goods/product.examples.js'

export interface StartOptions {
  /** seed of ids, codes and tokens (default douyin-sandbox): the same seed and calls give the same answers */
  seed?: string
  /** every tenant clock starts frozen here: Unix seconds or an ISO-8601 date */
  frozenAt?: number | string
  /** default 0: a free port */
  port?: number
  /** seconds a client may take to send a whole request before it is cut off, as `--request-timeout` (default 30) */
  requestTimeout?: number
}

export interface TestTenant {
  credentials: TenantCredentials
  /** a client acting as this tenant (platform calls get its token automatically) */
  client: SandboxClient
  /** product/save bodies valid at the tenant's virtual now (read when the tenant was made) */
  products: ProductBuilders
  /** product/save, then passes the audit at once: the product is online */
  publish(body: ProductSaveBody): Promise<OperationOutput<'goodsProductSave'>>
}

export interface RunningSandbox {
  url: string
  /** a client acting as the default tenant */
  client: SandboxClient
  defaultTenant: TenantCredentials
  /** a fresh, isolated tenant (own credentials, data and clock) */
  newTenant(opts?: OperationInput<'sandboxCreateTenant'>): Promise<TestTenant>
  close(): Promise<void>
}

/** Wraps a tenant's credentials into a client, builders read at its current virtual time, and publish(). */
export async function testTenant(url: string, credentials: TenantCredentials): Promise<TestTenant> {
  const client = new SandboxClient(url, credentials)
  const now = (await client.clock()).now
  return {
    credentials,
    client,
    products: productBuilders({
      account_id: credentials.account_id,
      poi_ids: credentials.poi_ids,
      account_name: credentials.account_name,
      now,
    }),
    publish: async (body) => {
      const saved = await client.op.goodsProductSave(body)
      await client.auditProduct(saved.product_id, 'PASS')
      return saved
    },
  }
}

export async function startSandbox(opts: StartOptions = {}): Promise<RunningSandbox> {
  let frozenAtMs: number | undefined
  try {
    frozenAtMs = opts.frozenAt === undefined ? undefined : parseInstant(opts.frozenAt)
  } catch (e) {
    throw new Error(`startSandbox: frozenAt ${(e as Error).message}, got ${JSON.stringify(opts.frozenAt)}`, {
      cause: e,
    })
  }
  const sandbox = createSandbox({
    store: await openMemoryStore(),
    seed: opts.seed,
    frozenAtMs,
    log: createLog('error'),
  })
  const server = await listen(sandbox, {
    port: opts.port ?? 0,
    host: '127.0.0.1',
    requestTimeout: opts.requestTimeout ?? 30,
  })
  const anonymous = new SandboxClient(server.url)
  const defaultTenant = (await anonymous.tenants()).find((t) => t.is_default)
  if (!defaultTenant) throw new Error('startSandbox: the sandbox has no default tenant')
  return {
    url: server.url,
    defaultTenant,
    client: anonymous.as(defaultTenant),
    newTenant: async (input = {}) => testTenant(server.url, await anonymous.createTenant(input)),
    close: async () => {
      await server.close()
      await sandbox.close()
    },
  }
}
