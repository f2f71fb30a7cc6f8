/** What the order operations do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

const query =
  "Reads the tenant's orders with their coupons: one order by order_id, a consumer's by open_id, or a page by status or by a create/update time window. Changes nothing."

export const tradeDocs = defineOpDocs({
  tradeOrderQuery: {
    description: query,
    errors: {},
    params: { page_num: 'page number, from 1', page_size: 'orders per page, 1–100' },
  },
  akteOrderQuery: {
    description: `${query} The path of 餐饮团购-订单查询, which the official SDK uses.`,
    errors: {},
    params: { page_num: 'page number, from 1', page_size: 'orders per page, 1–100' },
  },
  sandboxPurchase: {
    description:
      "A simulated consumer buys a product of the tenant: checks it is online and on sale, stock and limit_rule; creates the order (paid) with one coupon per unit (a pack: one per sub-item per unit), takes the stock and queues life_trade_order_notify. A 三方码 product first asks the merchant's pre_create_order SPI and then issue_code.",
    errors: {
      4000001: 'no product with that product_id / out_id',
      4000002:
        'the product cannot be bought now: not online, outside its sale window, out of stock, over limit_rule, a sub-product sold alone, or refused by the pre_create_order SPI',
    },
  },
  sandboxGetOrder: {
    description:
      "The consumer's order now, shaped as the purchase answer: each coupon's code, encrypted_code and the current QR encrypted_data. A change to any coupon of the order (verified, cancelled, refunded, expired) voids the QR shown before (验券准备: 需要使用刷新的二维码); this answer is the refreshed one. Reads the order only.",
    errors: { 4000001: 'no order with that order_id in this tenant' },
    params: { order_id: 'the order (from POST /sandbox/orders or order/query)' },
  },
})
