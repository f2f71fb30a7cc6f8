/**
 * 会员 (members) of a tenant: a consumer joins the merchant's membership through the control plane (as the member
 * card flow of the Douyin app would), and the merchant's system keeps the member's points, level and mobile
 * current through 会员数据更新 (member/user/update). Each member keeps the flow of its points changes.
 */
import type { Tenant } from '../../tenants/tenant.js'

/** One line of a member's points flow (积分流水): one update that carried points_update_cent. */
export interface PointsFlowLine {
  /** the change ×100 (negative for a deduction) */
  points_update_cent: number
  /** the balance ×100 after it */
  points_amount_cent: number
  /** the update's own update_time (Unix seconds) */
  update_time: number
  /** when the sandbox received it (virtual clock, Unix seconds) */
  received_time: number
}

/** open_id → a member */
export interface MemberRecord {
  open_id: string
  nickname: string
  mobile: string
  /** false once the merchant unbound the member (unbind: true); joining again binds it anew */
  bound: boolean
  points_amount_cent: number
  /** 1–10 */
  user_level: number
  join_time: number
  /** update_time of the newest update applied (Unix seconds); 0 before the first */
  last_update_time: number
  /** updates refused because their update_time was older than last_update_time */
  stale_updates: number
  points_flow: PointsFlowLine[]
}

export function memberData(t: Tenant) {
  return { members: t.repo.collection('members') }
}
