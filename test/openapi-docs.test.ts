/**
 * The OpenAPI document as a contract-testing product: every operation is described with its error codes,
 * parameters and examples; every example fits its schema; the lint passes. Failures name the operation and
 * what is missing. (That every answer's error_code is one the operation lists is checked on every response
 * the suites see: the contract harness validates against each operation's own error schema.)
 */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { doc, operations, validateAgainst, type Json } from './helpers/openapi-doc.js'
import { makeSandbox } from './helpers/harness.js'

const json = (o: Json | undefined) => o?.content?.['application/json']

describe('the OpenAPI document', () => {
  it('marks query_leger_url deprecated (its page: 接口不再对外提供), and declares extra.sub_description', () => {
    const legerUrl = doc.paths['/goodlife/v1/settle/bill/query_leger_url/'].get
    expect(legerUrl.deprecated).toBe(true)
    expect(legerUrl.description).toContain('接口不再对外提供')
    expect(doc.paths['/goodlife/v1/settle/bill/query_rebate_url/'].get.deprecated).toBeUndefined()
    const extra = doc.components.schemas.Extra
    expect(extra.required).toEqual(expect.arrayContaining(['sub_error_code', 'sub_description']))
    expect(extra.properties.sub_description.description).toContain('naming the field')
  })

  it('describes every operation: summary, description, error codes, parameters and examples', () => {
    const problems: string[] = []
    for (const { op, name } of operations) {
      const miss = (what: string) => problems.push(`${name}: ${what}`)
      if (!op.summary) miss('no summary')
      if (!op.description) miss('no description (add it to the <domain>.docs.ts of its domain)')
      if (!Array.isArray(op['x-error-codes']) || op['x-error-codes'].length === 0) miss('no x-error-codes')
      for (const p of op.parameters ?? []) if (!p.description) miss(`parameter ${p.in} ${p.name} has no description`)
      const body = json(op.requestBody)
      if (body && body.example === undefined) miss('no request body example (npm run openapi:examples)')
      for (const p of op.parameters ?? [])
        if (p.required && p.example === undefined && p.schema?.example === undefined)
          miss(`required parameter ${p.name} has no example (npm run openapi:examples)`)
      // a download (the bill files) answers 200 with the file, not JSON: its examples are its parameters'
      const download = op.responses?.['200']?.content && !json(op.responses['200'])
      if (!download && !json(op.responses?.['200'])?.examples?.success)
        miss('no success example (npm run openapi:examples)')
    }
    expect(problems).toEqual([])
  })

  it('gives every example a value that validates against its schema', () => {
    const problems: string[] = []
    for (const { op, name } of operations) {
      const check = (what: string, schema: unknown, value: unknown) => {
        const why = validateAgainst(schema, value)
        if (why) problems.push(`${name}: ${what} breaks its schema: ${why}`)
      }
      const body = json(op.requestBody)
      if (body?.example !== undefined) check('the request body example', body.schema, body.example)
      for (const p of op.parameters ?? [])
        if (p.example !== undefined) check(`parameter ${p.name}`, p.schema, p.example)
      const ok = json(op.responses?.['200'])
      for (const [key, ex] of Object.entries((ok?.examples ?? {}) as Json)) check(`example ${key}`, ok.schema, ex.value)
    }
    expect(problems).toEqual([])
    expect(operations.length).toBeGreaterThan(70)
  })

  it("lists each code of an operation's error schema in its x-error-codes, with a meaning and an example", () => {
    const problems: string[] = []
    for (const { op, name } of operations) {
      const listed = (op['x-error-codes'] ?? []) as { code: number; description: string; in?: string }[]
      const ok = json(op.responses?.['200'])
      const download = op.responses?.['200']?.content && !ok // its errors are not HTTP 200 JSON answers
      for (const c of listed.filter((c) => !c.in)) {
        if (!c.description) problems.push(`${name}: code ${c.code} has no meaning`)
        if (!download && !ok?.examples?.[String(c.code)]) problems.push(`${name}: code ${c.code} has no example`)
      }
    }
    expect(problems).toEqual([])
  })

  it('declares its tags, security on every operation, and a relative server', () => {
    const tags = new Set((doc.tags as Json[]).map((t) => t.name))
    const problems: string[] = []
    for (const { op, name, path } of operations) {
      for (const t of op.tags ?? []) if (!tags.has(t)) problems.push(`${name}: tag ${t} is not declared`)
      if (!Array.isArray(op.security)) problems.push(`${name}: no security`)
      else if (path.startsWith('/goodlife/') && JSON.stringify(op.security) !== '[{"accessToken":[]}]')
        problems.push(`${name}: platform operations need access-token`)
    }
    expect(problems).toEqual([])
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }])
    const byId = Object.fromEntries(operations.map((o) => [o.id, o.op]))
    expect(byId.oauthClientToken?.security).toEqual([])
    expect(byId.sandboxReset?.security).toEqual([{ controlToken: [] }, {}])
  })

  it('passes redocly lint (recommended rules, redocly.yaml) with zero errors', () => {
    const r = spawnSync('node_modules/.bin/redocly', ['lint', 'openapi/openapi.json', '--format=stylish'], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    })
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0)
    expect(r.stdout + r.stderr).not.toMatch(/\berror\b\s+[a-z-]+/)
  }, 60_000)

  it('answers the control-plane reads its examples come from', async () => {
    const { api } = await makeSandbox()
    expect((await api.get('/sandbox/spi')).body.data.error_code).toBe(0)
    expect((await api.get('/sandbox/ui/state')).body.data.error_code).toBe(0)
    expect((await api.get('/sandbox/examples/product_save?kind=combo_pack&refund_mode=1')).body.data.error_code).toBe(0)
  })
})

describe('GET /', () => {
  it('is a page linking the console, the docs, the OpenAPI document and health, each of which answers', async () => {
    const { sandbox } = await makeSandbox()
    const home = await sandbox.fetch(new Request('http://localhost:8787/'))
    expect(home.status).toBe(200)
    expect(home.headers.get('content-type')).toContain('text/html')
    const links = [...(await home.text()).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!)
    expect(links).toEqual(['/sandbox/ui', '/docs', '/openapi.json', '/sandbox/health'])
    for (const link of links)
      expect((await sandbox.fetch(new Request(`http://localhost:8787${link}`))).status).toBe(200)
  })
})
