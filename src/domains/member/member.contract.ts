/** Wire schemas and routes of 会员数据更新 (member/user/update) and the control plane's members. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { wireInt } from '../../http/wire-int.js'

const int = z.number().int()
export const MAX_MEMBERS_PER_UPDATE = 5
const tenantHeader = z.object({ 'x-sandbox-client-key': z.string().optional() })

const memberUpdate = z
  .object({
    open_id: z.string().min(1).openapi({ description: '用户/会员 open_id' }),
    points_update_cent: wireInt()
      .optional()
      .openapi({ description: '积分更新数量×100 (negative: a deduction); absent: no line in the points flow' }),
    points_amount_cent: wireInt({ min: 0 }).openapi({ description: '用户最新积分×100' }),
    user_level: wireInt({ min: 1, max: 10 }).openapi({ description: '新的等级, 1–10' }),
    unbind: z.boolean().optional().openapi({
      description: 'true: only unbinds the member; the other required fields are still required, and ignored',
    }),
    new_mobile: z
      .string()
      .max(32)
      .optional()
      .openapi({ description: 'only changes the mobile; the other required fields are still required, and ignored' }),
    update_time: wireInt({ min: 0 }).openapi({
      description: "数据更新时间 (Unix seconds); older than the member's last applied update: the entry is skipped",
    }),
  })
  .loose()

export const memberUpdateRoute = createRoute({
  method: 'post',
  path: '/goodlife/v1/member/user/update/',
  tags: ['member'],
  security: [{ accessToken: [] }],
  operationId: 'memberUserUpdate',
  summary: '会员数据更新',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              account_id: z.string().min(1).openapi({ description: '商户 id' }),
              members: z
                .array(memberUpdate)
                .min(1)
                .max(MAX_MEMBERS_PER_UPDATE)
                .openapi({ description: `批量更新的会员, 1–${MAX_MEMBERS_PER_UPDATE}` }),
            })
            .loose()
            .openapi({
              example: {
                account_id: '7136075629856040972',
                members: [
                  {
                    open_id: '_000QDn0bW3yGMpbpEcHGcVGbHmAzXfhqsbv',
                    points_update_cent: 1000,
                    points_amount_cent: 35000,
                    user_level: 2,
                    update_time: 1767240000,
                  },
                ],
              },
            }),
        },
      },
    },
  },
  responses: jsonResponses(envelopeOf('MemberUserUpdate', z.object({})), 'every entry applied or skipped as stale'),
})

const memberView = z
  .object({
    open_id: z.string(),
    nickname: z.string(),
    mobile: z.string(),
    bound: z.boolean().openapi({ description: 'false once the merchant unbound the member' }),
    points_amount_cent: int,
    user_level: int,
    join_time: int.openapi({ description: 'Unix seconds (virtual clock)' }),
    last_update_time: int.openapi({ description: 'update_time of the newest applied update; 0 before the first' }),
    stale_updates: int.openapi({ description: 'updates skipped because their update_time was older' }),
    points_flow: z
      .array(
        z.object({
          points_update_cent: int,
          points_amount_cent: int,
          update_time: int,
          received_time: int.openapi({ description: 'when the sandbox received it (virtual clock)' }),
        }),
      )
      .openapi({ description: '积分流水: one line per applied update that carried points_update_cent' }),
  })
  .openapi('SandboxMember')

export const sandboxJoinRoute = createRoute({
  method: 'post',
  path: '/sandbox/members',
  tags: ['sandbox'],
  operationId: 'sandboxJoinMember',
  summary: "a consumer joins the merchant's membership (or joins again after being unbound)",
  request: {
    headers: tenantHeader,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              open_id: z.string().min(1).max(64).optional().openapi({ description: 'default a new open_id' }),
              nickname: z.string().max(64).optional(),
              mobile: z.string().max(32).optional(),
              points_amount_cent: wireInt({ min: 0 }).optional().openapi({ description: 'starting points ×100' }),
              user_level: wireInt({ min: 1, max: 10 }).optional().openapi({ description: 'starting level, 1–10' }),
            })
            .strict(),
        },
      },
    },
  },
  responses: jsonResponses(envelopeOf('SandboxJoinMember', z.object({ member: memberView })), 'the member'),
})

export const sandboxMemberRoute = createRoute({
  method: 'get',
  path: '/sandbox/members/{open_id}',
  tags: ['sandbox'],
  operationId: 'sandboxGetMember',
  summary: "a member's state: bound, points, level, mobile and points flow",
  request: { headers: tenantHeader, params: z.object({ open_id: z.string().min(1) }) },
  responses: jsonResponses(envelopeOf('SandboxGetMember', z.object({ member: memberView })), 'the member'),
})

export const sandboxMembersRoute = createRoute({
  method: 'get',
  path: '/sandbox/members',
  tags: ['sandbox'],
  operationId: 'sandboxListMembers',
  summary: "the tenant's members, in the order they joined",
  request: { headers: tenantHeader },
  responses: jsonResponses(envelopeOf('SandboxListMembers', z.object({ members: z.array(memberView) })), 'members'),
})
