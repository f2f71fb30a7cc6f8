/** What the goods operations do in the sandbox and the codes they answer (OpenAPI document; docs/contract-tests.md). */
import { defineOpDocs } from '../../http/op-docs.js'

const NOT_FOUND = 'no product with that product_id / out_id in this account'
const SUB = 'a sub-product of a combo pack is operated with its pack, not alone'

export const goodsDocs = defineOpDocs({
  goodsCategoryGet: {
    description:
      'Reads the category tree (fixtures, the same for every tenant): the direct children of category_id, flat or as a tree. Changes nothing.',
    errors: {},
  },
  goodsTemplateGet: {
    description:
      'Reads the attribute template of a product_type in a level-3 category (fixtures): the product, sku, spu and calendar attributes product/save checks. Changes nothing.',
    errors: {},
    params: {
      product_sub_type: '商品子类型 (accepted, the template does not depend on it in the sandbox)',
      template_type: '模板类型 (accepted, ignored)',
      pattern_type: '模板样式 (accepted, ignored)',
    },
  },
  goodsProductSave: {
    description:
      "Creates a product, or updates the one with the same out_id (or product_id), in the tenant: checks the body against the template, the POIs against the account, the sale window against the virtual clock and a combo pack's combination_rule; stores the new version as the draft under audit (draft_status 10). The audit finishes after 60 virtual seconds (or POST /sandbox/products/{product_id}/audit) and sends the audit webhooks; a pack creates or updates its sub-products.",
    errors: {
      2190004: '实物周边 items in a combo pack need the merch permission (tenant setting merch_permission)',
      2137000328: "a pois[].poi_id is not one of the account's POIs",
      4000001: NOT_FOUND + ' (an update naming product_id)',
    },
  },
  goodsProductOperate: {
    description:
      "Puts a product online (op_type 1) or offline (op_type 2): changes its online_status, and with it its pack's sub-products; sends life_product_status_change.",
    errors: {
      4000001: NOT_FOUND,
      4000002: `the state does not allow it: not approved by the audit yet, past sold_end_time, not online, or ${SUB}`,
    },
  },
  goodsProductFreeAudit: {
    description:
      "Changes sold_end_time, stock_qty or actual_amount of a product's online version without a new audit (免审修改); a combo pack's price cannot change this way.",
    errors: {
      4000001: NOT_FOUND,
      4000002: 'the product is not online, or the change would reprice a combo pack or its sub-products',
    },
  },
  goodsStockSync: {
    description:
      'Sets the stock of a product (or of one of its skus): stock_qty becomes the new total, never below what is already sold or held.',
    errors: { 4000001: NOT_FOUND },
  },
  goodsSkuBatchSave: {
    description:
      'Creates or updates the sku list of a multi-SKU product that was saved without a sku; answers each out_sku_id (or sku_id) with its sku_id.',
    errors: { 4000001: NOT_FOUND },
  },
  goodsProductDraftGet: {
    description:
      'Reads the latest saved versions (drafts, with their audit state) of up to 10 products named by product_ids or out_ids. Changes nothing.',
    errors: {},
    params: { need_poi: 'whether to include pois in each product (true/false)' },
  },
  goodsProductDraftQuery: {
    description:
      "Lists the account's drafts a page at a time, newest first, optionally filtered by status. Changes nothing.",
    errors: {},
  },
  goodsProductOnlineGet: {
    description:
      'Reads the online versions (what consumers buy) of up to 10 products named by product_ids or out_ids. Changes nothing.',
    errors: {},
  },
  goodsProductOnlineQuery: {
    description:
      "Lists the account's products that passed audit a page at a time, optionally filtered by status, type, name or ids. Changes nothing.",
    errors: {},
    params: {
      goods_creator_type: '商品创建者类型 (accepted, every product of the tenant is its own)',
      goods_query_type: '查询类型 (accepted, ignored)',
      ext_ids: 'out_ids to look for, comma-separated',
      product_name: 'substring of the product name',
    },
  },
})
