/**
 * 餐饮评价 (restaurant reviews) of a tenant: consumers write them (through the control plane, after a verified
 * coupon or freely), the merchant reads them with akte/comment/query, answers once with akte/comment/reply and
 * reads each POI's score with akte/comment/score/query.
 */
import type { Tenant } from '../../tenants/tenant.js'

export interface MerchantReply {
  reply_id: string
  text: string
  reply_time: number
}

/** rate_id → a consumer's review */
export interface CommentRecord {
  rate_id: string
  /** order of creation, for ties in the newest-first order */
  seq: number
  poi_id: string
  /** '' when the review names no product */
  product_id: string
  product_name: string
  product_type: number
  open_id: string
  nickname: string
  /** 1–5 stars */
  rate_score: number
  rate_text: string
  rate_img_list: string[]
  create_time: number
  /** the verified coupon the review was written after; null for a free review */
  certificate_id: string | null
  digg_cnt: number
  rate_expore_cnt: number
  /** the merchant's one reply */
  reply: MerchantReply | null
}

export function commentData(t: Tenant) {
  return {
    comments: t.repo.collection('comments'),
    /** certificate_id → the review written after it (one per coupon) */
    byCert: t.repo.collection('comments_by_cert'),
  }
}
