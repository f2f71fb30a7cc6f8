/** GET /sandbox/ui (the dashboard page) and GET /sandbox/ui/state (what it shows, as JSON). */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import type { Faults } from './faults.js'
import type { Journal } from './journal.js'
import { stateRoute } from './ui.contract.js'
import { DASHBOARD_HTML } from './ui.page.js'
import { dashboardState } from './ui.service.js'

export function registerUiRoutes(app: OpenAPIHono<TenantEnv>, journal: Journal, faults: Faults): void {
  app.get('/sandbox/ui', (c) => c.html(DASHBOARD_HTML))
  app.openapi(stateRoute, (c) => c.json(ok(c, dashboardState(c.get('tenant'), journal, faults)), 200))
}
