/** Errors of refunds (docs/decisions.md lists the codes). */
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
export const afterSaleNotFound = (id: string) => platformError('NOT_FOUND', `no after-sale ${id}`)
export const notWaitingForMerchant = (id: string, status: number) =>
  platformError(
    'STATE_CONFLICT',
    `after-sale ${id} is not waiting for the merchant's audit (status ${status}: 1 待商家审核, 2 退款成功, 3 商家拒绝)`,
  )
export const orderAlreadyTouched = (id: string, why: string) =>
  platformError('STATE_CONFLICT', `order ${id} cannot be rejected (拒单): ${why}; apply_refund cancels the unused part`)
export const needRejectReason = (field: string) =>
  invalidParams(`${field} is required when refusing (reason_code or desc, 拒绝原因)`)
