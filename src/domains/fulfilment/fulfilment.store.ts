/**
 * Stored certificates (券), their verify records and prepare tokens (t:<key>/certificates, verify_records,
 * verify_tokens, and the code indexes). Status values as douyin-api.md §10.2–10.3.
 */
import type { IndexSpec } from '../../store/seq-index.js'
import type { Tenant } from '../../tenants/tenant.js'

/** certificate.status: 1 未使用, 2 已使用, 3 退款申请中, 4 退款成功, 5 退款失败, 6 退款中 */
export const CERT_STATUS = {
  UNUSED: 1,
  USED: 2,
  REFUND_APPLYING: 3,
  REFUNDED: 4,
  REFUND_FAILED: 5,
  REFUNDING: 6,
} as const
/** certificate[].item_status in order views: 100 待使用, 1 交易成功 (used), 300 退款中, 301 已退款 */
export const ITEM_STATUS = { AVAILABLE: 100, DONE: 1, REFUNDING: 300, REFUNDED: 301 } as const
/** verify-record status: 1 已核销, 2 已撤销 */
export const RECORD_STATUS = { VERIFIED: 1, CANCELLED: 2 } as const
/** verify_type: 0 默认 (the sandbox's expiry close of a 不支持部分退 pack), 4 开放平台API */
export const VERIFY_TYPE = { SYSTEM: 0, API: 4 } as const

export interface Amount {
  original_amount: number
  pay_amount: number
  coupon_pay_amount: number
  merchant_ticket_amount: number
  platform_discount_amount: number
  payment_discount_amount: number
  list_market_amount: number
}

export interface CertSku {
  sku_id: string
  title: string
  account_id: string
  third_sku_id: string
  /** 1 团餐券, 2 代金券, 3 次卡 */
  groupon_type: number
  market_price: number
  sold_start_time: number
}

/** certificates: certificate_id → CertificateRecord */
export interface CertificateRecord {
  certificate_id: string
  seq: number
  order_id: string
  order_item_id: string
  product_id: string
  /** 12-digit plain code (抖音码) or the merchant's code (三方码) */
  code: string
  /** 1 抖音码, 2 三方码 */
  code_source_type: number
  status: number
  item_status: number
  start_time: number
  expire_time: number
  amount: Amount
  sku: CertSku
  /** POIs of the product: where it may be verified */
  poi_ids: string[]
  /** combo pack link and the sub-item this coupon is for */
  combination_id: string | null
  sub_product_id: string | null
  sub_item_name: string | null
  /** 商家平台子品ID (POS dish code), answered as out_good_id */
  out_good_id: string
  /** the latest verify record while used */
  verify_id: string | null
  verify_ids: string[]
  item_update_time: number
  refund_amount: number
  refund_time: number
  /** set once auto_renew has extended it (it is extended only once) */
  renewed?: true
  /** 次卡 (product_type 15): its uses (time-card.ts); absent for other coupons */
  time_card?: { times_count: number; times_used: number }
}

/** verify_records: verify_id → VerifyRecord */
export interface VerifyRecord {
  verify_id: string
  seq: number
  certificate_id: string
  order_id: string
  poi_id: string
  /** VERIFY_TYPE: 4 开放平台API, 0 closed by the system at expiry */
  verify_type: number
  verify_time: number
  status: number
  cancel_time: number
  /** 次卡: the serial number (次序号, from 1) of this use */
  times_card_serial_num?: number
}

/** verify_records by seq: all of them (bucket '') and each POI's (`poi:<poi_id>`), windowed on verify_time */
export const VERIFY_RECORD_INDEX: IndexSpec<VerifyRecord> = {
  name: 'by_poi',
  buckets: (r) => ['', `poi:${r.poi_id}`],
  seq: (r) => r.seq,
  time: (r) => r.verify_time,
}

/** verify_tokens: token → what prepare allowed */
export interface VerifyToken {
  order_id: string
  created_at: number
  used: boolean
  /** certificates its verify call verified; a repeat call answers 1208 for them (absent before any verify) */
  verified?: string[]
}

export function fulfilmentData(t: Tenant) {
  return {
    certificates: t.repo.collection('certificates'),
    records: t.repo.collection('verify_records'),
    tokens: t.repo.collection('verify_tokens'),
    /** `${certificate_id}|${cancel_token}` → a 次卡 cancellation already done (cancel.ts) */
    cancelTokens: t.repo.collection('cancel_tokens'),
    /** plain code → certificate_id (encrypted codes need no index: codes.ts decrypts them) */
    byCode: t.repo.collection('cert_codes'),
  }
}
