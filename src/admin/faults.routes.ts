/** PUT/GET/DELETE /sandbox/faults, and the middleware that applies request faults. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, Next } from 'hono'
import { ERROR_CODES, SandboxError } from '../core/errors.js'
import type { Env, TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import { deleteRoute, getRoute, putRoute } from './faults.contract.js'
import type { Faults } from './faults.js'

export function registerFaultRoutes(app: OpenAPIHono<TenantEnv>, faults: Faults): void {
  app.openapi(putRoute, (c) => c.json(ok(c, { faults: faults.set(c.get('tenant'), c.req.valid('json').faults) }), 200))
  app.openapi(getRoute, (c) => c.json(ok(c, { faults: faults.list(c.get('tenant')) }), 200))
  app.openapi(deleteRoute, (c) => c.json(ok(c, { cleared: faults.clear(c.get('tenant')) }), 200))
}

/** (METHOD path) → operationId, from the app's OpenAPI registry; `{param}` segments match anything. */
function operationIndex(app: OpenAPIHono<Env>): (method: string, path: string) => string | undefined {
  const routes = app.openAPIRegistry.definitions.flatMap((d) => (d.type === 'route' ? [d.route] : []))
  const table = routes.map((r) => ({
    method: r.method.toUpperCase(),
    re: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    id: r.operationId,
  }))
  return (method, path) => table.find((r) => r.method === method && r.re.test(path))?.id
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Middleware (after auth): a matching fault delays, answers an error code, or drops the connection. */
export function applyFaults(app: OpenAPIHono<Env>, faults: Faults) {
  let lookup: ((method: string, path: string) => string | undefined) | undefined
  return async (c: Context<Env>, next: Next) => {
    const t = c.get('tenant')
    if (!t || c.req.path.startsWith('/sandbox/faults') || faults.list(t).length === 0) return next()
    lookup ??= operationIndex(app)
    const cached = (c.req.bodyCache as Record<string, Promise<unknown> | undefined>).json
    const body = cached ? await cached.catch(() => ({})) : {}
    const params = {
      ...(body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}),
      ...c.req.query(),
    }
    const rule = faults.forRequest(t, {
      method: c.req.method,
      path: c.req.path,
      operation: lookup(c.req.method, c.req.path),
      params,
    })
    if (!rule) return next()
    if (rule.latency) await sleep(rule.latency)
    if (rule.drop_connection) {
      const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming
      if (incoming?.socket) {
        incoming.socket.destroy()
        return new Response(null, { status: 499 })
      }
      throw new SandboxError(ERROR_CODES.BUSY.code, ERROR_CODES.BUSY.text, {
        detail: `connection dropped by fault ${rule.id}`,
        status: 503,
      })
    }
    if (rule.error_code !== undefined) {
      const known = Object.values(ERROR_CODES).find((e) => e.code === rule.error_code)
      throw new SandboxError(rule.error_code, rule.description ?? known?.text ?? '业务错误', {
        detail: rule.description === undefined ? `fault ${rule.id}` : undefined,
      })
    }
    return next()
  }
}
