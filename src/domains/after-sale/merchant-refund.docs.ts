/** What the merchant's refund operations (apply_refund, merchant_reject, audit/notify) do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const merchantRefundDocs = defineOpDocs({
  afterSaleApplyRefund: {
    description:
      'The merchant cancels an order: every coupon of it not refunded or being refunded, verified ones included, is refunded at once, without audit and whatever the product\'s refund rules (the merchant decides); a billed verification gets its reversing ledger record. Writes an after-sale (`initiator` "merchant", `out_biz_after_sale_id` = `out_after_sale_id`) that the after-sale queries show; the coupons become 退款成功 (status 4), the order 101, stock goes back, and each coupon emits `life_trade_certificate_notify` refund_success. The same `out_after_sale_id` again answers the after-sale already made.',
    errors: {
      4000001: 'no such order',
      4000002: 'no coupon left to refund (all refunded or being refunded',
    },
  },
  afterSaleMerchantReject: {
    description:
      'The merchant refuses an order (拒单): allowed only while every coupon of it is unused (no verification, no refund under way, no 次卡 use); the whole order is refunded at once and closed (order_status 101). Writes an after-sale (`initiator` "merchant", `refund_type` 1) with the reason codes, the coupons become 退款成功, stock goes back and each coupon emits `life_trade_certificate_notify` refund_success.',
    errors: {
      4000001: 'no such order',
      4000002: 'a coupon is already used or refunding, or the order is refunded already',
    },
  },
  afterSaleAuditNotify: {
    description:
      "The merchant's answer on a refund waiting for its audit (after-sale status 1, announced by `life_hermes_akte_after_sale_audit` or the refund_apply SPI), named by `after_sale_id`. Approval pays the refund (coupons 退款成功, ledger reversed for billed ones, stock back, refund_success events); rejection puts the coupons back as they were and closes the after-sale (status 3, `reject_reason`). The audit-timeout job of the after-sale is cancelled either way.",
    errors: {
      4000001: 'no such after-sale',
      4000002: 'the after-sale is not waiting for the merchant (already approved, rejected or paid',
    },
  },
})
