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
export { readBody, startReceiver, type Arrival, type Receiver, type SpiReply } from './receiver.js'
export { spiSignature, verifySpiSignature, verifyWebhookSignature, webhookSignature } from './signatures.js'
