/** Builds the OpenAPI 3.1 document of everything the app serves (platform + control plane). */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../http/env.js'

export function buildOpenApiDocument(app: OpenAPIHono<Env>, version: string) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'accessToken', {
    type: 'apiKey',
    in: 'header',
    name: 'access-token',
    description: 'client token from POST /oauth/client_token/',
  })
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'douyin-sandbox',
      version,
      description:
        'A local, stateful imitation of the Douyin local-life open platform (抖音开放平台 · 生活服务 · 到店餐饮). ' +
        'Platform paths end with a slash and are also served without it. Business errors answer HTTP 200 with a non-zero ' +
        'error_code in data and extra. Routes tagged `sandbox` are the control plane; they name their tenant with the header x-sandbox-client-key.',
    },
    servers: [{ url: 'http://127.0.0.1:8787', description: 'default local address' }],
    tags: [
      { name: 'oauth', description: 'client tokens' },
      { name: 'goods', description: '商品 (goods)' },
      { name: 'sandbox', description: 'control plane of the sandbox (not part of the platform)' },
    ],
  })
}
