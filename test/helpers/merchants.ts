/**
 * Merchant services for the conformance checker's tests, real HTTP servers on loopback. On each pay_success or
 * certificate webhook the service looks the order up on the platform (a read the sandbox journals), as a
 * merchant's order handler reconciling with the platform would. The correct one checks X-Douyin-Signature and
 * x-life-sign and acts once per Msg-Id; the careless one accepts anything, acts on every delivery and applies a
 * verify notice in arrival order (it confirms the order: a write, even after the order's refund). `slowAfter`
 * makes every request after the first n take `slowMs`; `dedupeAfterWork` records a Msg-Id only once its work is
 * done (so a retry arriving meanwhile is acted on again); `callbacks` answers issue_code "issuing" and refund_apply
 * "pending" and calls the platform back, with its access-token or a forged one.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SandboxClient, type TenantCredentials } from '../../src/client/client.js'
import { readBody } from '../../src/testing/receiver.js'
import { verifySpiSignature, verifyWebhookSignature } from '../../src/testing/signatures.js'

export interface MerchantOptions {
  sandboxUrl: string
  tenant: TenantCredentials
  careless?: boolean
  /** requests after this many answer only after `slowMs` */
  slowAfter?: number
  /** how slow (default 5.2 s, past the platform's 5 s) */
  slowMs?: number
  /** record a Msg-Id as seen only after acting on it */
  dedupeAfterWork?: boolean
  /** answer issuing / pending and call 发券回调 and 审核回调 afterwards */
  callbacks?: 'signed' | 'forged-token' | 'never'
}

export interface Merchant {
  url: string
  spiBase: string
  close(): Promise<void>
}

const SLOW_MS = 5200

function spiAnswer(spi: string, body: Record<string, unknown>, pending: boolean): object {
  if (pending && (spi === 'issue_code' || spi === 'refund_apply'))
    return { data: { error_code: 0, description: '', result: 0 } }
  if (spi === 'issue_code') {
    const certs = (body.certificates as unknown[] | undefined) ?? []
    return {
      data: { error_code: 0, description: '', result: 1, codes: certs.map((_, i) => `M${i}-${String(body.order_id)}`) },
    }
  }
  if (spi === 'refund_apply') return { data: { error_code: 0, description: '', result: 1 } }
  return { data: { error_code: 0, description: '' } }
}

export async function startMerchant(opts: MerchantOptions): Promise<Merchant> {
  const client = new SandboxClient(opts.sandboxUrl, opts.tenant)
  const secret = opts.tenant.client_secret
  const seen = new Set<string>()
  let count = 0
  /** the platform callback after an SPI answered issuing / pending */
  const callBack = async (spi: string, body: Record<string, unknown>) => {
    await new Promise((r) => setTimeout(r, 50))
    const [path, payload] =
      spi === 'issue_code'
        ? [
            '/goodlife/v1/fulfilment/create/callback/',
            {
              order_id: body.order_id,
              result: 1,
              codes: ((body.certificates as unknown[] | undefined) ?? []).map(
                (_, i) => `CB${i}-${String(body.order_id)}`,
              ),
            },
          ]
        : [
            '/goodlife/v1/fulfilment/refund/audit/',
            { order_id: body.order_id, biz_uniq_key: body.biz_uniq_key, audit_result: 1, refund_fee_amount: 0 },
          ]
    const token = opts.callbacks === 'forged-token' ? 'clt.forged-token' : await client.clientToken()
    await fetch(`${opts.sandboxUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'access-token': token },
      body: JSON.stringify(payload),
    }).catch(() => undefined)
  }
  const server = createServer((req, res) => {
    readBody(req, (body, json) => {
      void (async () => {
        count++
        const msgId = String(req.headers['msg-id'] ?? '')
        // a correct service records the Msg-Id as the delivery arrives; dedupeAfterWork only once it is done
        const fresh = !seen.has(msgId)
        if (!opts.dedupeAfterWork) seen.add(msgId)
        if (opts.slowAfter !== undefined && count > opts.slowAfter)
          await new Promise((r) => setTimeout(r, opts.slowMs ?? SLOW_MS))
        const send = (status: number, payload: object) => {
          res.writeHead(status, { 'content-type': 'application/json' })
          res.end(JSON.stringify(payload))
        }
        const url = new URL(req.url ?? '/', 'http://merchant')
        if (url.pathname.startsWith('/spi/')) {
          const ok = verifySpiSignature({
            clientSecret: secret,
            query: url.searchParams,
            body,
            sign: req.headers['x-life-sign'],
          })
          if (!ok && !opts.careless) return send(401, { data: { error_code: 401, description: 'bad x-life-sign' } })
          const spi = url.pathname.slice(5)
          const pending = opts.callbacks !== undefined
          if (pending && opts.callbacks !== 'never' && (spi === 'issue_code' || spi === 'refund_apply'))
            void callBack(spi, json)
          return send(200, spiAnswer(spi, json, pending))
        }
        if (json.event === 'verify_webhook')
          return send(200, { challenge: (json.content as { challenge?: unknown } | undefined)?.challenge })
        const ok = verifyWebhookSignature({ clientSecret: secret, body, signature: req.headers['x-douyin-signature'] })
        if (!ok && !opts.careless) return send(401, { error: 'bad signature' })
        const content = JSON.parse(String(json.content ?? '{}')) as {
          action?: string
          order?: { order_id: string }
          certificate?: { order_id: string }
        }
        const orderId = content.order?.order_id ?? content.certificate?.order_id
        if (orderId && (fresh || opts.careless)) {
          await client.attempt('tradeOrderQuery', {
            account_id: opts.tenant.account_id,
            order_id: orderId,
            page_num: '1',
            page_size: '10',
          })
          if (opts.careless && content.action === 'verify')
            await client.attempt('tradeMerchantConfirmOrder', { order_id: orderId })
        }
        seen.add(msgId)
        send(200, { data: { error_code: 0 } })
      })()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${origin}/webhook`,
    spiBase: `${origin}/spi`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
