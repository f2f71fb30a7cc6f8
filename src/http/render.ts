/**
 * The one place errors become responses: SandboxError, framework exceptions and anything unexpected are
 * all rendered as the platform's envelope, never as HTML or a stack trace.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ZodError } from 'zod'
import { ERROR_CODES, SandboxError } from '../core/errors.js'
import { StoreWriteError } from '../store/store.js'
import { settingsOf } from '../tenants/settings.js'
import type { Env } from './env.js'
import { extraOf, logidOf } from './envelope.js'
import { describeZodError } from '../core/zod-errors.js'

/** Maps anything thrown to a SandboxError. */
export function toSandboxError(err: unknown, c: Context<Env>): SandboxError {
  if (err instanceof SandboxError) return err
  const params = ERROR_CODES.INVALID_PARAMS
  if (err instanceof ZodError) {
    const { code, text } = c.get('style') === 'oauth' ? ERROR_CODES.OAUTH_PARAMS : params
    return new SandboxError(code, text, { detail: describeZodError(err) })
  }
  if (err instanceof HTTPException) {
    if (err.status === 415) {
      return new SandboxError(params.code, params.text, {
        detail: `Content-Type ${c.req.header('content-type') ?? '(missing)'} is not accepted here; send application/json`,
      })
    }
    if (err.status === 413)
      return new SandboxError(params.code, params.text, { detail: 'request body too large', status: 413 })
    if (err.status < 500) return new SandboxError(params.code, params.text, { detail: err.message })
  }
  if (err instanceof StoreWriteError) {
    return new SandboxError(ERROR_CODES.BUSY.code, ERROR_CODES.BUSY.text, {
      detail: `the data file could not be written (${err.message})`,
      status: 503,
    })
  }
  if (err instanceof RangeError)
    return new SandboxError(params.code, params.text, {
      detail: `input too large or too deeply nested (${err.message})`,
    })
  c.get('core').log(
    'error',
    `unexpected error on ${c.req.method} ${c.req.path}: ${(err as Error)?.stack ?? String(err)}`,
  )
  return new SandboxError(ERROR_CODES.UNKNOWN.code, ERROR_CODES.UNKNOWN.text, {
    detail: `internal error in the sandbox (logid ${logidOf(c)}); please report it`,
    status: 500,
  })
}

/** Renders a SandboxError in the request's envelope style; never throws (a broken clock still gets an envelope). */
export function renderError(c: Context<Env>, e: SandboxError): Response {
  c.set('errorCode', e.errorCode)
  try {
    return render(c, e)
  } catch (inner) {
    c.get('core')?.log('error', `rendering an error failed: ${(inner as Error)?.stack ?? String(inner)}`)
    const extra = {
      error_code: e.errorCode,
      description: e.text,
      sub_error_code: e.subErrorCode,
      sub_description: e.detail,
      logid: '',
      now: 0,
    }
    return c.json({ data: { error_code: e.errorCode, description: e.text }, extra }, e.status as ContentfulStatusCode)
  }
}

/** The error as this tenant answers it: a legacy setting may keep the code and text of versions up to 0.1. */
function asAnswered(c: Context<Env>, e: SandboxError): SandboxError {
  const tenant = c.get('tenant')
  return e.legacy && tenant ? e.answeredWith(settingsOf(tenant)) : e
}

function render(c: Context<Env>, answered: SandboxError): Response {
  const e = asAnswered(c, answered)
  const status = e.status as ContentfulStatusCode
  if (c.get('style') === 'oauth') {
    // The current client_token example: {"data":{"captcha":"","desc_url":"","description":…,"error_code":…},
    // "message":"error"}, no extra; the logid travels in the X-Tt-Logid header only. With no extra to carry
    // sub_description, the detail stays in description.
    c.header('x-tt-logid', logidOf(c))
    return c.json(
      {
        data: { captcha: '', desc_url: '', ...e.data, description: e.description, error_code: e.errorCode },
        message: 'error',
      },
      status,
    )
  }
  return c.json(
    {
      data: { ...e.data, error_code: e.errorCode, description: e.text },
      extra: extraOf(c, e.errorCode, e.text, { sub_error_code: e.subErrorCode, sub_description: e.detail }),
    },
    status,
  )
}

/** app.onError */
export function onError(err: Error, c: Context<Env>): Response {
  return renderError(c, toSandboxError(err, c))
}

/** app.notFound: an envelope naming the method and path, HTTP 404. */
export function notFound(c: Context<Env>): Response {
  const params = ERROR_CODES.INVALID_PARAMS
  return renderError(
    c,
    new SandboxError(params.code, params.text, {
      detail: `no such API ${c.req.method} ${c.req.path} (the sandbox serves the paths listed at /openapi.json)`,
      status: 404,
    }),
  )
}
