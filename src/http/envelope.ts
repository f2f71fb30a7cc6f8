/**
 * The platform's response envelope: builders of `{data, extra}` answers (the schemas are in envelope.schema.ts).
 * Business errors answer HTTP 200 with the code in both `data.error_code` and `extra.error_code`.
 */
import type { Context } from 'hono'
import { ERROR_CODES } from '../core/errors.js'
import type { Env, HttpCore, TenantEnv } from './env.js'

/** A request context before or after the tenant is known. */
export type AnyContext = Context<Env> | Context<TenantEnv>
const plain = (c: AnyContext) => c as Context<Env>

export { envelopeOf, errorDataSchema, errorEnvelopeSchema, extraSchema, jsonResponses } from './envelope.schema.js'

/** The request's log id (one per request, drawn from the tenant's stream once the tenant is known). */
export function logidOf(ctx: AnyContext): string {
  const c = plain(ctx)
  let id = c.get('logid')
  if (!id) {
    const nowMs = nowMsOf(c)
    id = (c.get('tenant')?.logids ?? c.get('core').logids).logid(nowMs)
    c.set('logid', id)
  }
  return id
}

/** Virtual now (ms) of the request's tenant, or of the default tenant when no tenant is known. */
export function nowMsOf(ctx: AnyContext): number {
  const c = plain(ctx)
  return (c.get('tenant')?.clock ?? c.get('core').platformClock()).nowMs()
}

/**
 * The `extra` block for a response: on an error `description` is the code's standard text and `sub_description`
 * the detail naming the field (参数不合法 / "ext_id should be string"), `sub_error_code` a more specific code.
 */
export function extraOf(
  c: AnyContext,
  errorCode = 0,
  description = 'success',
  sub: { sub_error_code: number; sub_description: string } = { sub_error_code: 0, sub_description: '' },
) {
  return {
    error_code: errorCode,
    description,
    sub_error_code: sub.sub_error_code,
    sub_description: sub.sub_description,
    logid: logidOf(c),
    now: Math.floor(nowMsOf(c) / 1000),
  }
}

/** A success envelope around `data`. */
export function ok<T extends Record<string, unknown>>(c: AnyContext, data: T) {
  plain(c).set('errorCode', 0)
  return { data: { ...data, error_code: 0 as const, description: 'success' }, extra: extraOf(c) }
}

/** The JSON text of a 2100005 error envelope for answers given below the app (http/edge.ts), on the platform clock. */
export function edgeErrorBody(core: HttpCore, detail: string): string {
  const { code, text } = ERROR_CODES.INVALID_PARAMS
  const description = text
  const nowMs = core.platformClock().nowMs()
  const extra = {
    error_code: code,
    description,
    sub_error_code: 0,
    sub_description: detail,
    logid: core.logids.logid(nowMs),
  }
  return JSON.stringify({ data: { error_code: code, description }, extra: { ...extra, now: Math.floor(nowMs / 1000) } })
}
