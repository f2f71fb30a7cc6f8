/** GET /sandbox/ui (the demo console page) and GET /sandbox/ui/state (what it shows, as JSON). */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { createHash } from 'node:crypto'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import type { Faults } from './faults.js'
import type { Journal } from './journal.js'
import { stateRoute } from './ui.contract.js'
import { CONSOLE_SCRIPTS, CONSOLE_STYLES, consolePage } from './ui.page.js'
import { dashboardState } from './ui.service.js'

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/** The page may run its own inline scripts and styles (by hash) and talk to this sandbox; nothing else. */
function consolePolicy(): string {
  return [
    "default-src 'none'",
    `script-src ${CONSOLE_SCRIPTS.map(sha256).join(' ')}`,
    `style-src ${CONSOLE_STYLES.map(sha256).join(' ')}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function registerUiRoutes(app: OpenAPIHono<TenantEnv>, journal: Journal, faults: Faults): void {
  const policy = consolePolicy()
  const html = consolePage()
  app.get('/sandbox/ui', (c) => {
    c.header('content-security-policy', policy)
    c.header('x-content-type-options', 'nosniff')
    c.header('referrer-policy', 'no-referrer')
    c.header('cache-control', 'no-store')
    return c.html(html)
  })
  app.openapi(stateRoute, (c) => c.json(ok(c, dashboardState(c.get('tenant'), journal, faults)), 200))
}
