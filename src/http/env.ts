/**
 * Types shared by the HTTP glue: what each request carries in its Hono context.
 */
import type { RealTime, VirtualClock } from '../core/clock.js'
import type { SeededRandom } from '../core/random.js'
import type { Tenant } from '../tenants/tenant.js'

/** What the user allowed beyond the defaults (flags and environment variables: docs/configuration.md). */
export interface AccessPolicy {
  /** extra `Host` names accepted (lower case, no port); `*` accepts any */
  allowedHosts: readonly string[]
  /** origins (`http://host:port`) allowed to change state through the control plane from a browser; `*` any */
  allowedOrigins: readonly string[]
  /** when set, `/sandbox/*` needs `Authorization: Bearer <token>` */
  controlToken?: string | undefined
}

/** Sandbox-wide things the HTTP layer needs for every request. */
export interface HttpCore {
  /** real time, for latencies */
  realTime: RealTime
  /** the clock of responses that belong to no tenant: the default tenant's */
  platformClock: () => VirtualClock
  /** log ids for requests that belong to no tenant */
  logids: SeededRandom
  bodyLimit: number
  /** who may call: Host names, browser origins, the control token (http/access.ts) */
  access: AccessPolicy
  log: (level: 'error' | 'warn' | 'info' | 'debug', msg: string) => void
}

/** `platform`: {data, extra}; `oauth`: the /oauth/ shape ({data, message} / {data, extra{logid, now}}). */
export type EnvelopeStyle = 'platform' | 'oauth'

export interface Env {
  Variables: {
    core: HttpCore
    tenant: Tenant | undefined
    style: EnvelopeStyle
    logid: string | undefined
    /** the error_code the response carries (set where the envelope is built; read by the journal) */
    errorCode: number | undefined
  }
}

/** The context of routes mounted after authentication (platform) or tenant resolution (control plane): the tenant is known. */
export interface TenantEnv {
  Variables: Omit<Env['Variables'], 'tenant'> & { tenant: Tenant }
}
