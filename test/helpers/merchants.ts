/**
 * Merchant services for the conformance checker's tests, real HTTP servers on loopback. On each pay_success
 * webhook the service looks the order up on the platform (a call the sandbox journals), as a merchant's order
 * handler would. The correct one checks X-Douyin-Signature and x-life-sign and acts once per Msg-Id; the careless
 * one accepts anything and acts on every delivery; `slowAfter` makes every request after the first n take 5.2 s.
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
  /** requests after this many answer only after 5.2 s (past the platform's 5 s) */
  slowAfter?: number
}

export interface Merchant {
  url: string
  spiBase: string
  close(): Promise<void>
}

const SLOW_MS = 5200

function spiAnswer(spi: string, body: Record<string, unknown>): object {
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
  const server = createServer((req, res) => {
    readBody(req, (body, json) => {
      void (async () => {
        count++
        if (opts.slowAfter !== undefined && count > opts.slowAfter) await new Promise((r) => setTimeout(r, SLOW_MS))
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
          return send(200, spiAnswer(url.pathname.slice(5), json))
        }
        if (json.event === 'verify_webhook')
          return send(200, { challenge: (json.content as { challenge?: unknown } | undefined)?.challenge })
        const ok = verifyWebhookSignature({ clientSecret: secret, body, signature: req.headers['x-douyin-signature'] })
        if (!ok && !opts.careless) return send(401, { error: 'bad signature' })
        const msgId = String(req.headers['msg-id'] ?? '')
        const fresh = !seen.has(msgId)
        seen.add(msgId)
        if (json.event === 'life_trade_order_notify' && (fresh || opts.careless)) {
          const order = (JSON.parse(String(json.content)) as { order: { order_id: string } }).order
          await client.attempt('tradeOrderQuery', {
            account_id: opts.tenant.account_id,
            order_id: order.order_id,
            page_num: '1',
            page_size: '10',
          })
        }
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
