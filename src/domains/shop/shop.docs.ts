/** What the store query (shop/poi/query) does in the sandbox (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const shopDocs = defineOpDocs({
  shopPoiQuery: {
    description:
      "The tenant's stores (门店), the POIs products are published at and coupons verified in: by `account_id` (all of its POIs, paged) or by `poi_id` (that one store; account_id wins when both are given). A poi_id of no store of the tenant answers an empty page. Reads the tenant's account only.",
  },
})
