/** Every domain's operation docs; a new domain adds its `<domain>.docs.ts` here. */
import { adminDocs } from '../admin/admin.docs.js'
import { afterSaleDocs } from '../domains/after-sale/after-sale.docs.js'
import { merchantRefundDocs } from '../domains/after-sale/merchant-refund.docs.js'
import { batchVerifyDocs } from '../domains/fulfilment/batch-verify.docs.js'
import { fulfilmentDocs } from '../domains/fulfilment/fulfilment.docs.js'
import { reserveCodeDocs } from '../domains/fulfilment/reserve-codes.docs.js'
import { calendarDocs } from '../domains/goods/calendar.docs.js'
import { goodsDocs } from '../domains/goods/goods.docs.js'
import { spuSkuDocs } from '../domains/goods/spu-sku.docs.js'
import { oauthDocs } from '../domains/oauth/oauth.docs.js'
import { billFileDocs } from '../domains/settle/bill-files.docs.js'
import { ledgerDetailDocs } from '../domains/settle/ledger-detail.docs.js'
import { settleDocs } from '../domains/settle/settle.docs.js'
import { poiMatchDocs } from '../domains/shop/poi-match.docs.js'
import { memberDocs } from '../domains/member/member.docs.js'
import { commentDocs } from '../domains/comment/comment.docs.js'
import { shopDocs } from '../domains/shop/shop.docs.js'
import { bookingDocs } from '../domains/trade/booking.docs.js'
import { hermesOrderDocs } from '../domains/trade/hermes-order.docs.js'
import { tradeDocs } from '../domains/trade/trade.docs.js'
import type { OpDocs } from '../http/op-docs.js'
import { spiDocs } from '../spi/spi.docs.js'
import { webhooksDocs } from '../webhooks/webhooks.docs.js'

export const OP_DOCS: OpDocs = {
  ...oauthDocs,
  ...goodsDocs,
  ...spuSkuDocs,
  ...calendarDocs,
  ...fulfilmentDocs,
  ...batchVerifyDocs,
  ...reserveCodeDocs,
  ...tradeDocs,
  ...bookingDocs,
  ...hermesOrderDocs,
  ...afterSaleDocs,
  ...merchantRefundDocs,
  ...settleDocs,
  ...ledgerDetailDocs,
  ...shopDocs,
  ...billFileDocs,
  ...poiMatchDocs,
  ...memberDocs,
  ...commentDocs,
  ...spiDocs,
  ...adminDocs,
  ...webhooksDocs,
}
