/**
 * Exact 64-bit integers in JSON, both ways. Writing: values marked with `int64()` (src/core/int64.ts) go out as
 * bare digits, which JSON.stringify cannot do. Reading: an integer literal beyond 2^53 (a 19-digit id sent as a
 * number by PHP or Java clients) would lose its last digits in JSON.parse, so it is read as its exact digit
 * string — the id fields accept digit strings.
 */
import type { Context, TypedResponse } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { JSONParsed } from 'hono/utils/types'
import { Int64 } from '../core/int64.js'

/** JSON text of `value` with Int64 values as exact numbers. */
export function stringifyExact(value: unknown): string {
  if (value instanceof Int64) return value.digits
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return stringifyExact((value as { toJSON(): unknown }).toJSON())
  if (Array.isArray(value)) return `[${value.map((v) => stringifyExact(v ?? null)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const parts: string[] = []
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue
      parts.push(`${JSON.stringify(k)}:${stringifyExact(v)}`)
    }
    return `{${parts.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** c.json with exact int64 numbers: the same typed answer for the route, written by stringifyExact. */
export function jsonExact<T, S extends ContentfulStatusCode>(
  c: Context,
  body: T,
  status: S,
): TypedResponse<JSONParsed<T>, S, 'json'> {
  const res = c.body(stringifyExact(body), status, { 'content-type': 'application/json' })
  return res as unknown as TypedResponse<JSONParsed<T>, S, 'json'>
}

const DIGIT = /[0-9]/

/**
 * The JSON text with each integer literal beyond Number.MAX_SAFE_INTEGER quoted, so JSON.parse reads its exact
 * digit string; the same string when there is none.
 */
export function exactJsonText(text: string): string {
  let out = ''
  let from = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') inString = true
    else if (ch === '-' || DIGIT.test(ch)) {
      let j = i + 1
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++
      const literal = text.slice(i, j)
      if (/^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(from, i)}"${literal}"`
        from = j
      }
      i = j - 1
    }
  }
  return from === 0 ? text : out + text.slice(from)
}

/** JSON.parse that reads integer literals beyond Number.MAX_SAFE_INTEGER as their exact digit strings. */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(exactJsonText(text))
}
