/** 订单查询 at its hermes path (GET /goodlife/v1/hermes/trade/order/query/), the same query as trade/order/query. */
import { createRoute } from '@hono/zod-openapi'
import { orderQueryRoute } from './trade.contract.js'

export const hermesOrderQueryRoute = createRoute({
  ...orderQueryRoute,
  path: '/goodlife/v1/hermes/trade/order/query/',
  operationId: 'hermesTradeOrderQuery',
  summary: '订单查询 (hermes)',
  description: [
    'The order query of the 订单查询接口 document at its hermes path: the same parameters, modes and answer as',
    "`GET /goodlife/v1/trade/order/query/` over the same orders (purchases, their coupons' item statuses, refunds).",
    'Reads orders and certificates only.',
    '',
    'Errors: 2100005 (account_id, page_num or page_size missing; page_num below 1; page_size outside 1–100; a time',
    "window given without its pair; no query mode), 2119005 (an account_id other than the tenant's).",
  ].join('\n'),
})
