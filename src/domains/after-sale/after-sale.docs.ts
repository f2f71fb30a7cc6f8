/** What the after-sale operations do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../../http/op-docs.js'

export const afterSaleDocs = defineOpDocs({
  afterSaleOrderDetailGet: {
    description: 'Reads the after-sales (refunds) of an order, or of the order of one certificate. Changes nothing.',
    errors: { 4000001: 'no such order' },
  },
  afterSaleOrderQuery: {
    description:
      "Lists the tenant's after-sales a page at a time, by order or refund time window and status. Changes nothing.",
    errors: {},
    params: { page_num: 'page number, from 1', page_size: 'after-sales per page, 1–100' },
  },
  afterSaleOrderAudit: {
    description:
      "The merchant's answer to a refund waiting for its audit: approve refunds the coupons (status 4, order status, bills, life_trade_certificate_notify refund_success); reject (with reject_reason) closes it. Otherwise the refund approves itself after 48 virtual hours.",
    errors: { 4000002: "the order has no refund waiting for the merchant's audit" },
  },
  sandboxRefund: {
    description:
      "A refund request from the consumer, customer service or the system, judged by the product's refund rules (combo packs: whole order or all unused, partly used packs per refund_mode). Creates an after-sale: refunded at once, or waiting for the merchant's audit (after verification, or a 三方码 coupon through the refund_apply SPI).",
    errors: {
      4000001: 'no such order',
      4000002: "the refund is refused by the product's rules (the description says why), or nothing is left to refund",
    },
  },
})
