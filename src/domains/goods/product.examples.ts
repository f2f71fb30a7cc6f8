/**
 * Valid `product/save` bodies for a tenant, built from the request example of the platform's document
 * "创建/更新商品" with the sale and use windows moved to the tenant's virtual now: 团购 (groupon), 代金券
 * (voucher), 次卡 (time card), 组合券包 (combo pack, refund_mode 1 支持部分退 or 2 不支持部分退) and 三方码 (third-party codes).
 * @example
 * const products = productBuilders({ account_id, poi_ids, now: (await client.clock()).now })
 * const { product_id } = await client.op.goodsProductSave(products.comboPack({ items: [...], refund_mode: 2 }))
 */
import type { z } from 'zod'
import type { Strict } from '../../core/strict.js'
import type { packItemSchema } from './combo.js'
import type { saveBodySchema } from './product.contract.js'

/** The body of `product/save` as the typed client takes it (its operation goodsProductSave). */
export type ProductSaveBody = Strict<z.input<typeof saveBodySchema>>

export interface ProductContext {
  account_id: string
  poi_ids: readonly string[]
  /** the tenant's virtual now, Unix seconds (GET /sandbox/clock → clock.now) */
  now: number
  account_name?: string
}

export interface ProductOptions {
  out_id?: string
  name?: string
  /** what the user pays, fen (default 9900) */
  price?: number
  /** the crossed-out price, fen (default price × 1.5) */
  origin_price?: number
  stock?: number
  /** days from now until the sale ends (default 365) */
  sale_days?: number
  /** product attributes to add or replace (strings; structs JSON-encoded) */
  attrs?: Record<string, string>
  /** sku attributes to add or replace */
  sku_attrs?: Record<string, string>
}

/**
 * A combo-pack sub-item (an item of the combination_rule attribute): item_type 1 团购券, 11 代金券, 101 折扣券,
 * 102 满减券, 201 实物周边. item_type is any number here, so a test can also try one the sandbox refuses.
 */
export type PackItem = Omit<z.output<typeof packItemSchema>, 'item_type'> & { item_type: number }

/** A 双杯券×2 + 饮品5折券×2 + 满60减10×3 pack (the shape of the combo-pack document's examples). */
export const drinksPackItems = (): PackItem[] => [
  ...Array.from({ length: 2 }, () => ({ item_type: 1, name: '双杯券', actual_amount: 2800, origin_amount: 3600 })),
  ...Array.from({ length: 2 }, () => ({
    item_type: 101,
    name: '饮品5折券',
    actual_amount: 100,
    origin_amount: 100,
    discount: 50,
  })),
  ...Array.from({ length: 3 }, () => ({
    item_type: 102,
    name: '满60减10',
    actual_amount: 100,
    origin_amount: 100,
    threshold_amount: 6000,
    reduction_amount: 1000,
  })),
]

const DAY = 86400
const json = (v: unknown) => JSON.stringify(v)
/** Beijing calendar date of a Unix time, as the use_date attribute writes it. */
const beijingDate = (s: number) => new Date((s + 8 * 3600) * 1000).toISOString().slice(0, 10)

/** Attributes of the food 团购 template that the 代金券 and 次卡 templates do not have. */
const GROUPON_ONLY = [
  'bring_out_meal',
  'free_pack',
  'private_room',
  'rec_person_num',
  'rec_person_num_max',
  'superimposed_discounts',
]

/** Builders for one tenant; each body gets its own out_id unless given one. */
export function productBuilders(ctx: ProductContext) {
  let n = 0
  const poi = ctx.poi_ids[0]
  if (poi === undefined) throw new Error('productBuilders: the tenant has no poi_ids')
  const accountName = ctx.account_name ?? 'sandbox merchant'

  function base(kind: string, productType: 1 | 11 | 15, o: ProductOptions, sku: Record<string, string> = {}) {
    n += 1
    const outId = o.out_id ?? `${kind}-${ctx.now}-${n}`
    const name = o.name ?? `${kind} ${n}`
    const price = o.price ?? 9900
    const start = ctx.now - DAY
    const end = ctx.now + (o.sale_days ?? 365) * DAY
    const attrs: Record<string, string> = {
      appointment: json({ need_appointment: false }),
      auto_renew: 'false',
      bring_out_meal: 'false',
      can_no_use_date: json({ enable: false }),
      free_pack: 'false',
      image_list: json([{ url: 'https://example.invalid/product.png' }]),
      Notification: json([{ title: '使用须知', content: '到店出示券码' }]),
      private_room: 'false',
      rec_person_num: '1',
      rec_person_num_max: '2',
      RefundPolicy: '1',
      refund_need_merchant_confirm: 'false',
      show_channel: '1',
      superimposed_discounts: 'false',
      use_date: json({
        use_date_type: 1,
        use_start_date: beijingDate(start),
        use_end_date: beijingDate(end + 30 * DAY),
      }),
      use_time: json({ use_time_type: 1 }),
      account_name: accountName,
      poi_list: json([{ poi_id: poi }]),
      product_name: name,
      sold_start_time: String(start),
      sold_end_time: String(end),
    }
    if (productType !== 1) for (const k of GROUPON_ONLY) delete attrs[k]
    const skuAttrs: Record<string, string> = {
      code_source_type: '1',
      limit_rule: json({ is_limit: false }),
      settle_type: '1',
      use_type: '1',
      stock_info: json({ limit_type: 1, stock_qty: o.stock ?? 500 }),
      ...sku,
      ...o.sku_attrs,
    }
    return {
      account_id: ctx.account_id,
      product: {
        account_name: accountName,
        out_id: outId,
        product_name: name,
        product_type: productType,
        category_id: 1001001,
        biz_line: 1,
        sold_start_time: start,
        sold_end_time: end,
        pois: [{ poi_id: poi }],
        attr_key_value_map: { ...attrs, ...o.attrs },
      },
      sku: {
        sku_name: name,
        actual_amount: price,
        origin_amount: o.origin_price ?? Math.round(price * 1.5),
        status: 1 as const,
        stock: { limit_type: 1 as const, stock_qty: o.stock ?? 500 },
        attr_key_value_map: skuAttrs,
      },
    }
  }

  const commodity = (price: number) =>
    json([
      {
        group_name: '套餐',
        total_count: 1,
        option_count: 1,
        item_list: [{ name: '套餐内容', price, count: 1, unit: '份' }],
      },
    ])

  return {
    /** 团购套餐 (product_type 1) */
    groupon: (o: ProductOptions = {}): ProductSaveBody =>
      base('groupon', 1, o, { commodity: commodity(o.origin_price ?? Math.round((o.price ?? 9900) * 1.5)) }),
    /** 代金券 (product_type 11) */
    voucher: (o: ProductOptions = {}): ProductSaveBody => base('voucher', 11, o),
    /** 次卡 (product_type 15) usable `times_count` times */
    timeCard: (o: ProductOptions & { times_count?: number } = {}): ProductSaveBody =>
      base('timecard', 15, o, { times_count: String(o.times_count ?? 5) }),
    /** 三方码: a 团购 whose codes the merchant issues through the issue_code SPI (code_source_type 2) */
    thirdPartyCode: (o: ProductOptions = {}): ProductSaveBody =>
      base('thirdparty', 1, o, {
        commodity: commodity(o.origin_price ?? Math.round((o.price ?? 9900) * 1.5)),
        code_source_type: '2',
      }),
    /**
     * 组合券包 (product_form_type 2) of `items`, priced at their sum; refund_mode 1 支持部分退 (unused sub-items
     * may be refunded on their own), 2 不支持部分退.
     * A pack with an item of type 201 (实物周边) needs the tenant setting merch_permission.
     */
    comboPack: (
      o: ProductOptions & { items: PackItem[]; refund_mode: 1 | 2; product_type?: 1 | 11 | 15 },
    ): ProductSaveBody => {
      const sum = o.items.reduce((s, i) => s + i.actual_amount, 0)
      const origin = Math.max(
        sum,
        o.items.reduce((s, i) => s + i.origin_amount, 0),
      )
      const type = o.product_type ?? 1
      const b = base(
        'pack',
        type,
        { ...o, price: o.price ?? sum, origin_price: o.origin_price ?? origin },
        type === 1 ? { commodity: commodity(origin) } : type === 15 ? { times_count: '1' } : {},
      )
      return {
        ...b,
        product: {
          ...b.product,
          product_form_type: 2,
          attr_key_value_map: {
            ...b.product.attr_key_value_map,
            combination_rule: json({ refund_mode: o.refund_mode, items: o.items }),
          },
        },
      }
    },
  }
}

export type ProductBuilders = ReturnType<typeof productBuilders>
