/** What the order query at its hermes path does in the sandbox (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const hermesOrderDocs = defineOpDocs({
  hermesTradeOrderQuery: {
    description:
      "The order query of the 订单查询接口 document at its hermes path: the same parameters, modes and answer as `GET /goodlife/v1/trade/order/query/` over the same orders (purchases, their coupons' item statuses, refunds). Reads orders and certificates only.",
  },
})
