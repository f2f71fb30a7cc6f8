/**
 * The one rule for integers a client sends in a request body: a JSON number or a string of digits, the way the
 * official Node SDK sends the fields its models type as string (sku.actual_amount "6100", stock.stock_qty "400")
 * and other clients send codes (result "1"). Either way the value is stored and answered as a number. Anything
 * else answers `<field>: expected an integer (number or digit string), got "abc"` (see validation.ts).
 * Ids are different: `wireId` keeps their exact digits as a string.
 */
import { z } from '@hono/zod-openapi'
import { WIRE_INT_EXPECTED } from '../core/zod-errors.js'

const INTEGER_TEXT = /^-?\d+$/

/** The digits of a digit string as a number; any other value unchanged (for the number check to refuse). */
function fromDigits(value: unknown): unknown {
  return typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : value
}

/**
 * The text of a wrong value; undefined keeps zod's own message: "is required" for a missing field, and the bound
 * for an integer out of range (the schema-level error would otherwise answer "expected an integer" for 11 > 10).
 */
function notAnInteger(issue: { input?: unknown; code?: string }): string | undefined {
  if (issue.input === undefined || issue.code === 'too_big' || issue.code === 'too_small') return undefined
  return `${WIRE_INT_EXPECTED}, got ${JSON.stringify(issue.input) ?? String(issue.input)}`
}

const integer = () => z.number({ error: notAnInteger }).int({ error: notAnInteger })
const wireDoc = (nonNegative: boolean) => ({
  type: ['integer', 'string'],
  pattern: nonNegative ? '^\\d+$' : INTEGER_TEXT.source,
})

/**
 * An integer from `min` to `max` (both optional), as a number or a digit string.
 * @example stock_qty: wireInt({ min: 0, max: 100_000_000 }) // 400 and "400" both give 400
 */
export function wireInt(bounds: { min?: number; max?: number } = {}) {
  return shared(`int ${bounds.min}:${bounds.max}`, () => buildWireInt(bounds))
}

/**
 * The schemas wireInt and wireIntOf built, by their arguments: contracts ask for the same few dozens of times, and a
 * schema is immutable (`.optional()`, `.openapi()` give new ones), so each is built once.
 */
const built = new Map<string, unknown>()

function shared<T>(key: string, build: () => T): T {
  if (!built.has(key)) built.set(key, build())
  return built.get(key) as T
}

function buildWireInt(bounds: { min?: number; max?: number }) {
  let n = integer()
  if (bounds.min !== undefined) n = n.min(bounds.min, `must be ${bounds.min} or more`)
  if (bounds.max !== undefined) n = n.max(bounds.max, `must be ${bounds.max} or less`)
  return z.preprocess(fromDigits, n).openapi({
    ...wireDoc(bounds.min !== undefined && bounds.min >= 0),
    ...(bounds.min === undefined ? {} : { minimum: bounds.min }),
    ...(bounds.max === undefined ? {} : { maximum: bounds.max }),
  } as object)
}

/**
 * One of a few integer codes (op_type 1/2, result 1/2), as a number or a digit string; a wrong integer answers
 * "must be one of 1, 2", a non-integer the rule's own message.
 * @example op_type: wireIntOf(1, 2)
 */
export function wireIntOf<const V extends readonly [number, ...number[]]>(...values: V) {
  return shared(`of ${values.join(',')}`, () => buildWireIntOf(values))
}

function buildWireIntOf<const V extends readonly [number, ...number[]]>(values: V) {
  const [first, ...rest] = values.map((v) => z.literal(v))
  const allowed = rest.length === 0 ? first! : z.union([first!, ...rest])
  return z
    .preprocess(fromDigits, integer())
    .pipe(allowed as z.ZodType<V[number], number>)
    .openapi({ ...wireDoc(values.every((v) => v >= 0)), enum: [...values, ...values.map(String)] } as object)
}

/** A numeric id: a digit string, or a JSON number written as its digits (kept as a string, every digit exact). */
export const wireId = z
  .union([z.string().regex(/^\d+$/, 'must be a numeric id'), z.number().int().nonnegative().transform(String)])
  .openapi({ type: 'string', pattern: '^\\d+$' })
