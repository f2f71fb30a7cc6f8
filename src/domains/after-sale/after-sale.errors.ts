/** Errors of refunds (README "Where the sandbox decides" lists the codes). */
import { invalidParams, platformError } from '../../core/errors.js'

export const refundRefused = (why: string) => platformError('STATE_CONFLICT', `refund refused: ${why}`)
export const orderNotFound = (id: string) => platformError('NOT_FOUND', `no order ${id}`)
export const nothingToRefund = (id: string) =>
  platformError('STATE_CONFLICT', `refund refused: order ${id} has no coupon left to refund`)
export const amountOnlyForService = () => invalidParams('amount (指定金额退) is for by: "customer_service" only')
export const noPendingAudit = (orderId: string) =>
  platformError('STATE_CONFLICT', `order ${orderId} has no refund waiting for the merchant's audit`)
export const rejectNeedsReason = () =>
  invalidParams('reject_reason is required when audit_status is false (审核结果为拒绝时必须要告知抖音拒绝原因)')
