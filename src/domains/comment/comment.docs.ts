/** What the 餐饮评价 operations do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'
import { MAX_COMMENTS_PER_PAGE, MAX_REPLY_CHARS } from './comment.contract.js'

export const commentDocs = defineOpDocs({
  akteCommentQuery: {
    description: `The merchant's reviews, newest first (create_time, then creation order), filtered by POIs, products and a create_time window, ${MAX_COMMENTS_PER_PAGE} at most a page (default 20): pass \`cursor\` "0", then the \`cursor\` answered while \`has_more\` is true. Each review carries its rating (1–5 stars), text, images, nickname, \`has_merchant_reply\` and the merchant's reply in \`reply_list\`. Ids are exact int64 numbers. Reviews are written through POST /sandbox/comments. Reads the reviews only.`,
    errors: {},
    params: {
      poi_id_list: '门店 ids, comma-separated (also `[1,2]` or `poi_id_list[]=`)',
      product_id_list: '商品 ids, comma-separated',
      cursor: '"0" for the first page, then the cursor answered',
      count: `page size, 1–${MAX_COMMENTS_PER_PAGE} (default 20)`,
      start_time: 'Unix seconds: reviews created at or after',
      end_time: 'Unix seconds: reviews created at or before',
    },
  },
  akteCommentReply: {
    description: `The merchant answers a review of one of its POIs (text 1–${MAX_REPLY_CHARS} characters). A review takes one reply: a second answers 4000002. The reply shows in akte/comment/query (\`reply_list\`, \`has_merchant_reply\`). poi_id and rate_id may be numbers or digit strings. Writes the review.`,
    errors: {
      4000001: 'rate_id is not a review of poi_id in this tenant',
      4000002: 'the review already has the merchant reply',
    },
    params: {},
  },
  akteCommentScoreQuery: {
    description:
      'Each POI\'s score: the average of its reviews\' ratings with one decimal ("0.0" without reviews), and `yesterday_score`, the average of the reviews written before today (Beijing time, virtual clock). Without poi_id_list, every POI of the account. Reads the reviews only.',
    errors: {},
    params: { poi_id_list: '门店 ids, comma-separated (default every POI of the account)' },
  },
  sandboxWriteComment: {
    description:
      "A consumer writes a review (1–5 stars, text, images). With `certificate_id` it reviews a verified coupon: the review takes the POI where the coupon was used, the product it was bought with (the pack for a combo pack's coupon) and the buyer's open_id; a coupon is reviewed once. Without it, a free review of a POI (default the account's first) and optionally a product. Writes the tenant's reviews.",
    errors: {
      4000001: 'certificate_id names no coupon of this tenant',
      4000002: 'the coupon is not verified, or was already reviewed',
    },
    params: {},
  },
})
