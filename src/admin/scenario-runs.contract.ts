/** Wire schemas and routes of /sandbox/scenarios: the built-in scenario scripts, run against this sandbox. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../http/envelope.schema.js'

const tenantHeader = z.object({ 'x-sandbox-client-key': z.string().optional() })
const scenarioSchema = z
  .object({ name: z.string(), description: z.string(), needs_reference_merchant: z.boolean() })
  .openapi('ScenarioInfo')
const runSchema = z
  .object({
    run_id: z.string().openapi({ example: 'run_1' }),
    scenario: z.string(),
    status: z.enum(['running', 'passed', 'failed']),
    client_key: z
      .string()
      .nullable()
      .openapi({ description: "the run's own fresh tenant (frozen at 2022-06-01), once created" }),
    lines: z
      .array(z.string())
      .openapi({ description: 'the timeline so far: steps with virtual time, requests, what fired' }),
    failure: z.string().nullable().openapi({ description: 'what was expected and what came back' }),
  })
  .openapi('ScenarioRun')

export const listScenariosRoute = createRoute({
  method: 'get',
  path: '/sandbox/scenarios',
  tags: ['sandbox'],
  operationId: 'sandboxListScenarios',
  summary: 'the built-in scenario scripts (the same as `douyin-sandbox scenario --list`)',
  request: { headers: tenantHeader },
  responses: jsonResponses(
    envelopeOf('SandboxListScenarios', z.object({ scenarios: z.array(scenarioSchema), runs: z.array(runSchema) })),
    'the scenarios and the runs kept (newest first, at most 20)',
  ),
})
export const startRunRoute = createRoute({
  method: 'post',
  path: '/sandbox/scenarios/runs',
  tags: ['sandbox'],
  operationId: 'sandboxRunScenario',
  summary:
    'start a scenario against this sandbox, in a fresh tenant of its own with the built-in reference merchant as webhook and SPI target; answers at once, the timeline grows as it runs',
  request: {
    headers: tenantHeader,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ name: z.string().openapi({ example: 'cancel-within-hour' }) }).strict(),
        },
      },
    },
  },
  responses: jsonResponses(envelopeOf('SandboxRunScenario', z.object({ run: runSchema })), 'the run, started'),
})
export const getRunRoute = createRoute({
  method: 'get',
  path: '/sandbox/scenarios/runs/{run_id}',
  tags: ['sandbox'],
  operationId: 'sandboxScenarioRun',
  summary: 'a scenario run: its status and timeline so far',
  request: { headers: tenantHeader, params: z.object({ run_id: z.string().openapi({ example: 'run_1' }) }) },
  responses: jsonResponses(envelopeOf('SandboxScenarioRun', z.object({ run: runSchema })), 'the run'),
})
