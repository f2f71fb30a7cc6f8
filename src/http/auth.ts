/**
 * Gateway checks: every /goodlife/ call needs a valid `access-token` header and may only name its own
 * merchant `account_id` (query or body); the control plane picks its tenant by `x-sandbox-client-key`.
 */
import type { Context, Next } from 'hono'
import type { Tenant } from '../tenants/tenant.js'
import type { Env } from './env.js'

/** Turns an access token into its tenant and checks the account a request names (the oauth service does). */
export interface Authenticator {
  authenticate(token: string | undefined): Tenant
  authorizeAccount(tenant: Tenant, accountId: string | undefined): void
}

/** Finds tenants by client_key (the tenant registry does). */
export interface TenantResolver {
  require(clientKey: string): Tenant
  default(): Tenant
}

/** Header naming the tenant on /sandbox/ routes (the default tenant when absent). */
export const TENANT_HEADER = 'x-sandbox-client-key'

async function bodyAccountId(c: Context<Env>): Promise<string | undefined> {
  const cached = (c.req.bodyCache as Record<string, Promise<unknown> | undefined>).json
  if (!cached || !/json/i.test(c.req.header('content-type') ?? '')) return undefined
  const body = await cached
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>).account_id : undefined
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined
}

/** Middleware for /goodlife/*: token → tenant, then the account check. */
export function requireAccessToken(oauth: Authenticator) {
  return async (c: Context<Env>, next: Next) => {
    const tenant = oauth.authenticate(c.req.header('access-token'))
    c.set('tenant', tenant)
    oauth.authorizeAccount(tenant, c.req.query('account_id'))
    oauth.authorizeAccount(tenant, await bodyAccountId(c))
    await next()
  }
}

/** Middleware for /sandbox/*: the tenant named by the header, or the default one. */
export function controlPlaneTenant(tenants: TenantResolver) {
  return async (c: Context<Env>, next: Next) => {
    const key = c.req.header(TENANT_HEADER)
    c.set('tenant', key ? tenants.require(key) : tenants.default())
    await next()
  }
}
