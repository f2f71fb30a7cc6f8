/**
 * Scores raw JSON answers against the official SDK's response models: every field a model declares (`names()`
 * gives its wire name, `types()` its type or nested model) must be present with the JSON type the declaration
 * implies (a string field also takes an integer: the SDK's int64), nested models and list items walked too. Paths use wire names with `[]` for list items:
 * `data.orders[].amount_info.sale_price`.
 */
import { sdk } from './sdk.js'

type ModelClass = { name: string; types(): Record<string, unknown>; names(): Record<string, string> }
interface ArrayType {
  type: 'array'
  itemType: unknown
}

export interface OperationScore {
  /** every declared field path met in the walked answers */
  declared: Set<string>
  /** path → how many walked instances lacked it (absent or null) */
  missing: Map<string, number>
  /** path → the JSON type found instead of the declared one */
  mistyped: Map<string, string>
}

function jsonType(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
}

function expectedType(type: unknown): string {
  if (typeof type === 'string') return type === 'map' ? 'object' : type
  if ((type as ArrayType).type === 'array') return 'array'
  return 'object'
}

function walkValue(value: unknown, type: unknown, path: string, score: OperationScore): void {
  const want = expectedType(type)
  if (want === 'any' || want === 'Readable' || want === 'Buffer') return
  const got = jsonType(value)
  // the SDK declares the platform's int64 fields (amounts, times, ids, totals) as string and its cast stringifies
  // the JSON numbers the documents give them; a number is the documented type there
  const int64 = want === 'string' && got === 'number' && Number.isInteger(value)
  if (got !== want && !int64) {
    score.mistyped.set(path, got)
    return
  }
  if (want === 'array') {
    const item = (type as ArrayType).itemType
    for (const v of value as unknown[]) walkValue(v, item, `${path}[]`, score)
    return
  }
  if (typeof type === 'function')
    walkModel(value as Record<string, unknown>, type as unknown as ModelClass, path, score)
}

function walkModel(obj: Record<string, unknown>, model: ModelClass, prefix: string, score: OperationScore): void {
  const names = model.names()
  for (const [key, type] of Object.entries(model.types())) {
    const wire = names[key] ?? key
    const path = prefix ? `${prefix}.${wire}` : wire
    score.declared.add(path)
    const value = obj[wire]
    if (value === undefined || value === null) score.missing.set(path, (score.missing.get(path) ?? 0) + 1)
    else walkValue(value, type, path, score)
  }
}

/** Collects the scores of every walked answer, per operation (the SDK method name). */
export class ModelWalk {
  readonly scores = new Map<string, OperationScore>()

  /** Walks the raw JSON `text` the SDK method `method` received against its response class `responseClass`. */
  walk(method: string, responseClass: string, text: string): void {
    let score = this.scores.get(method)
    if (!score) {
      score = { declared: new Set(), missing: new Map(), mistyped: new Map() }
      this.scores.set(method, score)
    }
    walkModel(JSON.parse(text) as Record<string, unknown>, sdk[responseClass] as ModelClass, '', score)
  }

  /** One line per operation: fields present in every walked answer / fields declared, and the percentage. */
  coverage(): Array<{ method: string; present: number; declared: number; percent: string }> {
    return [...this.scores.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([method, s]) => {
        const present = [...s.declared].filter((p) => !s.missing.has(p) && !s.mistyped.has(p)).length
        const percent = ((100 * present) / s.declared.size).toFixed(1)
        return { method, present, declared: s.declared.size, percent }
      })
  }
}
