/**
 * Every operation the typed client can call, keyed by its operationId, taken from the zod contracts the server
 * validates with. Request and answer types are inferred from these route objects (see types.ts).
 */
import * as admin from '../admin/admin.contract.js'
import * as faults from '../admin/faults.contract.js'
import * as journal from '../admin/journal.contract.js'
import * as scenarioRuns from '../admin/scenario-runs.contract.js'
import * as sandboxGoods from '../admin/sandbox-goods.contract.js'
import * as snapshots from '../admin/snapshots.contract.js'
import * as ui from '../admin/ui.contract.js'
import * as afterSale from '../domains/after-sale/after-sale.contract.js'
import * as merchantRefund from '../domains/after-sale/merchant-refund.contract.js'
import * as batchVerify from '../domains/fulfilment/batch-verify.contract.js'
import * as fulfilment from '../domains/fulfilment/fulfilment.contract.js'
import * as reserveCodes from '../domains/fulfilment/reserve-codes.contract.js'
import * as goods from '../domains/goods/goods.contract.js'
import * as skuGet from '../domains/goods/sku-get.contract.js'
import * as calendar from '../domains/goods/calendar.contract.js'
import * as oauth from '../domains/oauth/oauth.contract.js'
import * as settle from '../domains/settle/settle.contract.js'
import * as ledgerDetail from '../domains/settle/ledger-detail.contract.js'
import * as billFiles from '../domains/settle/bill-files.contract.js'
import * as withdraw from '../domains/settle/withdraw.contract.js'
import * as trade from '../domains/trade/trade.contract.js'
import * as hermesOrder from '../domains/trade/hermes-order.contract.js'
import * as booking from '../domains/trade/booking.contract.js'
import * as shop from '../domains/shop/shop.contract.js'
import * as poiMatch from '../domains/shop/poi-match.contract.js'
import * as member from '../domains/member/member.contract.js'
import * as comment from '../domains/comment/comment.contract.js'
import * as spi from '../spi/spi.contract.js'
import * as webhooks from '../webhooks/webhooks.contract.js'

export const OPERATIONS = {
  oauthClientToken: oauth.clientTokenRoute,
  // goods
  goodsCategoryGet: goods.categoryGetRoute,
  goodsTemplateGet: goods.templateGetRoute,
  goodsProductSave: goods.productSaveRoute,
  goodsProductOperate: goods.productOperateRoute,
  goodsProductFreeAudit: goods.productFreeAuditRoute,
  goodsStockSync: goods.stockSyncRoute,
  goodsSkuBatchSave: goods.skuBatchSaveRoute,
  goodsProductDraftGet: goods.draftGetRoute,
  goodsProductDraftQuery: goods.draftQueryRoute,
  goodsProductOnlineGet: goods.onlineGetRoute,
  goodsProductOnlineQuery: goods.onlineQueryRoute,
  goodsSkuGet: skuGet.skuGetRoute,
  goodsSpuSave: calendar.spuSaveRoute,
  goodsCalendarStaticAttrGroupSave: calendar.calendarAttrSaveRoute,
  goodsCalendarStockGroupSave: calendar.calendarStockSaveRoute,
  // fulfilment
  certificatePrepare: fulfilment.prepareRoute,
  certificateVerify: fulfilment.verifyRoute,
  certificateCancel: fulfilment.cancelRoute,
  certificateBatchVerify: batchVerify.batchVerifyRoute,
  reserveCodeBatchImport: reserveCodes.batchImportRoute,
  reserveCodeBindOrderInfo: reserveCodes.bindOrderInfoRoute,
  certificateGet: fulfilment.getRoute,
  certificateQuery: fulfilment.queryRoute,
  verifyRecordQuery: fulfilment.recordsRoute,
  createCallback: spi.createCallbackRoute,
  refundAudit: spi.refundAuditRoute,
  // trade, after-sale, settle
  tradeOrderQuery: trade.orderQueryRoute,
  hermesTradeOrderQuery: hermesOrder.hermesOrderQueryRoute,
  tradeBookGet: booking.bookGetRoute,
  tradeMerchantConfirmOrder: booking.merchantConfirmRoute,
  shopPoiQuery: shop.poiQueryRoute,
  poiMatchTaskSubmit: poiMatch.matchSubmitRoute,
  poiMatchTaskQuery: poiMatch.matchTaskQueryRoute,
  poiMatchRelationQuery: poiMatch.matchRelationRoute,
  // members and reviews
  memberUserUpdate: member.memberUpdateRoute,
  akteCommentQuery: comment.commentQueryRoute,
  akteCommentReply: comment.commentReplyRoute,
  akteCommentScoreQuery: comment.scoreQueryRoute,
  afterSaleOrderDetailGet: afterSale.orderDetailRoute,
  afterSaleOrderQuery: afterSale.afterSaleQueryRoute,
  afterSaleOrderAudit: afterSale.auditRoute,
  afterSaleApplyRefund: merchantRefund.applyRefundRoute,
  afterSaleMerchantReject: merchantRefund.merchantRejectRoute,
  afterSaleAuditNotify: merchantRefund.auditNotifyRoute,
  billCateringQuery: settle.cateringQueryRoute,
  ledgerQuery: settle.ledgerQueryRoute,
  queryRecordByCert: settle.recordByCertRoute,
  billCompositeQuery: withdraw.billCompositeRoute,
  withdrawCateringQuery: withdraw.withdrawCateringRoute,
  withdrawCompositeQuery: withdraw.withdrawCompositeRoute,
  ledgerDetailedQuery: ledgerDetail.detailedQueryRoute,
  ledgerQueryByOrder: ledgerDetail.queryByOrderRoute,
  ledgerDetailedQueryByOrder: ledgerDetail.detailedQueryByOrderRoute,
  billQueryRecordBySubfulfil: ledgerDetail.recordBySubfulfilRoute,
  billQueryLegerUrl: billFiles.queryLegerUrlRoute,
  billQueryRebateUrl: billFiles.queryRebateUrlRoute,
  // control plane
  sandboxHealth: admin.healthRoute,
  sandboxCreateTenant: admin.createTenantRoute,
  sandboxListTenants: admin.listTenantsRoute,
  sandboxDeleteTenant: admin.deleteTenantRoute,
  sandboxReset: admin.resetRoute,
  sandboxGetClock: admin.getClockRoute,
  sandboxAdvanceClock: admin.advanceClockRoute,
  sandboxFreezeClock: admin.freezeClockRoute,
  sandboxUnfreezeClock: admin.unfreezeClockRoute,
  sandboxPurchase: trade.purchaseRoute,
  sandboxGetOrder: trade.sandboxOrderRoute,
  sandboxBook: booking.sandboxBookRoute,
  sandboxRefund: afterSale.sandboxRefundRoute,
  sandboxJoinMember: member.sandboxJoinRoute,
  sandboxListMembers: member.sandboxMembersRoute,
  sandboxGetMember: member.sandboxMemberRoute,
  sandboxWriteComment: comment.sandboxCommentRoute,
  sandboxAuditProduct: sandboxGoods.auditRoute,
  sandboxGetSettings: sandboxGoods.getSettingsRoute,
  sandboxPutSettings: sandboxGoods.putSettingsRoute,
  sandboxExampleProductSave: sandboxGoods.exampleProductRoute,
  sandboxPutSpi: spi.putSpiRoute,
  sandboxGetSpi: spi.getSpiRoute,
  sandboxPutWebhook: webhooks.putWebhookRoute,
  sandboxGetWebhook: webhooks.getWebhookRoute,
  sandboxDeleteWebhook: webhooks.deleteWebhookRoute,
  sandboxWebhookOutbox: webhooks.outboxRoute,
  sandboxEmitWebhook: webhooks.emitRoute,
  sandboxWebhookDeliveries: webhooks.deliveriesRoute,
  sandboxRedeliverWebhook: webhooks.redeliverRoute,
  sandboxRedeliverOutboxEvent: webhooks.redeliverEventRoute,
  sandboxDiscardOutboxEvent: webhooks.discardEventRoute,
  sandboxSaveSnapshot: snapshots.saveRoute,
  sandboxListSnapshots: snapshots.listRoute,
  sandboxRestoreSnapshot: snapshots.restoreRoute,
  sandboxDeleteSnapshot: snapshots.deleteRoute,
  sandboxPutFaults: faults.putRoute,
  sandboxGetFaults: faults.getRoute,
  sandboxClearFaults: faults.deleteRoute,
  sandboxJournal: journal.getRoute,
  sandboxClearJournal: journal.deleteRoute,
  sandboxUiState: ui.stateRoute,
  sandboxListScenarios: scenarioRuns.listScenariosRoute,
  sandboxRunScenario: scenarioRuns.startRunRoute,
  sandboxScenarioRun: scenarioRuns.getRunRoute,
  sandboxBillFile: billFiles.billFileRoute,
}

export type Operations = typeof OPERATIONS
export type OperationId = keyof Operations
