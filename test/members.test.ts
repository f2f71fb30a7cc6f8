/**
 * 会员数据更新 (member/user/update): members join through the control plane, the merchant's system updates
 * points, level and mobile or unbinds them, by the official priority; the batch is all-or-nothing on unknown and
 * unbound members; an older update_time never overwrites newer data. Each rule reads the raw JSON.
 */
import { describe, expect, it } from 'vitest'
import { errorOf, errorText } from './helpers/errors.js'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'

const ACC = DEFAULT_TENANT.account_id
const T0 = 1767240000

async function setup() {
  const { api } = await makeSandbox()
  const h = async () => ({ 'access-token': await api.token() })
  const join = async (body: object = {}) => {
    const r = await api.post('/sandbox/members', body)
    expect(r.body.data.error_code, r.text).toBe(0)
    return r.body.data.member as { open_id: string; mobile: string }
  }
  const update = async (members: object[], account_id = ACC) =>
    (await api.post('/goodlife/v1/member/user/update/', { account_id, members }, await h())).body
  const member = async (openId: string) => (await api.get(`/sandbox/members/${openId}`)).body.data
  return { api, join, update, member }
}

const entry = (open_id: string, extra: object = {}) => ({
  open_id,
  points_update_cent: 1000,
  points_amount_cent: 5000,
  user_level: 2,
  update_time: T0,
  ...extra,
})

describe('会员数据更新', () => {
  it('sets points and level, adds a points-flow line, and shows it on the control plane', async () => {
    const s = await setup()
    const m = await s.join({ open_id: 'm-1', points_amount_cent: 4000 })
    expect(m).toMatchObject({ open_id: 'm-1', mobile: expect.stringMatching(/^1\d{10}$/) })
    const r = await s.update([entry('m-1')])
    expect(r.data).toEqual({ error_code: 0, description: 'success' })
    expect(r.extra.error_code).toBe(0)
    expect((await s.member('m-1')).member).toMatchObject({
      bound: true,
      points_amount_cent: 5000,
      user_level: 2,
      last_update_time: T0,
      stale_updates: 0,
      points_flow: [{ points_update_cent: 1000, points_amount_cent: 5000, update_time: T0 }],
    })
  })

  it('accepts the integers as digit strings (as the official SDK sends them) and names a non-integer', async () => {
    const s = await setup()
    await s.join({ open_id: 'm-s' })
    const r = await s.update([
      { open_id: 'm-s', points_update_cent: '-200', points_amount_cent: '800', user_level: 3, update_time: `${T0}` },
    ])
    expect(r.data.error_code).toBe(0)
    expect((await s.member('m-s')).member).toMatchObject({ points_amount_cent: 800, user_level: 3 })
    const bad = await s.update([entry('m-s', { points_amount_cent: 'abc' })])
    expect(bad.data.error_code).toBe(2100005)
    expect(errorText(bad)).toContain(
      'members[0].points_amount_cent: expected an integer (number or digit string), got "abc"',
    )
  })

  it('writes no points-flow line without points_update_cent', async () => {
    const s = await setup()
    await s.join({ open_id: 'm-2' })
    const { points_update_cent: _, ...noDelta } = entry('m-2')
    expect((await s.update([noDelta])).data.error_code).toBe(0)
    const m = (await s.member('m-2')).member
    expect(m.points_amount_cent).toBe(5000)
    expect(m.points_flow).toEqual([])
  })

  it('checks user_level 1–10, the batch size 1–5 and the required fields', async () => {
    const s = await setup()
    await s.join({ open_id: 'm-3' })
    const level = await s.update([entry('m-3', { user_level: 11 })])
    expect(level.data.error_code).toBe(2100005)
    expect(errorText(level)).toContain('members[0].user_level: must be 10 or less')
    const many = await s.update(Array.from({ length: 6 }, () => entry('m-3')))
    expect(many.data.error_code).toBe(2100005)
    expect(errorText(many)).toContain('members')
    const { update_time: _, ...noTime } = entry('m-3')
    const missing = await s.update([noTime])
    expect(errorText(missing)).toContain('members[0].update_time')
    const other = await s.update([entry('m-3')], '1234')
    expect(other.data.error_code).toBe(2119005)
  })

  it('applies unbind before new_mobile before points; the other fields are ignored then', async () => {
    const s = await setup()
    const m = await s.join({ open_id: 'm-4', points_amount_cent: 100 })
    await s.update([entry('m-4', { new_mobile: '13800000000', points_amount_cent: 9999, user_level: 9 })])
    expect((await s.member('m-4')).member).toMatchObject({
      mobile: '13800000000',
      points_amount_cent: 100,
      user_level: 1,
      points_flow: [],
    })
    expect(m.mobile).not.toBe('13800000000')
    await s.update([entry('m-4', { unbind: true, new_mobile: '13900000000', update_time: T0 + 1 })])
    expect((await s.member('m-4')).member).toMatchObject({
      bound: false,
      mobile: '13800000000',
      points_amount_cent: 100,
    })
  })

  it('fails the whole batch on an unknown or an unbound member, applying nothing', async () => {
    const s = await setup()
    await s.join({ open_id: 'm-5' })
    await s.join({ open_id: 'm-6' })
    const unknown = await s.update([entry('m-5'), entry('nobody')])
    expect(unknown.data.error_code).toBe(4000001)
    expect(errorText(unknown)).toContain('members[1].open_id: nobody is not a member')
    expect((await s.member('m-5')).member.points_amount_cent).toBe(0)
    await s.update([entry('m-6', { unbind: true })])
    const unbound = await s.update([entry('m-5'), entry('m-6', { update_time: T0 + 5 })])
    expect(unbound.data.error_code).toBe(4000002)
    expect(errorText(unbound)).toContain('members[1].open_id: member m-6 was unbound')
    expect((await s.member('m-5')).member.points_amount_cent).toBe(0)
    // joining again binds the member anew, keeping its points and level
    const again = await s.api.post('/sandbox/members', { open_id: 'm-6' })
    expect(again.body.data.member.bound).toBe(true)
    expect((await s.update([entry('m-6', { update_time: T0 + 6 })])).data.error_code).toBe(0)
    const twice = await s.api.post('/sandbox/members', { open_id: 'm-6' })
    expect(twice.body.data.error_code).toBe(4000002)
  })

  it('skips an update older than the last applied one, and counts it', async () => {
    const s = await setup()
    await s.join({ open_id: 'm-7' })
    await s.update([entry('m-7', { points_amount_cent: 7000, user_level: 5, update_time: T0 + 100 })])
    const late = await s.update([entry('m-7', { points_amount_cent: 1, user_level: 1, update_time: T0 + 99 })])
    expect(late.data.error_code).toBe(0)
    const m = (await s.member('m-7')).member
    expect(m).toMatchObject({ points_amount_cent: 7000, user_level: 5, last_update_time: T0 + 100, stale_updates: 1 })
    expect(m.points_flow).toHaveLength(1)
    // the same update_time is not older: it applies
    await s.update([entry('m-7', { points_amount_cent: 7100, update_time: T0 + 100 })])
    expect((await s.member('m-7')).member.points_amount_cent).toBe(7100)
  })

  it('lists the members and answers an unknown one with its open_id', async () => {
    const s = await setup()
    await s.join({ open_id: 'a', user_level: '4' })
    await s.join({ open_id: 'b' })
    const list = (await s.api.get('/sandbox/members')).body.data.members
    expect(list.map((m: { open_id: string }) => m.open_id)).toEqual(['a', 'b'])
    expect(list[0].user_level).toBe(4)
    const none = errorOf((await s.api.get('/sandbox/members/zzz')).body)
    expect(none.error_code).toBe(4000001)
    expect(none.description).toContain('zzz')
  })
})
