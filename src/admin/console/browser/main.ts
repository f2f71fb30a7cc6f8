/**
 * The demo console in the browser: every button names its action (data-act); each poll redraws what changed.
 * Bundled with its imports into one script the page carries inline (src/admin/console/script.ts).
 */
import { clockActions } from './clock.js'
import { note } from './dom.js'
import { orderActions } from './orders.js'
import { productActions } from './products.js'
import { refresh } from './refresh.js'
import { loadScenarios, pollRun, scenarioActions } from './scenarios.js'
import { S } from './state.js'
import { templateActions } from './template.js'
import { loadTenants, switchTenant, tenantActions } from './tenants.js'
import { renderTill, tillActions } from './till.js'
import type { Actions } from './types.js'
import { webhookActions } from './webhooks.js'

const ACTIONS: Actions = {
  ...clockActions,
  ...tenantActions,
  ...productActions,
  ...templateActions,
  ...orderActions,
  ...tillActions,
  ...scenarioActions,
  ...webhookActions,
}

document.addEventListener(
  'toggle',
  (e) => {
    const target = e.target as HTMLElement
    const id = target.dataset?.key
    if (id && target instanceof HTMLDetailsElement) {
      if (target.open) S.open.add(id)
      else S.open.delete(id)
    }
  },
  true,
)

document.addEventListener('click', async (e) => {
  const el = (e.target as Element).closest<HTMLButtonElement>('[data-act]')
  if (!el || el.disabled) return
  const act = ACTIONS[el.dataset.act ?? '']
  if (!act) return
  el.disabled = true
  try {
    await act(el)
  } catch (err) {
    note(el.dataset.act ?? '', { error_code: -1, description: (err as Error).message })
  }
  el.disabled = false
  await refresh()
})

document.addEventListener('change', (e) => {
  const target = e.target as HTMLSelectElement
  if (target.id === 'tenant') void switchTenant(target.value)
})

async function start(): Promise<void> {
  await loadTenants()
  await loadScenarios()
  renderTill()
  await refresh()
  setInterval(refresh, 1500)
  void pollRun()
}

void start()
