/**
 * /openapi.json (generated from the routes' zod schemas) and /docs, a Swagger UI whose scripts and styles
 * are served from the swagger-ui-dist package, so the page works without internet.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../http/env.js'
import { buildOpenApiDocument } from './openapi.js'

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>douyin-sandbox API</title>
<link rel="icon" href="/docs/assets/favicon-32x32.png"><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });</script>
</body></html>`

export function registerDocsRoutes(app: OpenAPIHono<Env>, version: string): void {
  let doc: string | undefined
  const assetCache = new Map<string, Buffer>()
  const distDir = () => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

  app.get('/openapi.json', (c) => {
    doc ??= JSON.stringify(buildOpenApiDocument(app, version))
    return c.body(doc, 200, { 'content-type': 'application/json; charset=utf-8' })
  })

  app.get('/docs', (c) => c.html(PAGE))

  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file')
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined
    if (!type) return c.notFound()
    let body = assetCache.get(file)
    if (!body) {
      body = await readFile(join(distDir(), file))
      assetCache.set(file, body)
    }
    return c.body(new Uint8Array(body), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' })
  })
}
