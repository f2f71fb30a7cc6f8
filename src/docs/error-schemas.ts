/**
 * Per-operation error answers: each 200 response's error member gets its own schema whose `error_code` is the
 * enum of the codes the operation lists, so success (`error_code` 0) and error are told apart by schema and
 * generated types narrow after `error_code === 0`; and one example per code beside the success example.
 */
import type { OpenAPIObject, SchemaObject } from 'openapi3-ts/oas31'

export interface CodeEntry {
  code: number
  description: string
  /** set when the code is answered inside the success data (e.g. verify_results[].result), not as error_code */
  in?: string
}
type Json = Record<string, unknown>
const REF = '#/components/schemas/'
const ERROR_DATA = `${REF}ErrorData`

/** The component a `$ref` names, or undefined. */
export function component(doc: OpenAPIObject, schema: unknown): { name: string; schema: Json } | undefined {
  const ref = (schema as { $ref?: string } | undefined)?.$ref
  if (!ref?.startsWith(REF)) return undefined
  const name = ref.slice(REF.length)
  const found = doc.components?.schemas?.[name] as Json | undefined
  return found ? { name, schema: found } : undefined
}

/** Names the error schema of a 200 schema (creating `<Name>Error`) and returns a setter for its codes. */
export function errorSchemaOf(doc: OpenAPIObject, schema: unknown): ((codes: number[]) => void) | undefined {
  const schemas = doc.components!.schemas!
  const envelope = component(doc, schema)
  if (envelope) {
    const data = (envelope.schema.properties as Json | undefined)?.data as { anyOf?: { $ref?: string }[] }
    const slot = data?.anyOf?.find((s) => s.$ref === ERROR_DATA || s.$ref?.endsWith('Error'))
    if (!slot) return undefined
    const name =
      slot.$ref === ERROR_DATA ? `${envelope.name.replace(/Response$/, '')}Error` : slot.$ref!.slice(REF.length)
    slot.$ref = REF + name
    return (codes) => {
      const known = (schemas[name] as Json | undefined)?.['x-codes'] as number[] | undefined
      const all = [...new Set([...(known ?? []), ...codes])].sort((a, b) => a - b)
      schemas[name] = errorData(all, name)
    }
  }
  // the oauth shape: anyOf [ClientTokenSuccess, ClientTokenError], error_code inside data of the error member;
  // the 200 gets its own copy (`<Name>BusinessError`), since the 413 answers with ClientTokenError too
  const members = ((schema as { anyOf?: { $ref?: string }[] }).anyOf ?? []).filter((m) => m.$ref?.endsWith('Error'))
  const err = component(doc, members[0])
  if (!err) return undefined
  const name = `${err.name.replace(/Error$/, '')}BusinessError`
  members[0]!.$ref = REF + name
  return (codes) => {
    const copy = structuredClone(err.schema)
    const data = (copy.properties as Json).data as Json
    data.properties = { ...(data.properties as Json), error_code: { type: 'integer', enum: codes } }
    schemas[name] = copy
  }
}

function errorData(codes: number[], name: string): SchemaObject {
  return {
    type: 'object',
    description: `${name}: an error answer (HTTP 200); error_code is one of the codes in the operation's x-error-codes`,
    properties: {
      error_code: { type: 'integer', enum: codes },
      description: { type: 'string', description: 'the platform text of the code, then what went wrong' },
    },
    required: ['error_code', 'description'],
    'x-codes': codes,
  } as SchemaObject
}

/** An error answer of `code` in the shape of the success example (oauth: captcha, desc_url and message "error"). */
export function errorExample(path: string, e: CodeEntry, success: unknown): Json {
  const data = { error_code: e.code, description: e.description }
  const extra = (success as { extra?: Json } | undefined)?.extra
  if (path.startsWith('/oauth/'))
    return { data: { captcha: '', desc_url: '', description: e.description, error_code: e.code }, message: 'error' }
  return {
    data,
    extra: {
      sub_error_code: 0,
      sub_description: '',
      logid: '20260101000000FB09E524D7745EF96726',
      now: 1767196800,
      ...extra,
      error_code: e.code,
      description: e.description,
    },
  }
}

/** Drops the bookkeeping key `x-codes` from the generated error schemas. */
export function dropBookkeeping(doc: OpenAPIObject): void {
  for (const s of Object.values(doc.components?.schemas ?? {})) delete (s as Json)['x-codes']
}
