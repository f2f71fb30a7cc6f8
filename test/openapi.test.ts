import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { renderOpenApi } from '../scripts/openapi-doc.js'
import { makeSandbox } from './helpers/harness.js'

const committed = () => readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8')

describe('openapi/openapi.json', () => {
  it('matches a fresh build from the code (run `npm run openapi` after changing a route)', async () => {
    expect(committed()).toBe(await renderOpenApi())
  })

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(JSON.parse(committed()) as Record<string, unknown>)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('documents every platform and control-plane route with its tag', () => {
    const doc = JSON.parse(committed()) as { paths: Record<string, Record<string, { tags: string[] }>> }
    expect(doc.paths['/oauth/client_token/']?.post?.tags).toEqual(['oauth'])
    expect(doc.paths['/goodlife/v1/goods/category/get/']?.get?.tags).toEqual(['goods'])
    for (const p of [
      '/sandbox/health',
      '/sandbox/tenants',
      '/sandbox/reset',
      '/sandbox/clock',
      '/sandbox/clock/advance',
      '/sandbox/clock/freeze',
      '/sandbox/clock/unfreeze',
    ]) {
      const ops = Object.values(doc.paths[p] ?? {})
      expect(ops.length, p).toBeGreaterThan(0)
      for (const op of ops) expect(op.tags).toEqual(['sandbox'])
    }
  })

  it('is served at /openapi.json, with an offline docs page at /docs', async () => {
    const { sandbox } = await makeSandbox()
    const served = await (await sandbox.fetch(new Request('http://localhost/openapi.json'))).json()
    expect(served).toEqual(JSON.parse(committed()))
    const page = await (await sandbox.fetch(new Request('http://localhost/docs'))).text()
    expect(page).toContain('/docs/assets/swagger-ui-bundle.js')
    expect(page).not.toMatch(/https?:\/\//)
    const js = await sandbox.fetch(new Request('http://localhost/docs/assets/swagger-ui-bundle.js'))
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toContain('javascript')
    expect((await js.text()).length).toBeGreaterThan(100_000)
    const css = await sandbox.fetch(new Request('http://localhost/docs/assets/swagger-ui.css'))
    expect(css.status).toBe(200)
    const other = await sandbox.fetch(new Request('http://localhost/docs/assets/..%2Fpackage.json'))
    expect(other.status).toBe(404)
  })
})
