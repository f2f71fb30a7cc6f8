/** Routes of /goodlife/v1/fulfilment/certificate/. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TenantEnv } from '../../http/env.js'
import { ok } from '../../http/envelope.js'
import * as r from './fulfilment.contract.js'
import { certificateView, reserveInfosOf, verifyAmountInfoOf, type FulfilmentViews } from './fulfilment.views.js'
import type { VerifyService } from './verify.service.js'
import { batchVerifyRoute } from './batch-verify.contract.js'
import { batchVerify } from './batch-verify.js'
import { batchImportRoute, bindOrderInfoRoute } from './reserve-codes.contract.js'
import { bindOrderInfo, importCodes } from './reserve-codes.js'

export function registerFulfilmentRoutes(
  app: OpenAPIHono<TenantEnv>,
  verify: VerifyService,
  views: FulfilmentViews,
): void {
  app.openapi(r.prepareRoute, (c) => {
    const t = c.get('tenant')
    const p = verify.prepare(t, c.req.valid('query'))
    const reserveInfo = reserveInfosOf(t, p.certificates)
    const certs = p.certificates.map((x) => ({ ...certificateView(t, x), reserve_info: reserveInfo(x) }))
    return c.json(
      ok(c, { verify_token: p.verify_token, order_id: p.order_id, certificates: certs, certificates_v2: certs }),
      200,
    )
  })
  app.openapi(r.verifyRoute, (c) => {
    const t = c.get('tenant')
    const results = verify.verify(t, c.req.valid('json'))
    // the 三方码 voucher fields of the SDK's model: the sandbox's codes carry no certificate number, ID card or QR
    const voucher = { certificate_no: '', id_card: '', qrcode: '' }
    const answer = results.map((x) => ({ ...x, ...voucher, ...verifyAmountInfoOf(t, x.verify_id) }))
    return c.json(ok(c, { verify_results: answer }), 200)
  })
  app.openapi(batchVerifyRoute, (c) => {
    const list = batchVerify(c.get('tenant'), verify, c.req.valid('json'))
    return c.json(ok(c, { certificate_verify_resp_list: list }), 200)
  })
  app.openapi(batchImportRoute, (c) => c.json(ok(c, importCodes(c.get('tenant'), c.req.valid('json'))), 200))
  app.openapi(bindOrderInfoRoute, (c) => c.json(ok(c, bindOrderInfo(c.get('tenant'), c.req.valid('query'))), 200))
  app.openapi(r.cancelRoute, (c) => {
    const results = verify.cancel(c.get('tenant'), c.req.valid('json'))
    // transaction_id: the sandbox keeps no payment transaction for a cancellation (docs/decisions.md)
    return c.json(ok(c, { cancel_results: results, transaction_id: '' }), 200)
  })
  app.openapi(r.getRoute, (c) => c.json(ok(c, views.get(c.get('tenant'), c.req.valid('query').encrypted_code)), 200))
  app.openapi(r.queryRoute, (c) => c.json(ok(c, views.query(c.get('tenant'), c.req.valid('query'))), 200))
  app.openapi(r.recordsRoute, (c) => {
    const q = c.req.valid('query')
    return c.json(ok(c, views.records(c.get('tenant'), q)), 200)
  })
}
