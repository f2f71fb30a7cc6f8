/** Routes of orders and of the simulated consumer. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { invalidParams } from '../../core/errors.js'
import type { Env } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import { needProductRef } from '../goods/goods.errors.js'
import type { Tenant } from '../../tenants/tenant.js'
import type { ProductRecord } from '../goods/goods.store.js'
import type { PurchaseService } from './purchase.service.js'
import * as r from './trade.contract.js'
import { orderView, queryOrders } from './trade.views.js'
import { encryptedCodeOf, qrDataOf } from '../fulfilment/codes.js'

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v))

/** Asked before a purchase with the order id it will get (the 三方码 pre_create_order SPI). */
export type BeforeBuy = (t: Tenant, product: ProductRecord, count: number, orderId: string) => Promise<void>

export function registerTradeRoutes(
  app: OpenAPIHono<Env>,
  purchases: PurchaseService,
  beforeBuy: BeforeBuy = async () => undefined,
): void {
  for (const route of [r.orderQueryRoute, r.akteOrderQueryRoute]) {
    app.openapi(route, (c) => {
      const q = c.req.valid('query')
      const page_num = Number(q.page_num)
      const page_size = Number(q.page_size)
      if (page_num < 1) throw invalidParams('page_num starts at 1')
      if (page_size < 1 || page_size > 100) throw invalidParams(`page_size must be 1–100, got ${page_size}`)
      return c.json(
        ok(
          c,
          queryOrders(c.get('tenant')!, {
            page_num,
            page_size,
            order_id: q.order_id,
            ext_order_id: q.ext_order_id,
            open_id: q.open_id,
            order_status: num(q.order_status),
            create_order_start_time: num(q.create_order_start_time),
            create_order_end_time: num(q.create_order_end_time),
            update_order_start_time: num(q.update_order_start_time),
            update_order_end_time: num(q.update_order_end_time),
          }),
        ),
        200,
      )
    })
  }
  app.openapi(r.purchaseRoute, async (c) => {
    const body = c.req.valid('json')
    if (body.product_id === undefined && body.out_id === undefined) throw needProductRef()
    const t = c.get('tenant')!
    const orderId = t.random.id()
    await beforeBuy(t, purchases.check(t, body), body.count ?? 1, orderId)
    const { order, certificates } = purchases.buy(t, { ...body, order_id: orderId })
    return c.json(
      ok(c, {
        order: orderView(t, order),
        certificates: certificates.map((x) => ({
          certificate_id: x.certificate_id,
          code: x.code,
          encrypted_code: encryptedCodeOf(t, x),
          encrypted_data: qrDataOf(t, x),
          code_source_type: x.code_source_type,
          start_time: x.start_time,
          expire_time: x.expire_time,
          amount: x.amount,
          combination_id: x.combination_id ?? '',
          sub_product_id: x.sub_product_id ?? '',
          sub_item_name: x.sub_item_name ?? '',
          out_good_id: x.out_good_id,
        })),
      }),
      200,
    )
  })
}
