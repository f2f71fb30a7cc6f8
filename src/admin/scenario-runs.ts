/**
 * Scenario runs started from the control plane (the console's scenario panel): each runs one built-in scenario
 * in-process against this same sandbox over loopback HTTP, in a fresh tenant, with the reference merchant as
 * target. Kept in memory (the last RUNS_KEPT); a restart forgets them. The runner itself is handed in
 * (createSandbox's `scenarios`, given by the start command): without one, the list is empty.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import { invalidParams, platformError } from '../core/errors.js'
import { getRunRoute, listScenariosRoute, startRunRoute } from './scenario-runs.contract.js'

const RUNS_KEPT = 20

interface Run {
  run_id: string
  scenario: string
  status: 'running' | 'passed' | 'failed'
  client_key: string | null
  lines: string[]
  failure: string | null
}

/** A built-in scenario as the control plane lists it. */
export interface ScenarioInfo {
  name: string
  description: string
  needsReferenceMerchant?: boolean | undefined
}

/** What one run is told: where the sandbox is, and where its timeline lines and fresh tenant go. */
export interface ScenarioRunOptions {
  sandboxUrl: string
  headers: Record<string, string>
  log: (line: string) => void
  onTenant: (scenario: string, tenant: { client_key: string }) => void
}

/** The scenario runner as the control plane uses it (the start command composes it from the scenarios). */
export interface ScenarioRunner {
  list(): Promise<readonly ScenarioInfo[]>
  /** Runs the scenario `name` (one that `list` names); resolves with how it went. */
  run(
    name: string,
    options: ScenarioRunOptions,
  ): Promise<{ failed: number; failures: ReadonlyArray<{ message: string }> }>
}

/** No scenarios: the runner of a sandbox built without one. */
const NO_SCENARIOS: ScenarioRunner = {
  list: async () => [],
  run: async (name) => {
    throw new Error(`no scenario ${name}`)
  },
}

export class ScenarioRuns {
  private readonly runs: Run[] = []
  private seq = 0

  constructor(private readonly runner: ScenarioRunner = NO_SCENARIOS) {}

  async list() {
    return (await this.runner.list()).map((s) => ({
      name: s.name,
      description: s.description,
      needs_reference_merchant: s.needsReferenceMerchant ?? false,
    }))
  }

  recent(): Run[] {
    return this.runs.map((r) => ({ ...r, lines: [...r.lines] }))
  }

  get(id: string): Run | undefined {
    return this.runs.find((r) => r.run_id === id)
  }

  /** Starts `name` against the sandbox at `baseUrl`; returns the run at once. */
  async start(name: string, baseUrl: string, headers: Record<string, string>): Promise<Run> {
    const scenario = (await this.runner.list()).find((s) => s.name === name)
    if (!scenario) throw invalidParams(`name: no scenario ${JSON.stringify(name)} (GET /sandbox/scenarios lists them)`)
    const run: Run = {
      run_id: `run_${++this.seq}`,
      scenario: name,
      status: 'running',
      client_key: null,
      lines: [],
      failure: null,
    }
    this.runs.unshift(run)
    this.runs.splice(RUNS_KEPT)
    void this.runner
      .run(name, {
        sandboxUrl: baseUrl,
        headers,
        log: (line) => run.lines.push(line),
        onTenant: (_name, tenant) => {
          run.client_key = tenant.client_key
        },
      })
      .then(
        (report) => {
          run.status = report.failed > 0 ? 'failed' : 'passed'
          run.failure = report.failures[0]?.message ?? null
        },
        (e: unknown) => {
          run.status = 'failed'
          run.failure = e instanceof Error ? e.message : String(e)
          run.lines.push(`  ✗ ${run.failure}`)
        },
      )
    return run
  }
}

export function registerScenarioRunRoutes(app: OpenAPIHono<TenantEnv>, runs: ScenarioRuns): void {
  app.openapi(listScenariosRoute, async (c) =>
    c.json(ok(c, { scenarios: await runs.list(), runs: runs.recent() }), 200),
  )
  app.openapi(startRunRoute, async (c) => {
    const auth = c.req.header('authorization')
    const run = await runs.start(
      c.req.valid('json').name,
      new URL(c.req.url).origin,
      auth ? { authorization: auth } : {},
    )
    return c.json(ok(c, { run: { ...run, lines: [...run.lines] } }), 200)
  })
  app.openapi(getRunRoute, (c) => {
    const run = runs.get(c.req.valid('param').run_id)
    if (!run) throw platformError('NOT_FOUND', `no scenario run ${c.req.valid('param').run_id}`)
    return c.json(ok(c, { run: { ...run, lines: [...run.lines] } }), 200)
  })
}
