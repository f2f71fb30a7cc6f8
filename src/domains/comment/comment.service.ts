/**
 * 餐饮评价: a consumer's review (POST /sandbox/comments, after a verified coupon or freely), the merchant's
 * akte/comment/query (newest first, by POI, product and create_time window, with a cursor), akte/comment/reply
 * (one reply per review) and akte/comment/score/query (each POI's average rating).
 */
import { int64 } from '../../core/int64.js'
import { fulfilmentData } from '../fulfilment/fulfilment.store.js'
import { goodsData } from '../goods/goods.store.js'
import { tradeData } from '../trade/trade.store.js'
import type { Tenant } from '../../tenants/tenant.js'
import {
  alreadyReplied,
  certAlreadyReviewed,
  certNotFound,
  certNotVerified,
  commentNotFound,
  notOurPoi,
  poiMismatch,
  productNotOurs,
} from './comment.errors.js'
import { commentData, type CommentRecord } from './comment.store.js'

export interface CommentInput {
  certificate_id?: string | undefined
  poi_id?: string | undefined
  product_id?: string | undefined
  open_id?: string | undefined
  nickname?: string | undefined
  rate_score: number
  text?: string | undefined
  images?: string[] | undefined
}

export interface CommentQuery {
  poi_ids: string[]
  product_ids: string[]
  cursor: number
  count: number
  start_time?: number | undefined
  end_time?: number | undefined
}

const DAY = 86_400
/** Beijing time, the platform's day */
const UTC_OFFSET = 8 * 3600

function productOf(t: Tenant, productId: string) {
  const rec = goodsData(t).products.get(productId)
  if (!rec) return undefined
  const v = rec.online ?? rec.draft
  return { product_id: productId, product_name: v.product.product_name, product_type: rec.product_type }
}

/** Where and what a review is of: the verified coupon's POI and product, or the ones named. */
function subjectOf(t: Tenant, input: CommentInput) {
  if (input.certificate_id !== undefined) {
    const { certificates, records } = fulfilmentData(t)
    const cert = certificates.get(input.certificate_id)
    if (!cert) throw certNotFound(input.certificate_id)
    const verify = cert.verify_id ? records.get(cert.verify_id) : undefined
    if (!verify) throw certNotVerified(input.certificate_id)
    const done = commentData(t).byCert.get(cert.certificate_id)
    if (done) throw certAlreadyReviewed(cert.certificate_id, done.rate_id)
    if (input.poi_id !== undefined && input.poi_id !== verify.poi_id)
      throw poiMismatch(input.poi_id, cert.certificate_id, verify.poi_id)
    const order = tradeData(t).orders.get(cert.order_id)
    return {
      poi_id: verify.poi_id,
      product: productOf(t, cert.combination_id ?? cert.product_id),
      open_id: input.open_id ?? order?.open_id,
    }
  }
  const poiId = input.poi_id ?? t.record.pois[0]?.poi_id ?? ''
  if (!t.record.pois.some((p) => p.poi_id === poiId)) throw notOurPoi('poi_id', poiId)
  const product = input.product_id !== undefined ? productOf(t, input.product_id) : undefined
  if (input.product_id !== undefined && !product) throw productNotOurs(input.product_id)
  return { poi_id: poiId, product, open_id: input.open_id }
}

const average = (scores: number[]) =>
  scores.length === 0 ? '0.0' : (Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10).toFixed(1)

export class CommentService {
  create(t: Tenant, input: CommentInput): CommentRecord {
    const s = subjectOf(t, input)
    const { comments, byCert } = commentData(t)
    const rec: CommentRecord = {
      rate_id: t.random.id(),
      seq: comments.count() + 1,
      poi_id: s.poi_id,
      product_id: s.product?.product_id ?? '',
      product_name: s.product?.product_name ?? '',
      product_type: s.product?.product_type ?? 0,
      open_id: s.open_id ?? `_000${t.random.chars(28)}`,
      nickname: input.nickname ?? `抖音用户${t.random.digits(6)}`,
      rate_score: input.rate_score,
      rate_text: input.text ?? '',
      rate_img_list: input.images ?? [],
      create_time: t.clock.now(),
      certificate_id: input.certificate_id ?? null,
      digg_cnt: 0,
      rate_expore_cnt: 0,
      reply: null,
    }
    comments.put(rec.rate_id, rec)
    if (rec.certificate_id) byCert.put(rec.certificate_id, { rate_id: rec.rate_id })
    return rec
  }

  query(t: Tenant, q: CommentQuery) {
    const pois = new Set(q.poi_ids)
    const products = new Set(q.product_ids)
    const all = commentData(t)
      .comments.values()
      .filter(
        (c) =>
          (pois.size === 0 || pois.has(c.poi_id)) &&
          (products.size === 0 || products.has(c.product_id)) &&
          (q.start_time === undefined || c.create_time >= q.start_time) &&
          (q.end_time === undefined || c.create_time <= q.end_time),
      )
      .sort((a, b) => b.create_time - a.create_time || b.seq - a.seq)
    const page = all.slice(q.cursor, q.cursor + q.count)
    const next = q.cursor + page.length
    return {
      comments: page.map(commentView),
      has_more: next < all.length,
      cursor: String(next),
    }
  }

  reply(t: Tenant, input: { poi_id: string; rate_id: string; text: string }) {
    const { comments } = commentData(t)
    const c = comments.get(input.rate_id)
    if (!c || c.poi_id !== input.poi_id) throw commentNotFound(input.rate_id, input.poi_id)
    if (c.reply) throw alreadyReplied(c.rate_id)
    const reply = { reply_id: t.random.id(), text: input.text, reply_time: t.clock.now() }
    comments.put(c.rate_id, { ...c, reply })
    return { reply_id: int64(reply.reply_id) }
  }

  /** Each POI's average rating now, and as it stood at the end of yesterday (Beijing time). */
  score(t: Tenant, poiIds: string[]) {
    const now = t.clock.now()
    const today = now - ((now + UTC_OFFSET) % DAY)
    const ids = poiIds.length > 0 ? poiIds : t.record.pois.map((p) => p.poi_id)
    const all = commentData(t).comments.values()
    return {
      score_info_list: ids.map((poiId) => {
        const mine = all.filter((c) => c.poi_id === poiId)
        return {
          poi_id: int64(poiId),
          score: average(mine.map((c) => c.rate_score)),
          yesterday_score: average(mine.filter((c) => c.create_time < today).map((c) => c.rate_score)),
          query_time: now,
        }
      }),
    }
  }
}

/** A review as akte/comment/query answers it (ids as exact int64 numbers). */
export function commentView(c: CommentRecord) {
  return {
    poi_id: int64(c.poi_id),
    comment_info: {
      rate_id: int64(c.rate_id),
      rate_score: c.rate_score,
      rate_text: c.rate_text,
      rate_img_list: c.rate_img_list,
      create_time: c.create_time,
      nickname: c.nickname,
      has_merchant_reply: c.reply !== null,
      digg_cnt: c.digg_cnt,
      rate_expore_cnt: c.rate_expore_cnt,
    },
    ...(c.product_id
      ? {
          product_info: { product_id: int64(c.product_id), product_name: c.product_name, product_type: c.product_type },
        }
      : {}),
    reply_list: c.reply
      ? [{ reply_id: int64(c.reply.reply_id), text: c.reply.text, create_time: c.reply.reply_time }]
      : [],
  }
}
