/**
 * Validates HTTP responses against the committed openapi/openapi.json (OpenAPI 3.1, Ajv 2020).
 * Every response a suite sees through `api()` goes through here.
 */
import { readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >
  components: Record<string, unknown>
}

let doc: Doc | undefined
let ajv: Ajv2020 | undefined
const compiled = new Map<string, ValidateFunction>()

function load(): { doc: Doc; ajv: Ajv2020 } {
  if (!doc || !ajv) {
    doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as Doc
    ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormatsModule.default(ajv)
    ajv.addSchema({ $id: 'openapi.json', components: doc.components })
  }
  return { doc, ajv }
}

function rewriteRefs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'))
}

/** The documented path matching a request path (trailing slash as documented). */
export function documentedPath(path: string): string | undefined {
  const { doc } = load()
  const bare = path.split('?')[0]!
  const candidates = [bare, bare.endsWith('/') ? bare.slice(0, -1) : `${bare}/`]
  const exact = candidates.find((p) => doc.paths[p])
  if (exact) return exact
  const templated = (p: string) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`)
  return Object.keys(doc.paths).find((p) => p.includes('{') && candidates.some((c) => templated(p).test(c)))
}

/**
 * Throws when `body` does not match the documented response of `method path` with `status`.
 * Undocumented paths must answer the ErrorEnvelope.
 */
export function assertContract(method: string, path: string, status: number, body: unknown): void {
  const { doc, ajv } = load()
  const p = documentedPath(path)
  const op = p ? doc.paths[p]?.[method.toLowerCase()] : undefined
  const key = op ? `${method} ${p} ${status}` : 'ErrorEnvelope'
  let validate = compiled.get(key)
  if (!validate) {
    const schema = op
      ? op.responses[String(status)]?.content?.['application/json']?.schema
      : { $ref: '#/components/schemas/ErrorEnvelope' }
    if (!schema) throw new Error(`openapi.json documents no ${status} response for ${method} ${p}`)
    validate = ajv.compile(rewriteRefs(schema) as object)
    compiled.set(key, validate)
  }
  if (!validate(body)) {
    throw new Error(
      `response of ${method} ${path} (${status}) breaks openapi.json: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
    )
  }
}
