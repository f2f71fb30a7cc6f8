/** The shop domain's collections in a tenant's namespace (src/sandbox.ts merges every domain's into the tenant's map). */
import type { MatchRelation, MatchTask } from './poi-match.store.js'

export interface ShopCollections {
  /** task_id → a POI match task (门店匹配) */
  poi_match_tasks: MatchTask
  /** ext_id (the merchant's store id) → the POI it is matched to */
  poi_matches: MatchRelation
  /** poi_id → the ext_id matched to it */
  poi_matches_by_poi: { ext_id: string }
}
