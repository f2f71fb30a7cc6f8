/** Errors of the shop domain. */
import { platformError } from '../../core/errors.js'

export const matchTaskNotFound = (id: string) =>
  platformError('NOT_FOUND', `no POI match task ${id} (task/submit answers the task_id)`)
