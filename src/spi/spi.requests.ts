/**
 * The bodies the platform POSTs to a merchant's SPI URLs (douyin-api.md §7.2–7.6), one type per SPI. The calls
 * in spi.service.ts and refund-spi.ts are checked against them, and the testing kit's receiver types the SPI
 * arrivals with them.
 */

/** pre_create_order: asked before a 三方码 purchase; an answer with a reason code refuses it. */
export interface PreCreateOrderRequest {
  order_id: string
  sku_id: string
  third_product_id: string
  third_sku_id: string
  count: number
  order_item_id: string[]
  /** 21 团购券, 51 次卡 */
  order_type: number
  /** fen */
  original_amount: number
  currency_code: string
  create_order_time: number
}

/**
 * issue_code: after payment, asks the merchant for the codes of the order, in the shape of the 组合券包 发券 page
 * (order_id, count, sku{…}, open_id, start_time/expire_time in seconds, amount{…}). `certificates` is the
 * sandbox's addition: the coupons the answer's `codes` go to, in order (a pack has one per sub-item per unit).
 */
export interface IssueCodeRequest {
  order_id: string
  /** units bought */
  count: number
  sku: {
    sku_name: string
    sku_id: string
    /** the merchant's sku id (out_sku_id) */
    third_sku_id: string
    /** 1 团餐券, 2 代金券, 3 次卡 */
    groupon_type: number
  }
  open_id: string
  /** validity of the coupons, Unix seconds */
  start_time: number
  expire_time: number
  /** fen */
  amount: {
    original_amount: number
    pay_amount: number
    merchant_ticket_amount: number
    platform_discount_amount: number
    payment_discount_amount: number
  }
  create_order_time: number
  certificates: Array<{ certificate_id: string; order_item_id: string }>
}

/** Legacy issue_code body (versions up to 0.1; tenant setting issue_code_flat_body): flat, no validity times. */
export interface FlatIssueCodeRequest {
  order_id: string
  sku_id: string
  count: number
  open_id: string
  /** fen */
  pay_amount: number
  original_amount: number
  create_order_time: number
  certificates: Array<{ certificate_id: string; order_item_id: string }>
}

/** refund_apply: asks the merchant to approve (1), reject (2) or hold (pending) a refund. */
export interface RefundApplyRequest {
  order_id: string
  /** idempotency key: the after-sale id */
  biz_uniq_key: string
  after_sale_id: string
  /** fen */
  refund_amount: number
  refund_info_list: Array<{
    order_item_id: string
    item_refund_amount: number
    certificate: { certificate_id: string; code: string }
  }>
  refund_reason: string
  /** Unix ms */
  handle_time: number
}

/** refund_notice: tells the merchant about a refund it did not decide. */
export interface RefundNoticeRequest {
  order_id: string
  after_sale_id: string
  /** 1 整单退, 2 部分退, 3 指定金额退 */
  refund_type: number
  notice_list: Array<{
    certificate_id: string
    code: string
    apply_time: number
    audit_time: number
    audit_result: number
  }>
}

/** SPI name → the body of its request. */
export interface SpiRequests {
  pre_create_order: PreCreateOrderRequest
  issue_code: IssueCodeRequest
  refund_apply: RefundApplyRequest
  refund_notice: RefundNoticeRequest
}
