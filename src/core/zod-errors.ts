/**
 * Words a zod failure the way every error of the sandbox names a field: `product.pois[0].poi_id is required`.
 * Used wherever input is checked: the routes' validation (src/http/validation.ts) and the services that check a
 * stored or nested value themselves.
 */
import type { ZodError } from 'zod'

/** The start of the wire-integer rule's message (src/http/wire-int.ts), shown after the field name as is. */
export const WIRE_INT_EXPECTED = 'expected an integer (number or digit string)'

/** True when a validation message is the wire-integer rule's own. */
export function isWireIntMessage(message: string): boolean {
  return message.startsWith(WIRE_INT_EXPECTED)
}

const MAX_ISSUES = 5

/** `product.pois[0].poi_id` from a zod path. */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`
    else out += out ? `.${String(p)}` : String(p)
  }
  return out
}

type Issue = ZodError['issues'][number]

/** The values an enum or a union of literals allows (op_type 1 or 2); undefined for any other issue. */
function allowedValues(issue: Issue): unknown[] | undefined {
  if (issue.code === 'invalid_value') return issue.values
  if (issue.code !== 'invalid_union') return undefined
  const single = (b: Issue[]) => b.length === 1 && b[0]!.code === 'invalid_value' && b[0]!.path.length === 0
  if (issue.errors.length === 0 || !issue.errors.every(single)) return undefined
  return issue.errors.flatMap((b) => (b[0] as Issue & { values: unknown[] }).values)
}

function describeIssue(issue: Issue, where: string): string {
  const field = fieldName(issue.path) || where
  if (issue.code === 'invalid_type') {
    if (isWireIntMessage(issue.message)) return `${field}: ${issue.message}`
    if (/received undefined/.test(issue.message)) return `${field} is required`
    const got = /received (\w+)/.exec(issue.message)?.[1]
    return `${field} must be ${issue.expected}${got ? `, got ${got}` : ''}`
  }
  if (issue.code === 'unrecognized_keys')
    return `${field === where ? where : field} has unknown field(s) ${issue.keys.join(', ')}`
  // a rule over the whole query or body (one of two fields required) names its fields in its own words
  if (issue.code === 'custom' && issue.path.length === 0) return issue.message
  const allowed = allowedValues(issue)
  if (allowed) return `${field} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`
  return `${field}: ${issue.message}`
}

/** A readable, field-naming summary of a ZodError. */
export function describeZodError(error: ZodError, where = 'body'): string {
  const parts = error.issues.slice(0, MAX_ISSUES).map((i) => describeIssue(i, where))
  if (error.issues.length > MAX_ISSUES) parts.push(`and ${error.issues.length - MAX_ISSUES} more`)
  return parts.join('; ')
}
