/**
 * Reads and checks request bodies before any route sees them: size limit, content type, JSON syntax and
 * nesting depth. Each failure is an envelope error that says what was wrong.
 */
import type { Context, Next } from 'hono'
import { invalidParams, SandboxError } from '../core/errors.js'
import type { Env } from './env.js'
import { exactJsonText } from './json-int64.js'
import { readLimited } from './read-limited.js'

/** Deepest JSON nesting accepted; deeper bodies are refused before parsing. */
export const MAX_JSON_DEPTH = 64

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i
const FORM_TYPE = 'application/x-www-form-urlencoded'

/** Depth of the deepest array/object in a JSON text (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 92) i++
      else if (ch === 34) inString = false
    } else if (ch === 34) inString = true
    else if (ch === 123 || ch === 91) {
      if (++depth > max) max = depth
    } else if (ch === 125 || ch === 93) depth--
  }
  return max
}

type NodeIncoming = AsyncIterable<Buffer> & {
  readableEnded?: boolean
  iterator?: (opts: { destroyOnReturn: boolean }) => AsyncIterable<Buffer>
}

/** Reads the body up to `limit` bytes, from Node's request directly when served by @hono/node-server (faster than web streams). */
async function readRequestBody(c: Context<Env>, limit: number): Promise<string> {
  const tooLarge = () =>
    new SandboxError(2100005, '参数不合法', {
      detail: `request body is larger than the limit of ${limit} bytes (BODY_LIMIT)`,
      status: 413,
    })
  const declared = Number(c.req.header('content-length') ?? NaN)
  if (declared > limit) throw tooLarge()
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming
  if (incoming && !incoming.readableEnded) {
    // stop reading at the limit without destroying the socket, so the 413 envelope still reaches the client
    const source = incoming.iterator ? incoming.iterator({ destroyOnReturn: false }) : incoming
    return readLimited(source, limit, tooLarge)
  }
  return readLimited(c.req.raw.body, limit, tooLarge)
}

/** Middleware: validates and caches the body of POST/PUT/PATCH/DELETE requests. */
export function bodyGuard() {
  return async (c: Context<Env>, next: Next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next()
    const text = await readRequestBody(c, c.get('core').bodyLimit)
    const rawType = c.req.header('content-type') ?? ''
    const type = rawType.split(';')[0]!.trim().toLowerCase()
    const bodyCache = c.req.bodyCache as Record<string, Promise<unknown> | undefined>
    bodyCache.text = Promise.resolve(text)
    bodyCache.arrayBuffer = Promise.resolve(new TextEncoder().encode(text).buffer)
    if (text.trim() === '') {
      bodyCache.json = Promise.resolve({})
      // Hono's json() parses the cached text: an empty body sent as JSON reads as {}, so a route names the
      // fields it misses instead of answering "Malformed JSON"
      if (JSON_TYPE.test(type)) bodyCache.text = Promise.resolve('{}')
      return next()
    }
    if (JSON_TYPE.test(type)) {
      if (jsonDepth(text) > MAX_JSON_DEPTH)
        throw invalidParams(`request body nests deeper than ${MAX_JSON_DEPTH} levels`)
      let parsed: unknown
      try {
        const exact = exactJsonText(text) // 19-digit ids sent as numbers keep every digit (c.req.json() reads text)
        parsed = JSON.parse(exact)
        bodyCache.text = Promise.resolve(exact)
      } catch (e) {
        throw invalidParams(`request body is not valid JSON (${(e as Error).message})`)
      }
      bodyCache.json = Promise.resolve(parsed)
      return next()
    }
    if (type === FORM_TYPE || type === 'multipart/form-data') return next()
    throw invalidParams(
      `Content-Type must be application/json${type ? `, got ${rawType}` : ' (the header is missing)'}`,
    )
  }
}
