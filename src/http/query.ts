/**
 * Query-string number rules as zod schemas, so each limit is checked by the contract and written in the OpenAPI
 * document in one place (never in a handler). The contract also converts the digits: handlers get numbers.
 */
import { z } from '@hono/zod-openapi'
import { commaItems } from '../core/lists.js'

/** Digits only. */
export const digits = z.string().regex(/^\d+$/, 'must be a number')

const inRange = (min: number, max: number) => (v: string) => Number(v) >= min && Number(v) <= max

/** A whole number: digits in the query, a number for the handler. */
export const digitsNumber = digits.transform(Number)

/** A whole number from `min` to `max`, e.g. a page size (a number for the handler). */
export function digitsIn(min: number, max: number, what: string) {
  return digits
    .refine(inRange(min, max), `must be ${min}–${max}`)
    .openapi({ description: `${what}, ${min}–${max}`, example: String(Math.min(max, 10)) })
    .transform(Number)
}

/** A whole number of at least `min`, e.g. a page number (a number for the handler). */
export function digitsFrom(min: number, what: string) {
  return digits
    .refine(inRange(min, Number.MAX_SAFE_INTEGER), `must be ${min} or more`)
    .openapi({ description: `${what}, from ${min}`, example: String(min) })
    .transform(Number)
}

/** A comma-separated list of `min`–`max` items. */
export function commaList(min: number, max: number, what: string) {
  return z
    .string()
    .refine(
      (v) => commaItems(v).length >= min && commaItems(v).length <= max,
      `takes ${min}–${max} comma-separated ids`,
    )
    .openapi({ description: `${what}, comma-separated, ${min}–${max}` })
}
