/** What 会员数据更新 and the control plane's members do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const memberDocs = defineOpDocs({
  memberUserUpdate: {
    description:
      "Updates up to 5 members of the merchant. Each entry does one thing, by the official page's priority: `unbind: true` only unbinds the member, else a `new_mobile` only changes the mobile, else the points balance and level are set (with a line in the member's points flow when `points_update_cent` is given). The other required fields are required in every case. The whole batch is checked first: an open_id that is not a member, or was unbound, fails the call and nothing is applied. An entry whose `update_time` is older than the member's last applied update is skipped (it never overwrites newer data; GET /sandbox/members/{open_id} counts it in stale_updates). Integers may be numbers or digit strings. Writes the tenant's members.",
    errors: {
      4000001: 'members[i].open_id is not a member of this merchant (POST /sandbox/members adds one); nothing applied',
      4000002: 'members[i].open_id was unbound; it must join again; nothing applied',
    },
    params: {},
  },
  sandboxJoinMember: {
    description:
      "A consumer joins the merchant's membership, as through the member card in the Douyin app: a new member (default open_id, nickname and mobile generated from the tenant's seed, level 1, no points) or, for an open_id the merchant unbound, the same member bound again with its points, level and flow kept. Writes the tenant's members.",
    errors: { 4000002: 'open_id is already a bound member' },
    params: {},
  },
  sandboxGetMember: {
    description:
      'A member as the platform holds it: bound or not, mobile, points balance, level, the update_time of the last applied update, the count of stale updates skipped and the points flow. Reads the member only.',
    errors: { 4000001: 'open_id is not a member of this tenant' },
    params: { open_id: 'the member' },
  },
  sandboxListMembers: {
    description: "The tenant's members (bound and unbound), in the order they joined. Reads the members only.",
    errors: {},
    params: {},
  },
})
