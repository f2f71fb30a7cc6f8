/**
 * Completes each operation of the generated document from its OpDoc and its recorded example: description
 * with the error-code list, `x-error-codes`, security, parameter descriptions and examples, the request body
 * example, and the 200 response's per-operation error schema with one example per code.
 */
import type { OpenAPIObject, OperationObject, ParameterObject } from 'openapi3-ts/oas31'
import { errorExample, errorSchemaOf, type CodeEntry } from './error-schemas.js'
import type { RecordedExamples } from './examples.js'
import type { OpDoc, OpDocs } from '../http/op-docs.js'
import { CODE_TEXT, gatewayCodes } from './op-docs.js'
import { PARAM_GLOSSARY } from './param-glossary.js'

/** Control-plane calls that need no control token (http/access.ts). */
const OPEN_CONTROL = new Set(['GET /sandbox/health', 'GET /sandbox/ui'])

/** The doc of an operation; an /akte/ alias shares the doc of the route it repeats. */
function docOf(docs: OpDocs, id: string): OpDoc | undefined {
  const own = docs[id]
  if (own) return own
  const base = id.endsWith('Akte') ? docs[id.slice(0, -4)] : undefined
  return (
    base && {
      ...base,
      description: `${base.description}\n\nThe same operation at the /akte/ path the official SDK uses.`,
    }
  )
}

const entries = (codes: Record<number, string>, where?: string): CodeEntry[] =>
  Object.entries(codes)
    .map(([code, meaning]) => {
      const text = CODE_TEXT.get(Number(code))
      const entry: CodeEntry = { code: Number(code), description: text ? `${text}: ${meaning}` : meaning }
      if (where) entry.in = where
      return entry
    })
    .sort((a, b) => a.code - b.code)

/** The call's error codes (gateway ones first merged with the doc's), then the per-entry codes. */
function codesOf(path: string, op: OperationObject, doc: OpDoc): { calls: CodeEntry[]; inData: CodeEntry[] } {
  const params = (op.parameters ?? []) as ParameterObject[]
  const gateway = gatewayCodes(
    path,
    params.some((p) => p.name === 'x-sandbox-client-key'),
  )
  return {
    calls: entries({ ...gateway, ...doc.errors }),
    inData: doc.entryCodes ? entries(doc.entryCodes.codes, doc.entryCodes.in) : [],
  }
}
const bullet = (c: CodeEntry) => `- \`${c.code}\` ${c.description}`

function securityOf(method: string, path: string): OperationObject['security'] {
  if (path.startsWith('/oauth/')) return []
  if (!path.startsWith('/sandbox/')) return [{ accessToken: [] }]
  return OPEN_CONTROL.has(`${method.toUpperCase()} ${path}`) ? [] : [{ controlToken: [] }, {}]
}

/** Applies docs and examples to every operation of `doc` (in place). */
export function documentOperations(doc: OpenAPIObject, docs: OpDocs, examples: RecordedExamples): void {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, value] of Object.entries(item)) {
      const op = value as OperationObject
      if (!op.responses || !op.operationId) continue
      op.security = securityOf(method, path)
      const d = docOf(docs, op.operationId)
      const ex = examples[op.operationId] ?? examples[op.operationId.replace(/Akte$/, '')]
      for (const p of (op.parameters ?? []) as ParameterObject[]) {
        p.description ??= d?.params?.[p.name] ?? PARAM_GLOSSARY[p.name]
        const recorded = ex?.request[p.in as 'path' | 'query' | 'header']?.[p.name]
        if (recorded !== undefined) p.example = recorded
      }
      const body = (op.requestBody as { content?: Record<string, { example?: unknown }> } | undefined)?.content
      if (body?.['application/json'] && ex?.request.body !== undefined)
        body['application/json'].example = ex.request.body
      if (!d) continue
      const { calls: codes, inData } = codesOf(path, op, d)
      op['x-error-codes'] = [...codes, ...inData]
      op.description = `${d.description}\n\n**Error codes** (HTTP 200, \`data.error_code\`; also in \`x-error-codes\`):\n\n${codes.map(bullet).join('\n')}`
      if (d.entryCodes)
        op.description += `\n\n**Per-entry codes** (in \`${d.entryCodes.in}\`):\n\n${inData.map(bullet).join('\n')}`
      const ok = op.responses['200']?.content?.['application/json']
      if (!ok) continue
      errorSchemaOf(doc, ok.schema)?.(codes.map((c) => c.code))
      // one `examples` map replaces a hand-written `example` (OpenAPI allows only one of the two); a route's own
      // example stands in for the success one until the suites have recorded it
      const own = ok.example
      delete ok.example
      ok.examples = {
        ...(ex ? { success: { summary: 'success', value: ex.response } } : {}),
        ...(!ex && own !== undefined ? { success: { summary: 'success', value: own } } : {}),
        ...Object.fromEntries(
          codes.map((c) => [String(c.code), { summary: c.description, value: errorExample(path, c, ex?.response) }]),
        ),
      }
    }
  }
}
