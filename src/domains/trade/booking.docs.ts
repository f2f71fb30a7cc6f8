/** What the booking operations (预约单, 确认订单) do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const bookingDocs = defineOpDocs({
  tradeBookGet: {
    description:
      'The bookings (预约单) of an order (order_id, every booking of it; wins) or one booking (book_id). A booking is made by the simulated consumer (POST /sandbox/bookings) in status BOOKING; 确认订单 (trade/buy/merchant_confirm_order) turns it SUCCESS; unconfirmed 24 virtual hours after it was made it turns FAIL. Reads bookings, orders and certificates.',
  },
  tradeMerchantConfirmOrder: {
    description:
      'The merchant accepts (接单) an order: it is marked confirmed (a later merchant_reject is refused) and its bookings waiting in BOOKING become SUCCESS (their timeout is cancelled). A booking is made by the simulated consumer (POST /sandbox/bookings) in status BOOKING; 确认订单 (trade/buy/merchant_confirm_order) turns it SUCCESS; unconfirmed 24 virtual hours after it was made it turns FAIL. Confirming again changes nothing.',
    errors: {
      4000001: 'no such order',
      4000002: 'the order is closed: refunded or rejected',
    },
  },
  sandboxBook: {
    description:
      "The simulated consumer books (预约) unused coupons of an order for a time at one of the product's stores: a booking in status BOOKING that the merchant confirms with trade/buy/merchant_confirm_order (SUCCESS) or that fails 24 virtual hours later (FAIL). With day stock on the product's calendar, each coupon takes one unit of its day. Writes bookings (and calendar stock).",
    errors: {
      4000001: 'no such order',
      4000002: 'a coupon is not unused, the order is closed, or the day has no stock left',
    },
  },
})
