/**
 * Checks one `attr_key_value_map` value against its template attribute (seed 003/004 "attr_key_value_map的格式"):
 * the map is map<string,string>; ints and doubles are decimal strings, bools "true"/"false", structs and lists JSON.
 */
import type { z } from 'zod'
import { structSchemas } from './goods.attrs.structs.js'

export { structSchemas } from './goods.attrs.structs.js'

/** One entry of template/get `product_attrs` / `sku_attrs`. */
export interface TemplateAttr {
  key: string
  name: string
  desc: string
  is_required: boolean
  is_multi: boolean
  value_type: string
  value_demo: string
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string }

const ok = (value: unknown): Parsed => ({ ok: true, value })
const fail = (problem: string): Parsed => ({ ok: false, problem })

const INT_RE = /^[+-]?\d+$/
const DOUBLE_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

interface Scalar {
  /** A single value: the map's string. */
  fromString(raw: string): Parsed
  /** One element of an is_multi value: a JSON value of the list. */
  fromJson(value: unknown): Parsed
}

const SCALARS: Record<string, Scalar> = {
  INT64: {
    fromString(raw) {
      if (!INT_RE.test(raw)) return fail('must be an integer as a string, like "12"')
      const big = BigInt(raw)
      if (big < INT64_MIN || big > INT64_MAX) return fail('is out of the int64 range')
      // Values past 2^53 stay exact as bigint.
      return ok(Number.isSafeInteger(Number(big)) ? Number(big) : big)
    },
    fromJson: (v) => (typeof v === 'number' && Number.isInteger(v) ? ok(v) : fail('must be an integer')),
  },
  DOUBLE: {
    fromString: (raw) =>
      DOUBLE_RE.test(raw) && Number.isFinite(Number(raw))
        ? ok(Number(raw))
        : fail('must be a number as a string, like "12.5"'),
    fromJson: (v) => (typeof v === 'number' ? ok(v) : fail('must be a number')),
  },
  BOOL: {
    fromString: (raw) => (raw === 'true' ? ok(true) : raw === 'false' ? ok(false) : fail('must be "true" or "false"')),
    fromJson: (v) => (typeof v === 'boolean' ? ok(v) : fail('must be true or false')),
  },
  STRING: {
    fromString: (raw) => ok(raw),
    fromJson: (v) => (typeof v === 'string' ? ok(v) : fail('must be a string')),
  },
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
}

/** Per-parse error map: short English phrases; the path is added by `describe`. */
const issueText: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? 'is required' : `must be ${TYPE_WORDS[iss.expected] ?? iss.expected}`
    case 'too_small':
      return iss.origin === 'array' ? `must have at least ${iss.minimum} items` : `must be at least ${iss.minimum}`
    case 'too_big':
      return iss.origin === 'array' ? `must have at most ${iss.maximum} items` : `must be at most ${iss.maximum}`
    case 'invalid_key':
      return 'is not an allowed key'
    case 'invalid_format':
      return 'has the wrong format'
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`
    default:
      return 'is invalid'
  }
}

/** `item_list[0].price`, `[1].url`, or '' for the value itself. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('')
}

function describe(prefix: readonly PropertyKey[], iss: z.core.$ZodIssue): string {
  const at = pathText([...prefix, ...iss.path])
  return at ? `${at}: ${iss.message}` : iss.message
}

function checkStruct(schema: z.ZodType, value: unknown, prefix: readonly PropertyKey[]): Parsed {
  const r = schema.safeParse(value, { error: issueText })
  if (r.success) return ok(r.data)
  const first = r.error.issues[0]
  return fail(first ? describe(prefix, first) : 'is invalid')
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown }
  } catch {
    return { ok: false }
  }
}

/** Parses and checks one raw `attr_key_value_map` value; problems name the nested field, the caller prefixes the key. */
export function parseAttrValue(
  attr: TemplateAttr,
  raw: unknown,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (typeof raw !== 'string')
    return fail('must be a string (attr_key_value_map values are strings; JSON-encode structs and lists)')
  const schemas = structSchemas()
  const struct = Object.hasOwn(schemas, attr.value_type) ? schemas[attr.value_type] : undefined
  const scalar = Object.hasOwn(SCALARS, attr.value_type) ? SCALARS[attr.value_type] : undefined
  if (!struct && !scalar) return ok(raw)

  if (!attr.is_multi) {
    if (scalar) return scalar.fromString(raw)
    const json = parseJson(raw)
    if (!json.ok) return fail('must be JSON (a JSON-encoded object)')
    return checkStruct(struct as z.ZodType, json.value, [])
  }

  const json = parseJson(raw)
  if (!json.ok || !Array.isArray(json.value))
    return fail('must be a JSON array (is_multi attributes are JSON-encoded lists)')
  const values: unknown[] = []
  for (const [i, element] of json.value.entries()) {
    const r = scalar ? scalar.fromJson(element) : checkStruct(struct as z.ZodType, element, [i])
    if (!r.ok) return scalar ? fail(`[${i}]: ${r.problem}`) : r
    values.push(r.value)
  }
  return ok(values)
}
