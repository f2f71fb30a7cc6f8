/** Errors of the member domain (会员数据更新 and the control plane's members). */
import { platformError } from '../../core/errors.js'

export const memberNotFound = (index: number, openId: string) =>
  platformError(
    'NOT_FOUND',
    `members[${index}].open_id: ${openId} is not a member of this merchant (a consumer joins through POST /sandbox/members); nothing was updated`,
  )

export const memberUnbound = (index: number, openId: string) =>
  platformError(
    'STATE_CONFLICT',
    `members[${index}].open_id: member ${openId} was unbound; it must join again before it can be updated; nothing was updated`,
  )

export const noSuchMember = (openId: string) =>
  platformError('NOT_FOUND', `no member ${openId} (POST /sandbox/members adds one)`)
