/**
 * Query-string number rules as zod schemas, so each limit is checked by the contract and written in the OpenAPI
 * document in one place (never in a handler). Query values stay strings; the routes convert them.
 */
import { z } from '@hono/zod-openapi'
import { commaItems } from '../core/lists.js'

/** Digits only. */
export const digits = z.string().regex(/^\d+$/, 'must be a number')

const inRange = (min: number, max: number) => (v: string) => Number(v) >= min && Number(v) <= max

/** A whole number from `min` to `max`, e.g. a page size. */
export function digitsIn(min: number, max: number, what: string) {
  return digits
    .refine(inRange(min, max), `must be ${min}–${max}`)
    .openapi({ description: `${what}, ${min}–${max}`, example: String(Math.min(max, 10)) })
}

/** A whole number of at least `min`, e.g. a page number. */
export function digitsFrom(min: number, what: string) {
  return digits
    .refine(inRange(min, Number.MAX_SAFE_INTEGER), `must be ${min} or more`)
    .openapi({ description: `${what}, from ${min}`, example: String(min) })
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
