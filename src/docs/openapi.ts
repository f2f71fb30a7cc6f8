/** Builds the OpenAPI 3.1 document of everything the app serves (platform + control plane). */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../http/env.js'
import { documentOperations } from './document-ops.js'
import { dropBookkeeping } from './error-schemas.js'
import { recordedExamples } from './examples.js'
import { OP_DOCS } from './op-docs.registry.js'
import { linkContentSchemas } from './webhook-docs.js'

const TAGS = [
  { name: 'oauth', description: 'client tokens (生成 client_token)' },
  { name: 'goods', description: '商品: categories, templates, publishing, stock and the product views' },
  {
    name: 'fulfilment',
    description: '验券: prepare, verify, cancel, coupon queries, verification records, 三方码 callbacks',
  },
  { name: 'trade', description: '订单: order queries, bookings (预约) and the merchant confirmation' },
  { name: 'after-sale', description: '售后: refund lists, details, the merchant audit and merchant refunds' },
  { name: 'settle', description: '结算: bills, ledgers and bill files' },
  { name: 'shop', description: '门店: the stores (POIs) of the account' },
  { name: 'member', description: '会员: member points, level and mobile updates' },
  { name: 'comment', description: '餐饮评价: reviews, the merchant reply and POI scores' },
  { name: 'sandbox', description: 'control plane of the sandbox (not part of the platform)' },
  { name: 'webhooks', description: 'events the sandbox POSTs to the registered webhook URL' },
]

export function buildOpenApiDocument(app: OpenAPIHono<Env>, version: string) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'accessToken', {
    type: 'apiKey',
    in: 'header',
    name: 'access-token',
    description: 'client token from POST /oauth/client_token/',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'controlToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      'only when the sandbox was started with --control-token (CONTROL_TOKEN): every /sandbox/ call but GET /sandbox/health and GET /sandbox/ui',
  })
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'douyin-sandbox',
      version,
      description:
        'A local, stateful imitation of the Douyin local-life open platform (抖音开放平台 · 生活服务 · 到店餐饮). ' +
        'Platform paths end with a slash and are also served without it. Business errors answer HTTP 200 with a non-zero ' +
        'error_code in data and extra. Routes tagged `sandbox` are the control plane; they name their tenant with the header x-sandbox-client-key.',
    },
    // relative, so the docs page on any host and port sends "Try it out" to the sandbox that serves it
    servers: [{ url: '/', description: 'the sandbox serving this document' }],
    tags: TAGS,
  })
  doc.info.license = { name: 'MIT', url: 'https://opensource.org/licenses/MIT' }
  addAccessResponses((doc.paths ?? {}) as Record<string, Record<string, unknown>>)
  addStorageResponse((doc.paths ?? {}) as Record<string, Record<string, unknown>>)
  documentOperations(doc, OP_DOCS, recordedExamples())
  linkContentSchemas(doc)
  dropBookkeeping(doc)
  return doc
}

type Responses = Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>

/**
 * The answers of the access checks (http/access.ts), on every operation: 403 for a Host that is not loopback or
 * allowed; on the control plane also 401 (control token) and, for state changes, 403 cross-site and 415 without
 * a JSON content type. Each uses the error schema of the operation's own 413 (the oauth shape on /oauth/).
 */
function addAccessResponses(paths: Record<string, Record<string, unknown>>): void {
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, value] of Object.entries(item)) {
      const op = value as { responses?: Responses }
      if (!op.responses) continue
      const content = op.responses['413']?.content ?? {
        'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } },
      }
      const add = (status: string, description: string) => (op.responses![status] ??= { description, content })
      add('403', 'refused: the Host is not a loopback name, an IP address or one allowed with --allowed-hosts')
      if (!path.startsWith('/sandbox/')) continue
      add('401', 'refused: the sandbox was started with --control-token and the bearer token is missing or wrong')
      if (method === 'get') continue
      op.responses['403']!.description += '; or a page from another origin tried to change state (--allowed-origins)'
      add('415', 'refused: a state change without content-type: application/json (even with an empty body)')
    }
  }
}

/**
 * The storage's answer on every operation: while the disk refuses the data file's log (full, permission taken
 * away), a request is answered 503 with error_code 2100004 and nothing of it is acknowledged; the sandbox writes
 * the refused batch again in the background and answers normally once the disk takes it. Uses the error schema
 * of the operation's own 413 (the oauth shape on /oauth/).
 */
function addStorageResponse(paths: Record<string, Record<string, unknown>>): void {
  for (const item of Object.values(paths))
    for (const value of Object.values(item)) {
      const op = value as { responses?: Responses }
      if (!op.responses) continue
      const content = op.responses['413']?.content ?? {
        'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } },
      }
      op.responses['503'] ??= {
        description:
          'storage unavailable: the data file could not be written (disk full, permission), error_code 2100004; ' +
          'nothing of the request was acknowledged (the sandbox writes it again in the background): try again',
        content,
      }
    }
}
