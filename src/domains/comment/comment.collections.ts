/** The review domain's collections in a tenant's namespace (src/sandbox.ts merges every domain's into the tenant's map). */
import type { CommentRecord } from './comment.store.js'

export interface CommentCollections {
  /** rate_id → a consumer's review (餐饮评价) */
  comments: CommentRecord
  /** certificate_id → the review written after it */
  comments_by_cert: { rate_id: string }
}
