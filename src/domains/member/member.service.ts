/**
 * 会员数据更新 (POST /goodlife/v1/member/user/update/) and the control plane's members. Per the official page,
 * each entry does one thing, by priority: unbind (only unbinds) > new_mobile (only changes the mobile) > points
 * and level. The sandbox checks the whole batch before it changes anything: an unknown or unbound open_id fails
 * the call and no entry is applied. An entry whose update_time is older than the member's last applied update is
 * skipped (counted in stale_updates), so a late retry never overwrites newer data.
 */
import type { Tenant } from '../../tenants/tenant.js'
import { memberNotFound, memberUnbound, noSuchMember } from './member.errors.js'
import { memberData, type MemberRecord } from './member.store.js'
import { platformError } from '../../core/errors.js'

export interface MemberUpdateInput {
  open_id: string
  points_update_cent?: number | undefined
  points_amount_cent: number
  user_level: number
  unbind?: boolean | undefined
  new_mobile?: string | undefined
  update_time: number
}

export interface JoinInput {
  open_id?: string | undefined
  nickname?: string | undefined
  mobile?: string | undefined
  points_amount_cent?: number | undefined
  user_level?: number | undefined
}

/** What an entry changes on a member (a new record; records are never changed in place). */
function applyOne(m: MemberRecord, u: MemberUpdateInput, now: number): MemberRecord {
  if (u.update_time < m.last_update_time) return { ...m, stale_updates: m.stale_updates + 1 }
  const base = { ...m, last_update_time: u.update_time }
  if (u.unbind === true) return { ...base, bound: false }
  if (u.new_mobile !== undefined && u.new_mobile !== '') return { ...base, mobile: u.new_mobile }
  const flow =
    u.points_update_cent === undefined
      ? m.points_flow
      : [
          ...m.points_flow,
          {
            points_update_cent: u.points_update_cent,
            points_amount_cent: u.points_amount_cent,
            update_time: u.update_time,
            received_time: now,
          },
        ]
  return { ...base, points_amount_cent: u.points_amount_cent, user_level: u.user_level, points_flow: flow }
}

export class MemberService {
  /** member/user/update: every entry checked against the members (as the batch changes them), then all applied. */
  update(t: Tenant, entries: MemberUpdateInput[]): void {
    const { members } = memberData(t)
    const working = new Map<string, MemberRecord>()
    const now = t.clock.now()
    entries.forEach((u, i) => {
      const m = working.get(u.open_id) ?? members.get(u.open_id)
      if (!m) throw memberNotFound(i, u.open_id)
      if (!m.bound) throw memberUnbound(i, u.open_id)
      working.set(u.open_id, applyOne(m, u, now))
    })
    for (const [id, m] of working) members.put(id, m)
  }

  /** POST /sandbox/members: a consumer joins (or, once unbound, joins again and is bound anew). */
  join(t: Tenant, input: JoinInput): MemberRecord {
    const { members } = memberData(t)
    const openId = input.open_id ?? `_000${t.random.chars(28)}`
    const old = members.get(openId)
    if (old?.bound)
      throw platformError('STATE_CONFLICT', `open_id: ${openId} is already a member (GET /sandbox/members/${openId})`)
    const rec: MemberRecord = {
      open_id: openId,
      nickname: input.nickname ?? old?.nickname ?? `抖音用户${t.random.digits(6)}`,
      mobile: input.mobile ?? old?.mobile ?? `1${t.random.digits(10)}`,
      bound: true,
      points_amount_cent: input.points_amount_cent ?? old?.points_amount_cent ?? 0,
      user_level: input.user_level ?? old?.user_level ?? 1,
      join_time: t.clock.now(),
      last_update_time: old?.last_update_time ?? 0,
      stale_updates: old?.stale_updates ?? 0,
      points_flow: old?.points_flow ?? [],
    }
    return members.put(openId, rec)
  }

  get(t: Tenant, openId: string): MemberRecord {
    const m = memberData(t).members.get(openId)
    if (!m) throw noSuchMember(openId)
    return m
  }

  list(t: Tenant): MemberRecord[] {
    return memberData(t)
      .members.values()
      .sort((a, b) => a.join_time - b.join_time || a.open_id.localeCompare(b.open_id))
  }
}
