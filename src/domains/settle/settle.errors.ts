/** Errors of the settlement domain. */
import { platformError } from '../../core/errors.js'

export const withdrawalNotFound = (id: string) =>
  platformError('NOT_FOUND', `no withdrawal ${id} (withdraw/catering_query lists the withdrawals of a date range)`)
