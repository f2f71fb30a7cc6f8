/** GET /sandbox/ui (the dashboard page) and GET /sandbox/ui/state (what it shows, as JSON). */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import type { Faults } from './faults.js'
import type { Journal } from './journal.js'
import { stateRoute } from './ui.contract.js'
import { createHash } from 'node:crypto'
import { DASHBOARD_HTML, DASHBOARD_SCRIPT, DASHBOARD_STYLE } from './ui.page.js'
import { dashboardState } from './ui.service.js'

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/** The page may run its own inline script and style (by hash) and talk to this sandbox; nothing else. */
function dashboardPolicy(): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(DASHBOARD_SCRIPT)}`,
    `style-src ${sha256(DASHBOARD_STYLE)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function registerUiRoutes(app: OpenAPIHono<TenantEnv>, journal: Journal, faults: Faults): void {
  const policy = dashboardPolicy()
  app.get('/sandbox/ui', (c) => {
    c.header('content-security-policy', policy)
    c.header('x-content-type-options', 'nosniff')
    c.header('referrer-policy', 'no-referrer')
    return c.html(DASHBOARD_HTML)
  })
  app.openapi(stateRoute, (c) => c.json(ok(c, dashboardState(c.get('tenant'), journal, faults)), 200))
}
