/** ⑥ Scenario scripts: run one in its own new tenant, its timeline live, then switch to its tenant. */
import { control } from './api.js'
import { $, draw, note, valueOf } from './dom.js'
import { S } from './state.js'
import { loadTenants, switchTenant } from './tenants.js'
import type { Actions, ScenarioRun } from './types.js'

export const scenarioActions: Actions = {
  runScenario: async () => {
    const d = await control<{ run?: ScenarioRun }>('POST', '/sandbox/scenarios/runs', {
      name: valueOf('scenario-name'),
    })
    if (note('运行场景 ' + valueOf('scenario-name'), d) && d.run) {
      S.run = d.run
      renderRun()
    }
  },
  runTenant: async () => {
    if (S.run && S.run.client_key) {
      await loadTenants()
      await switchTenant(S.run.client_key)
    }
  },
}

const Outcome = ({ status }: { status: string }) =>
  status === 'running' ? '运行中…' : status === 'passed' ? <b class="ok">✓ 通过</b> : <b class="bad">✗ 失败</b>

function renderRun(): void {
  const r = S.run
  if (!r) return
  draw(
    'scenario-status',
    <>
      {r.scenario} · <Outcome status={r.status} />
      {r.client_key ? (
        <>
          {' · 租户 '}
          <code>{r.client_key}</code>
        </>
      ) : null}
    </>,
  )
  const timeline = $('scenario-timeline')
  timeline.textContent = r.lines.join('\n') + (r.failure ? '\n\n' + r.failure : '')
  timeline.scrollTop = 1e9
  $('scenario-tenant').hidden = !r.client_key
}

/** Follows the running scenario, twice a second. */
export async function pollRun(): Promise<void> {
  if (S.run && S.run.status === 'running') {
    const d = await control<{ run?: ScenarioRun }>('GET', '/sandbox/scenarios/runs/' + S.run.run_id)
    if (d && d.run) {
      S.run = d.run
      renderRun()
    }
  }
  setTimeout(pollRun, 500)
}

export async function loadScenarios(): Promise<void> {
  const sc = await control<{ scenarios?: Array<{ name: string; description: string }> }>('GET', '/sandbox/scenarios')
  draw(
    'scenario-name',
    <>
      {(sc.scenarios || []).map((x) => (
        <option value={x.name}>{`${x.name} — ${x.description}`}</option>
      ))}
    </>,
  )
}
