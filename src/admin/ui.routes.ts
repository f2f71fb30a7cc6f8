/** GET /sandbox/ui (the demo console page) and GET /sandbox/ui/state (what it shows, as JSON). */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { createHash } from 'node:crypto'
import type { TenantEnv } from '../http/env.js'
import { ok } from '../http/envelope.js'
import { consolePage } from './console/page.js'
import { consoleScript } from './console/script.js'
import { CONSOLE_STYLE } from './console/style.js'
import type { Faults } from './faults.js'
import type { Journal } from './journal.js'
import { stateRoute } from './ui.contract.js'
import { dashboardState } from './ui.service.js'

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/** The page may run its own inline script and style (by hash) and talk to this sandbox; nothing else. */
function consolePolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The page and its policy, made on the first request (the bundle is read or built then, not at startup). */
function consoleDocument(): { html: string; policy: string } {
  const script = consoleScript()
  return { html: consolePage({ style: CONSOLE_STYLE, script }), policy: consolePolicy(script, CONSOLE_STYLE) }
}

export function registerUiRoutes(app: OpenAPIHono<TenantEnv>, journal: Journal, faults: Faults): void {
  let page: { html: string; policy: string } | undefined
  app.get('/sandbox/ui', (c) => {
    page ??= consoleDocument()
    c.header('content-security-policy', page.policy)
    c.header('x-content-type-options', 'nosniff')
    c.header('referrer-policy', 'no-referrer')
    c.header('cache-control', 'no-store')
    return c.html(page.html)
  })
  app.openapi(stateRoute, (c) => c.json(ok(c, dashboardState(c.get('tenant'), journal, faults)), 200))
}
