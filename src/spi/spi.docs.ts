/** What the 三方码 operations do in the sandbox and the codes they answer (OpenAPI document). */
import { defineOpDocs } from '../http/op-docs.js'

export const spiDocs = defineOpDocs({
  sandboxPutSpi: {
    description:
      "Sets the tenant's SPI URLs (pre_create_order, issue_code, refund_apply, refund_notice); omitted ones are removed. A 三方码 product's purchase calls them.",
    errors: {},
  },
  sandboxGetSpi: { description: "Reads the tenant's SPI URLs. Changes nothing.", errors: {} },
  createCallback: {
    description:
      "发券回调: the merchant reports the codes of a 三方码 order that issue_code left issuing (result 0), within 10 virtual minutes: result 1 stores the codes as the coupons' codes; result 2 fails the order and refunds it.",
    errors: {
      4000002: 'the order is not waiting for codes: not a 三方码 order, already answered, or the window closed',
    },
  },
  refundAudit: {
    description:
      "三方码退款审核回调: the merchant's answer to a refund_apply the SPI left pending: approve refunds the coupons, reject (with a reason) closes the after-sale.",
    errors: { 4000001: "no refund is waiting for the merchant's audit under that id" },
  },
})
