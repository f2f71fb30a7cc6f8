/**
 * The official SDK's own typing, read from its models: which of its methods call a path the sandbox documents,
 * and a check that a model holds only values of the types its class declares (`types()`), used on the requests a
 * test builds (inputs typed as the SDK declares them) and on the answers (the SDK's cast went through).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { expect } from 'vitest'
import { lastSdkAnswer, sdk } from './sdk.js'
import type { ModelWalk } from './sdk-models.js'

const require = createRequire(import.meta.url)

type ModelClass = { new (map?: object): object; types(): Record<string, unknown>; names(): Record<string, string> }
interface ArrayType {
  type: 'array'
  itemType: string | ModelClass
}

/** SDK method name → its path and response class, for every method whose path openapi/openapi.json documents. */
export function servedSdkMethods(): Map<string, { path: string; response: string }> {
  const client = readFileSync(require.resolve('@open-dy/open_api_sdk'), 'utf8')
  const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
    paths: Record<string, unknown>
  }
  const out = new Map<string, { path: string; response: string }>()
  for (const chunk of client.split(/\n {4}async /).slice(1)) {
    const name = /^(\w+)\(/.exec(chunk)?.[1]
    const path = /pathname = [`"]([^`"]+)[`"]/.exec(chunk)?.[1]
    const response = /new (\w+Response)\(\{\}\)/.exec(chunk)?.[1]
    if (name && path && response && doc.paths[path] && !out.has(name)) out.set(name, { path, response })
  }
  return out
}

function checkValue(value: unknown, type: unknown, where: string): void {
  if (value === undefined || value === null) return
  if (typeof type === 'string') {
    if (type === 'map' || type === 'any') expect(typeof value, where).toBe('object')
    else if (type === 'Readable' || type === 'Buffer') return
    else expect(typeof value, where).toBe(type)
    return
  }
  if ((type as ArrayType).type === 'array') {
    expect(Array.isArray(value), `${where} is an array`).toBe(true)
    // the cast converts the items of model lists only; a list of scalars passes through as sent
    const item = (type as ArrayType).itemType
    if (typeof item !== 'string') (value as unknown[]).forEach((v, i) => checkValue(v, item, `${where}[${i}]`))
    return
  }
  if ((type as { type?: string }).type === 'map') {
    expect(typeof value, where).toBe('object')
    return
  }
  expect(value, `${where} is a ${(type as ModelClass).name}`).toBeInstanceOf(type as ModelClass)
  expectDeclaredTypes(value as object, where)
}

/** Fails unless every field set on `model` has the type its class declares, nested models included. */
export function expectDeclaredTypes(model: object, where = model.constructor.name): void {
  const types = (model.constructor as ModelClass).types()
  for (const [key, type] of Object.entries(types)) {
    checkValue((model as Record<string, unknown>)[key], type, `${where}.${key}`)
  }
}

/**
 * Calls the SDK method `name` with `request`, checks both sides against the SDK's declared types and records it;
 * with `walk`, also scores the raw JSON answer against the method's response model.
 */
export function sdkCaller(client: any, called: Set<string>, walk?: ModelWalk) {
  const methods = servedSdkMethods()
  return async function call<T = any>(name: string, request: object): Promise<T> {
    expectDeclaredTypes(request)
    const res = await client[name](request)
    const response = methods.get(name)?.response
    expect(response, `${name} calls a path the sandbox serves`).toBeDefined()
    expect(res).toBeInstanceOf(sdk[response!])
    expectDeclaredTypes(res)
    walk?.walk(name, response!, lastSdkAnswer.text)
    called.add(name)
    return res as T
  }
}
