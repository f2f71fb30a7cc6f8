/**
 * Types generated from openapi/openapi.json by openapi-typescript, in a temporary folder, compile under
 * strict tsc; after `error_code === 0` a success field is typed (not unknown), and before it is unreachable.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { operations } from './helpers/openapi-doc.js'

const bin = (name: string) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname

/** One compile-time check per enveloped operation: its error member's error_code cannot be 0. */
function perOperationChecks(): string {
  return operations
    .filter((o) => o.path.startsWith('/goodlife/') || o.path.startsWith('/sandbox/'))
    .map((o, i) => `export const op${i}: NoZero<Data<'${o.path}', '${o.method}'>> = true // ${o.id}`)
    .join('\n')
}

const USE = `import type { paths } from './schema.js'
type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer A } } }
} ? A : never
type Data<P extends keyof paths, M extends keyof paths[P]> = Answer<P, M> extends { data: infer D } ? D : never
type NoZero<D> = Exclude<D, { error_code: 0 }> extends { error_code: infer C } ? (0 extends C ? false : true) : true

type Verify = Answer<'/goodlife/v1/fulfilment/certificate/verify/', 'post'>
export function messages(r: Verify): string[] {
  if (r.data.error_code === 0) return r.data.verify_results.map((v) => v.msg)
  const code: number = r.data.error_code
  return [String(code), r.data.description]
}
export function unchecked(r: Verify): unknown {
  // @ts-expect-error verify_results exists only once error_code === 0
  return r.data.verify_results
}
type Token = Answer<'/oauth/client_token/', 'post'>
export const token = (r: Token): string | undefined => (r.data.error_code === 0 ? r.data.access_token : undefined)
`

it('generates types that compile and narrow on error_code === 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-types-'))
  try {
    const gen = spawnSync(bin('openapi-typescript'), ['openapi/openapi.json', '-o', join(dir, 'schema.d.ts')], {
      encoding: 'utf8',
    })
    expect(gen.status, gen.stderr).toBe(0)
    writeFileSync(join(dir, 'use.ts'), `${USE}\n${perOperationChecks()}\n`)
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext']
    // run in the temporary folder, so no tsconfig.json of the project applies
    const tsc = spawnSync(bin('tsc'), [...args, '--target', 'es2022', '--skipLibCheck', 'use.ts'], {
      encoding: 'utf8',
      cwd: dir,
    })
    expect(tsc.stdout + tsc.stderr, 'tsc on the generated types').toBe('')
    expect(tsc.status).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 90_000)
