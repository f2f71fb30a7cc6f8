/** `douyin-sandbox/testing`: an in-process sandbox, per-test tenants, product builders, a webhook/SPI receiver. */
export { startSandbox, testTenant, type RunningSandbox, type StartOptions, type TestTenant } from './start.js'
export {
  productBuilders,
  type PackItem,
  type ProductBuilders,
  type ProductContext,
  type ProductOptions,
  type ProductSaveBody,
} from '../domains/goods/product.examples.js'
export {
  readBody,
  startReceiver,
  WAIT_FOR_DEFAULT_MS,
  type Receiver,
  type ReceiverOptions,
  type SpiReply,
  type TrustedTenant,
  type WaitOptions,
} from './receiver.js'
export type {
  Arrival,
  ArrivalEvent,
  ArrivalOf,
  ChallengeArrival,
  EventContent,
  EventName,
  IssueCodeRequest,
  PreCreateOrderRequest,
  RefundApplyRequest,
  RefundNoticeRequest,
  SpiArrival,
  SpiName,
  SpiRequests,
  WebhookArrival,
  WebhookBody,
} from './arrivals.js'
export { spiSignature, verifySpiSignature, verifyWebhookSignature, webhookSignature } from './signatures.js'
export { checkMerchant, type CheckMerchantOptions } from './check.js'
export type { CheckReport, CheckResult, CheckStatus, Exchange, SentRequest } from '../check/check.types.js'
export { junitReport, jsonReport, textReport } from '../check/reporters.js'
