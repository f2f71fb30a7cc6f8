/**
 * Who may talk to the sandbox. A browser on the developer's machine is the threat: any page it opens can send
 * requests to 127.0.0.1, and a DNS-rebinding page can even read the answers. So:
 * - every request's `Host` must be a loopback name (`localhost`, `*.localhost`), an IP address (a rebinding
 *   page cannot be addressed by one) or a name the user allowed (`--allowed-hosts`);
 * - a state-changing call (`POST`/`PUT`/`PATCH`/`DELETE`, control plane and platform paths alike) from another
 *   site (by `Sec-Fetch-Site` or `Origin`) is refused unless its origin is allowed (`--allowed-origins`);
 * - a state-changing control-plane call must
 *   declare `content-type: application/json` even with an empty body — a page can send that only after a CORS
 *   preflight, which the sandbox never grants;
 * - with a control token (`--control-token`), every `/sandbox/*` call but the health check and the dashboard
 *   page needs `Authorization: Bearer <token>`.
 * Server-side clients (the official SDK, curl, Java/Go/PHP HTTP clients) send no `Origin` and pass unchanged.
 */
import { timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import type { Context, Next } from 'hono'
import { platformError, SandboxError } from '../core/errors.js'
import type { AccessPolicy, Env } from './env.js'

export type { AccessPolicy }

export const OPEN_POLICY: AccessPolicy = { allowedHosts: [], allowedOrigins: [] }

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i
/** control-plane routes that need no token: a readiness probe and the dashboard's static page */
const TOKEN_FREE = new Set(['GET /sandbox/health', 'GET /sandbox/ui'])

const refused = (status: number, detail: string): SandboxError => platformError('INVALID_PARAMS', detail, { status })

/** The host name of a `Host` header value (`[::1]:8787` → `::1`, `Example.com:80` → `example.com`). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined)
  const colon = h.lastIndexOf(':')
  return colon >= 0 ? h.slice(0, colon) : h
}

/** Whether a host name is one this sandbox answers to under `policy`. */
export function hostAllowed(name: string, policy: AccessPolicy): boolean {
  if (name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0) return true
  return policy.allowedHosts.includes('*') || policy.allowedHosts.includes(name)
}

function requestHost(c: Context<Env>): string {
  return c.req.header('host') ?? new URL(c.req.url).host
}

/** Middleware for every request: refuses a `Host` that is not loopback, an IP address or allowed (HTTP 403). */
export function hostGuard(policy: AccessPolicy) {
  return async (c: Context<Env>, next: Next) => {
    const host = requestHost(c)
    if (!hostAllowed(hostName(host), policy)) {
      // the whole list the sandbox should be started with: the names it accepts now and this one
      const list = [...policy.allowedHosts, hostName(host)].join(',')
      throw refused(
        403,
        `Host ${JSON.stringify(host)} is not a loopback name or an IP address; the sandbox refuses it (DNS rebinding). ` +
          `Start it with --allowed-hosts ${list} (ALLOWED_HOSTS) to accept this name`,
      )
    }
    await next()
  }
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  if (!m) return false
  const given = Buffer.from(m[1]!)
  const want = Buffer.from(token)
  return given.length === want.length && timingSafeEqual(given, want)
}

/** The origin a browser says the request comes from, when it is not the sandbox's own; undefined otherwise. */
function foreignOrigin(c: Context<Env>): string | undefined {
  const origin = c.req.header('origin')
  const site = c.req.header('sec-fetch-site')
  if (origin !== undefined) {
    let own: boolean
    try {
      own = new URL(origin).host === requestHost(c).toLowerCase()
    } catch {
      own = false // "null" (sandboxed frames, file: pages) and anything unparsable is foreign
    }
    if (!own) return origin
  }
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return origin ?? `(a ${site} page)`
  return undefined
}

function originAllowed(origin: string, policy: AccessPolicy): boolean {
  return policy.allowedOrigins.includes('*') || policy.allowedOrigins.includes(origin)
}

/**
 * Middleware for /sandbox/*, before the guard: CORS for the allowed origins only (a preflight is answered; every
 * answer, errors included, carries the allow header). Other origins get no CORS headers, so browsers keep their
 * pages from reading answers or sending JSON.
 */
export function allowedOriginsCors(policy: AccessPolicy) {
  return async (c: Context<Env>, next: Next) => {
    const origin = c.req.header('origin')
    if (origin === undefined || !originAllowed(origin, policy)) return next()
    if (c.req.method === 'OPTIONS')
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': 'content-type, authorization, x-sandbox-client-key',
        'access-control-max-age': '600',
        vary: 'Origin',
      })
    await next()
    c.res.headers.set('access-control-allow-origin', origin)
    c.res.headers.append('vary', 'Origin')
  }
}

/** 403 when a page on another site sends this state-changing request and its origin is not allowed. */
function refuseCrossSite(c: Context<Env>, policy: AccessPolicy): void {
  const foreign = foreignOrigin(c)
  if (foreign === undefined || originAllowed(foreign, policy)) return
  throw refused(
    403,
    `a page from ${foreign} may not change the sandbox's state (cross-site ${c.req.method} ${c.req.path}); ` +
      `start the sandbox with --allowed-origins ${foreign.startsWith('(') ? '<origin>' : foreign} (ALLOWED_ORIGINS) to allow it`,
  )
}

/**
 * Middleware for the platform paths (/oauth/*, /goodlife/*, …): a state-changing request from another site is
 * refused like on the control plane. client_token takes form bodies, which any page can post without a preflight,
 * and the default tenant's secret is public: without this, a page could revoke the developer's tokens or run up
 * the call-rate limit. Server-side clients send neither `Origin` nor `Sec-Fetch-Site` and pass.
 */
export function platformCrossSiteGuard(policy: AccessPolicy) {
  return async (c: Context<Env>, next: Next) => {
    if (!SAFE_METHODS.has(c.req.method)) refuseCrossSite(c, policy)
    await next()
  }
}

/** Middleware for /sandbox/*: the control token, then the cross-site and content-type rules for state changes. */
export function controlPlaneGuard(policy: AccessPolicy) {
  return async (c: Context<Env>, next: Next) => {
    const method = c.req.method
    const token = policy.controlToken
    if (token && !TOKEN_FREE.has(`${method} ${c.req.path}`) && !tokenMatches(c.req.header('authorization'), token))
      throw platformError(
        'TOKEN_INVALID',
        'the control plane needs the header Authorization: Bearer <token> with the token the sandbox was started with (--control-token / CONTROL_TOKEN)',
        { status: 401 },
      )
    if (!SAFE_METHODS.has(method)) {
      refuseCrossSite(c, policy)
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim()
      if (!JSON_TYPE.test(type))
        throw refused(
          415,
          `${method} ${c.req.path} needs the header content-type: application/json, even with an empty body ` +
            `(got ${type ? JSON.stringify(type) : 'none'}); a web page cannot send it without the sandbox's consent`,
        )
    }
    await next()
  }
}
