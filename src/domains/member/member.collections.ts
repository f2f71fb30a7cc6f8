/** The member domain's collections in a tenant's namespace (src/sandbox.ts merges every domain's into the tenant's map). */
import type { MemberRecord } from './member.store.js'

export interface MemberCollections {
  /** open_id → a member (会员) */
  members: MemberRecord
}
