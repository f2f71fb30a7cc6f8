/** Routes of 餐饮评价 (akte/comment/query, reply, score/query) and POST /sandbox/comments. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import { jsonExact } from '../../http/json-int64.js'
import * as r from './comment.contract.js'
import { CommentService, commentView } from './comment.service.js'

/** The ids of a list parameter: `1,2`, `[1,2]` or `["1","2"]` (PHP's `x[]=` forms arrive joined by commas). */
const ids = (v: string | undefined): string[] => (v ?? '').match(/\d+/g) ?? []
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v))

export function registerCommentRoutes(app: OpenAPIHono<TenantEnv>): void {
  const comments = new CommentService()
  app.openapi(r.commentQueryRoute, (c) => {
    const q = c.req.valid('query')
    const data = comments.query(c.get('tenant'), {
      poi_ids: ids(q.poi_id_list),
      product_ids: ids(q.product_id_list),
      cursor: Number(q.cursor ?? '0'),
      count: Number(q.count ?? '20'),
      start_time: num(q.start_time),
      end_time: num(q.end_time),
    })
    return jsonExact(c, ok(c, data), 200)
  })
  app.openapi(r.commentReplyRoute, (c) =>
    jsonExact(c, ok(c, comments.reply(c.get('tenant'), c.req.valid('json'))), 200),
  )
  app.openapi(r.scoreQueryRoute, (c) =>
    jsonExact(c, ok(c, comments.score(c.get('tenant'), ids(c.req.valid('query').poi_id_list))), 200),
  )
  app.openapi(r.sandboxCommentRoute, (c) => {
    const rec = comments.create(c.get('tenant'), c.req.valid('json'))
    return jsonExact(
      c,
      ok(c, { comment: { ...commentView(rec), open_id: rec.open_id, certificate_id: rec.certificate_id } }),
      200,
    )
  })
}
