/** What spu/save and sku/get do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const spuSkuDocs = defineOpDocs({
  goodsSpuSave: {
    description:
      "Creates or updates a standard product (标品) of the tenant: the same `out_spu_id` (or a given `spu_id`) updates it. Checks the category against the category tree and the POIs against the account (one at most). Writes the tenant's SPUs; nothing else reads them yet.",
    errors: {
      2137000328: 'a POI of another account',
      4000001: 'spu_id names no SPU',
    },
  },
  goodsSkuGet: {
    description:
      "The SKUs of one product (by product_id or product_out_id) or the SKUs named by sku_ids / out_sku_ids, from the products the tenant holds: each product's online version, or its draft before the first audit passes; a multi-SKU product answers every SKU of sku/batch_save. Each SKU carries its stock (stock_qty = avail_qty + frozen_qty + sold_qty, moved by purchases and refunds) and its `product_id`. Ids that name nothing are left out. Reads goods only.",
    errors: {
      4000001: 'product_id or product_out_id names no product of the tenant',
    },
  },
})
