/** Product builders of the testing kit: the sandbox's own example bodies (GET /sandbox/examples/product_save). */
export {
  productBuilders,
  type PackItem,
  type ProductBuilders,
  type ProductContext,
  type ProductOptions,
  type ProductSaveBody,
} from '../domains/goods/product.examples.js'
