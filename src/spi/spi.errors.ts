/** Errors of the 三方码 flow (sandbox codes where the docs give none). */
import { invalidParams, platformError } from '../core/errors.js'

/** pre-create refusal reasons (douyin-api.md §7.2) */
export const PRE_CREATE_REASONS: Record<number, string> = {
  1: '商品不存在',
  2: '商品已下线',
  3: '未到商品开始售卖时间',
  4: '已过商品结束售卖时间',
  5: '商品库存售罄',
  6: '已达到购买上限',
  7: '价格校验失败',
  20: '其他异常',
}

export const preCreateRefused = (code: number, description: string) =>
  platformError(
    'STATE_CONFLICT',
    `the merchant refused the order in pre_create_order: ${code} ${PRE_CREATE_REASONS[code] ?? ''}${description ? ` (${description})` : ''}`,
  )
export const notIssuing = (orderId: string, why: string) =>
  platformError('STATE_CONFLICT', `order ${orderId} is not waiting for codes: ${why}`)
export const badCodes = (detail: string) => invalidParams(detail)
export const noRefundApply = (id: string) =>
  platformError('NOT_FOUND', `no refund ${id} is waiting for the merchant's audit`)
export const refundAuditNeedsReason = () => invalidParams('reason is required when rejecting a refund (result 2)')
export const badSpiUrl = (name: string, url: string) =>
  invalidParams(`${name} must be an absolute http:// or https:// URL, got "${url}"`)
