/** docs/client.md names every export of the client and the testing kit, every client member and every exported type. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as client from '../src/client/index.js'
import * as testing from '../src/testing/index.js'

const DOC = readFileSync(new URL('../docs/client.md', import.meta.url), 'utf8')
/** `name`, `name(…)`, `name<…>`, `x.name…` or `op.<…>` in backticks */
const documented = (name: string) => new RegExp('`([\\w.]+\\.)?' + name + '[`(<]').test(DOC)

/** Names a module's `export type` lists and `type X` specifiers declare. */
function typeExports(file: string): string[] {
  const src = readFileSync(new URL(file, import.meta.url), 'utf8')
  const names = new Set<string>()
  for (const m of src.matchAll(/export type \{([^}]*)\}/g))
    for (const n of m[1]!.split(',')) if (n.trim()) names.add(n.trim())
  for (const m of src.matchAll(/\btype (\w+)\b(?!\s*=)/g)) names.add(m[1]!)
  return [...names]
}

describe('docs/client.md', () => {
  it('has a line for every runtime export', () => {
    const missing = [...Object.keys(client), ...Object.keys(testing)].filter((n) => !documented(n))
    expect(missing).toEqual([])
  })

  it('has a line for every public member of SandboxClient', () => {
    const c = new client.SandboxClient('http://127.0.0.1:1', { client_key: 'k', client_secret: 's' })
    const members = [...Object.keys(c), ...Object.getOwnPropertyNames(client.SandboxClient.prototype)]
    // the private ones (TypeScript's `private`: still properties at run time)
    const internal = new Set(['constructor', 'token', 'callRaw', 'send'])
    const missing = members.filter((n) => !internal.has(n) && !documented(n))
    expect(missing).toEqual([])
  })

  it('names every exported type', () => {
    const types = [...typeExports('../src/client/index.ts'), ...typeExports('../src/testing/index.ts')]
    expect(types.length).toBeGreaterThan(25)
    expect(types.filter((n) => !documented(n))).toEqual([])
  })
})
