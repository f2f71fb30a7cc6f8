/** Every domain's operation docs; a new domain adds its `<domain>.docs.ts` here. */
import { adminDocs } from '../admin/admin.docs.js'
import { afterSaleMoreDocs } from '../domains/after-sale/after-sale-more.docs.js'
import { afterSaleDocs } from '../domains/after-sale/after-sale.docs.js'
import { fulfilmentMoreDocs } from '../domains/fulfilment/fulfilment-more.docs.js'
import { fulfilmentDocs } from '../domains/fulfilment/fulfilment.docs.js'
import { goodsMoreDocs } from '../domains/goods/goods-more.docs.js'
import { goodsDocs } from '../domains/goods/goods.docs.js'
import { oauthDocs } from '../domains/oauth/oauth.docs.js'
import { settleMoreDocs } from '../domains/settle/settle-more.docs.js'
import { settleDocs } from '../domains/settle/settle.docs.js'
import { poiMatchDocs } from '../domains/shop/poi-match.docs.js'
import { tradeMoreDocs } from '../domains/trade/trade-more.docs.js'
import { tradeDocs } from '../domains/trade/trade.docs.js'
import { spiDocs } from '../spi/spi.docs.js'
import { webhooksDocs } from '../webhooks/webhooks.docs.js'
import type { OpDocs } from '../http/op-docs.js'

export const OP_DOCS: OpDocs = {
  ...oauthDocs,
  ...goodsDocs,
  ...goodsMoreDocs,
  ...fulfilmentDocs,
  ...fulfilmentMoreDocs,
  ...tradeDocs,
  ...tradeMoreDocs,
  ...afterSaleDocs,
  ...afterSaleMoreDocs,
  ...settleDocs,
  ...settleMoreDocs,
  ...poiMatchDocs,
  ...spiDocs,
  ...adminDocs,
  ...webhooksDocs,
}
