/** Routes of the 三方码 callbacks and of the SPI URLs on the control plane. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from '../http/env.js'
import { ok } from '../http/envelope.js'
import type { Store } from '../store/store.js'
import { fulfilmentData } from '../domains/fulfilment/fulfilment.store.js'
import { tradeData } from '../domains/trade/trade.store.js'
import type { RefundSpiService } from './refund-spi.js'
import { badSpiUrl } from './spi.errors.js'
import * as r from './spi.contract.js'
import type { SpiService } from './spi.service.js'
import { SPI_NAMES, spiTargets } from './spi.store.js'

export function registerSpiRoutes(
  app: OpenAPIHono<Env>,
  store: Store,
  spi: SpiService,
  refundSpi: RefundSpiService,
): void {
  app.openapi(r.putSpiRoute, (c) => {
    const body = c.req.valid('json')
    for (const name of SPI_NAMES) {
      const u = body[name]
      if (u !== undefined && !/^https?:\/\/[^\s]+$/i.test(u)) throw badSpiUrl(name, u)
    }
    spiTargets(store).put(c.get('tenant')!.key, { ...body })
    return c.json(ok(c, { spi: body }), 200)
  })
  app.openapi(r.getSpiRoute, (c) => {
    const { client_key: _k, ...urls } = spiTargets(store).get(c.get('tenant')!.key) ?? {}
    return c.json(ok(c, { spi: urls as Record<string, string> }), 200)
  })
  app.openapi(r.createCallbackRoute, (c) => {
    const t = c.get('tenant')!
    const b = c.req.valid('json')
    spi.callback(t, b)
    const ids = tradeData(t).orders.get(b.order_id)?.certificate_ids ?? []
    const list = ids
      .map((id) => fulfilmentData(t).certificates.get(id)!)
      .filter(Boolean)
      .map((x) => ({ certificate_id: x.certificate_id, code: x.code }))
    return c.json(ok(c, { certificate_info_list: b.result === 1 ? list : [] }), 200)
  })
  app.openapi(r.refundAuditRoute, (c) => {
    const done = refundSpi.audit(c.get('tenant')!, c.req.valid('json'))
    return c.json(ok(c, { after_sale_id: done.after_sale_id, status: done.status }), 200)
  })
}
