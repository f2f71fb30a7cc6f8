/** Routes of 会员数据更新 and of the control plane's members. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import * as r from './member.contract.js'
import { MemberService } from './member.service.js'

export function registerMemberRoutes(app: OpenAPIHono<TenantEnv>): void {
  const members = new MemberService()
  app.openapi(r.memberUpdateRoute, (c) => {
    members.update(c.get('tenant'), c.req.valid('json').members)
    return c.json(ok(c, {}), 200)
  })
  app.openapi(r.sandboxJoinRoute, (c) =>
    c.json(ok(c, { member: members.join(c.get('tenant'), c.req.valid('json')) }), 200),
  )
  app.openapi(r.sandboxMembersRoute, (c) => c.json(ok(c, { members: members.list(c.get('tenant')) }), 200))
  app.openapi(r.sandboxMemberRoute, (c) =>
    c.json(ok(c, { member: members.get(c.get('tenant'), c.req.valid('param').open_id) }), 200),
  )
}
