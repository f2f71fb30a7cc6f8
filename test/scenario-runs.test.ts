/** Scenario runs started through the control plane of a running sandbox (what the demo console uses). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scenarioRunner } from '../src/cli/scenario-runner.js'
import { apiOver, makeSandbox, type Api } from './helpers/harness.js'
import { listen } from './helpers/server.js'
import { errorOf } from './helpers/errors.js'

let server: Awaited<ReturnType<typeof listen>>
let api: Api
beforeAll(async () => {
  server = await listen((await makeSandbox({ scenarios: scenarioRunner })).sandbox)
  api = apiOver((req) => fetch(req), server.url)
})
afterAll(async () => {
  await server?.close()
})

describe('POST /sandbox/scenarios/runs', () => {
  it('runs a built-in scenario in its own tenant and shows its status and timeline', async () => {
    const list = errorOf((await api.get('/sandbox/scenarios')).body)
    expect(list.scenarios.map((s: { name: string }) => s.name)).toContain('product-audit')
    const started = errorOf((await api.post('/sandbox/scenarios/runs', { name: 'product-audit' })).body)
    expect(started.error_code).toBe(0)
    let run = started.run
    for (let i = 0; i < 600 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      run = (await api.get(`/sandbox/scenarios/runs/${started.run.run_id}`)).body.data.run
    }
    expect(run.status, JSON.stringify(run)).toBe('passed')
    expect(run.client_key).toMatch(/^aw/)
    const tenants = (await api.get('/sandbox/tenants')).body.data.tenants as Array<{ client_key: string }>
    expect(tenants.map((t) => t.client_key)).toContain(run.client_key)
    expect((await api.get('/sandbox/scenarios')).body.data.runs.length).toBeGreaterThan(0)
  }, 60_000)

  it('lists none and runs none in a sandbox built without a scenario runner', async () => {
    const bare = (await makeSandbox()).api
    expect((await bare.get('/sandbox/scenarios')).body.data.scenarios).toEqual([])
    const refused = errorOf((await bare.post('/sandbox/scenarios/runs', { name: 'product-audit' })).body)
    expect(refused.error_code).toBe(2100005)
    expect(refused.description).toContain('name: no scenario "product-audit"')
  })

  it('refuses an unknown scenario and an unknown run', async () => {
    const bad = errorOf((await api.post('/sandbox/scenarios/runs', { name: 'no-such-flow' })).body)
    expect(bad.error_code).toBe(2100005)
    expect(bad.description).toContain('name: no scenario "no-such-flow"')
    const none = errorOf((await api.get('/sandbox/scenarios/runs/run_999')).body)
    expect(none.error_code).toBe(4000001)
    expect(none.description).toContain('no scenario run run_999')
  })
})
