/**
 * /openapi.json (generated from the routes' zod schemas) and /docs, a Swagger UI whose scripts and styles are
 * served from the copy in vendor/swagger-ui/ (scripts/vendor-swagger-ui.mjs), so the page works without internet
 * and the package depends on no install-time analytics (swagger-ui-dist pulls in @scarf/scarf).
 */
import { readFile } from 'node:fs/promises'
import { packageFile } from '../core/package-files.js'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../http/env.js'

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

/**
 * "Try it out" runs in a tenant of its own, so a click on clock/advance or reset does not move the default
 * tenant (the one a developer's own code and the console use): the page creates it once (an existing one is
 * kept) and adds its key to every control-plane call; platform calls go to the tenant of the token given.
 */
export const TRY_IT_OUT_TENANT = { client_key: 'docs-try-it-out', client_secret: 'docs-try-it-out-secret-0000000000' }

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>douyin-sandbox API</title>
<link rel="icon" href="/docs/assets/favicon-32x32.png"><link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<style>#try-tenant{font:15px/1.4 system-ui,sans-serif;background:#fff8e1;border-bottom:2px solid #f0c36d;padding:8px 16px}</style></head>
<body><div id="try-tenant"><b>Try it out</b> runs in the tenant <code>${TRY_IT_OUT_TENANT.client_key}</code>, not the default
one: every <code>/sandbox/*</code> call from this page carries <code>x-sandbox-client-key: ${TRY_IT_OUT_TENANT.client_key}</code>
(created when this page opens). For platform calls, get a token with <code>client_key=${TRY_IT_OUT_TENANT.client_key}</code>
and <code>client_secret=${TRY_IT_OUT_TENANT.client_secret}</code>; a token of another tenant changes that tenant.</div>
<div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
fetch('/sandbox/tenants', { method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify(${JSON.stringify(TRY_IT_OUT_TENANT)}) }).catch(function () {});
window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: 'none',
  requestInterceptor: function (req) {
    var path = new URL(req.url, location.href).pathname;
    var has = Object.keys(req.headers || {}).some(function (h) { return h.toLowerCase() === 'x-sandbox-client-key'; });
    if (path.indexOf('/sandbox/') === 0 && path !== '/sandbox/tenants' && !has) {
      req.headers = req.headers || {};
      req.headers['x-sandbox-client-key'] = '${TRY_IT_OUT_TENANT.client_key}';
    }
    return req;
  } });
</script>
</body></html>`

/** `GET /`: where everything is, for a person who opens the sandbox's address in a browser. */
const HOME = (version: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>douyin-sandbox</title>
<style>body{font:17px/1.5 system-ui,sans-serif;max-width:44em;margin:2em auto;padding:0 1em}code{font-size:.95em}</style></head>
<body><h1>douyin-sandbox ${version}</h1>
<p>A local, stateful imitation of the Douyin local-life open platform (抖音开放平台 · 生活服务). Point your code's base URL here
instead of <code>https://open.douyin.com</code>.</p>
<ul>
<li><a href="/sandbox/ui">Demo console</a>: publish a combo pack, buy it, scan a coupon at the till, refund, move the clock</li>
<li><a href="/docs">API docs</a> (Swagger UI; "Try it out" runs in a tenant of its own)</li>
<li><a href="/openapi.json">/openapi.json</a>: the OpenAPI 3 document of every platform and control-plane path</li>
<li><a href="/sandbox/health">/sandbox/health</a>: readiness</li>
</ul></body></html>`

export function registerDocsRoutes(app: OpenAPIHono<Env>, version: string): void {
  let doc: string | undefined
  const assetCache = new Map<string, Buffer>()

  // the generator (and the docs it assembles) loads on the first request: start-up does not wait for it
  app.get('/openapi.json', async (c) => {
    doc ??= JSON.stringify((await import('./openapi.js')).buildOpenApiDocument(app, version))
    return c.body(doc, 200, { 'content-type': 'application/json; charset=utf-8' })
  })

  app.get('/docs', (c) => c.html(PAGE))
  app.get('/', (c) => c.html(HOME(version)))

  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file')
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined
    if (!type) return c.notFound()
    let body = assetCache.get(file)
    if (!body) {
      body = await readFile(packageFile(`vendor/swagger-ui/${file}`))
      assetCache.set(file, body)
    }
    return c.body(new Uint8Array(body), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' })
  })
}
