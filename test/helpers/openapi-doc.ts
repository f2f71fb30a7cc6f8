/** The committed openapi/openapi.json as typed walks: its operations and an Ajv that knows its components. */
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

export type Json = Record<string, any>
export const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as Json

export interface Op {
  id: string
  method: string
  path: string
  op: Json
  /** "certificateVerify (POST /goodlife/v1/fulfilment/certificate/verify/)" for failure messages */
  name: string
}

export const operations: Op[] = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json).map(([method, op]) => ({
    id: op.operationId as string,
    method,
    path,
    op: op as Json,
    name: `${op.operationId} (${method.toUpperCase()} ${path})`,
  })),
)

/** Checks `value` against `schema` (refs into the document's components); answers the problems, '' when none. */
export function validateAgainst(schema: unknown, value: unknown): string {
  ajv ??= makeAjv()
  const text = JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/')
  const validate = ajv.compile(JSON.parse(text) as object)
  return validate(value) ? '' : ajv.errorsText(validate.errors)
}

let ajv: Ajv2020 | undefined
function makeAjv(): Ajv2020 {
  const a = new Ajv2020({ strict: false, allErrors: true })
  addFormatsModule.default(a)
  a.addSchema({ $id: 'openapi.json', components: doc.components })
  return a
}
