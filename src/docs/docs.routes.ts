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

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>douyin-sandbox API</title>
<link rel="icon" href="/docs/assets/favicon-32x32.png"><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: 'none' });</script>
</body></html>`

export function registerDocsRoutes(app: OpenAPIHono<Env>, version: string): void {
  let doc: string | undefined
  const assetCache = new Map<string, Buffer>()

  // the generator (and the docs it assembles) loads on the first request: start-up does not wait for it
  app.get('/openapi.json', async (c) => {
    doc ??= JSON.stringify((await import('./openapi.js')).buildOpenApiDocument(app, version))
    return c.body(doc, 200, { 'content-type': 'application/json; charset=utf-8' })
  })

  app.get('/docs', (c) => c.html(PAGE))

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
