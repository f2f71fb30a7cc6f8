/**
 * The built-in scenarios and their runner (scenarios/) as the control plane's scenario routes take them: loaded on
 * the first call, so a sandbox that runs none does not load them.
 */
import type { ScenarioRunner } from '../admin/scenario-runs.js'

const load = async () => {
  const [{ SCENARIOS }, { runScenarios }] = await Promise.all([
    import('../../scenarios/index.js'),
    import('../../scenarios/runner.js'),
  ])
  return { SCENARIOS, runScenarios }
}

export const scenarioRunner: ScenarioRunner = {
  list: async () => (await load()).SCENARIOS,
  async run(name, options) {
    const { SCENARIOS, runScenarios } = await load()
    return runScenarios(
      SCENARIOS.filter((s) => s.name === name),
      options,
    )
  },
}
