/**
 * Turns zod failures into the platform's 2100005 with a description that names each field and the problem
 * (src/core/zod-errors.ts words it).
 */
import type { Context } from 'hono'
import type { ZodError } from 'zod'
import { ERROR_CODES, SandboxError } from '../core/errors.js'
import { describeZodError } from '../core/zod-errors.js'
import type { Env } from './env.js'
import type { AnyContext } from './envelope.js'

const TARGET_NAMES: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  header: 'header',
  param: 'path',
}

/** The defaultHook of every router: failed validation → SandboxError 2100005 (10002 on /oauth/). */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
  c: AnyContext,
): void {
  if (result.success) return
  const where = TARGET_NAMES[result.target ?? 'json'] ?? 'body'
  const style = (c as Context<Env>).get('style')
  const { code, text } = style === 'oauth' ? ERROR_CODES.OAUTH_PARAMS : ERROR_CODES.INVALID_PARAMS
  throw new SandboxError(code, text, { detail: describeZodError(result.error, where) })
}
