/** Docs of the operations added with the rest of the in-scope platform (docs/contract-tests.md). */
import { defineOpDocs } from '../../http/op-docs.js'

export const goodsMoreDocs = defineOpDocs({
  goodsSpuSave: {
    description:
      "Creates or updates a standard product (标品) of the tenant: the same `out_spu_id` (or a given `spu_id`) updates it. Checks the category against the category tree and the POIs against the account (one at most). Writes the tenant's SPUs; nothing else reads them yet.",
    errors: {
      2137000328: 'a POI of another account',
      4000001: 'spu_id names no SPU',
    },
  },
  goodsCalendarStaticAttrGroupSave: {
    description:
      "Sets (status 1, merged per key) or deletes (status -1) the attributes of each day an item covers on the product's calendar. Items cover days (Beijing) from today to 89 days ahead: a date range, a weekday range or weekdays over that window, or dates; exclude_dates are left out. Writes the product's calendar.",
    errors: {
      4000001: 'no such product',
    },
  },
  goodsCalendarStockGroupSave: {
    description:
      "Sets (status 1) or deletes (status -1) the stock of each day an item covers on the product's calendar. Items cover days (Beijing) from today to 89 days ahead: a date range, a weekday range or weekdays over that window, or dates; exclude_dates are left out. Once a product has day stock, each booking (POST /sandbox/bookings) takes one unit per coupon from its day and a day without stock or fully booked refuses it (4000002); a failed booking gives its units back. Writes the product's calendar.",
    errors: {
      4000001: 'no such product',
      4000002: 'a stock_qty below the coupons already booked that day',
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
