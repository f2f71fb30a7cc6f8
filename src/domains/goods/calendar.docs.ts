/** What the calendar operations (per-date attributes and stock) do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const calendarDocs = defineOpDocs({
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
})
