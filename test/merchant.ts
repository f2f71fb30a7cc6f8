/**
 * The reference merchant: a real HTTP server that receives the platform's webhooks and SPI calls, checks every
 * signature with its own implementation (SHA-1 for webhooks, SHA-256 for SPI), answers challenges, records
 * what arrives, and answers SPI calls from a script (defaults: accept everything, issue codes at once).
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readBody } from './helpers/receiver.js'

export interface Arrival {
  path: string
  headers: IncomingHttpHeaders
  body: string
  json: Record<string, unknown>
  /** the signature matched the sender's secret */
  signature_ok: boolean
}

export interface Merchant {
  /** webhook URL */
  url: string
  /** base URL of the SPI endpoints: <spiBase>/<spi name> */
  spiBase: string
  arrivals: Arrival[]
  /** secrets by client_key, to check signatures */
  trust(clientKey: string, secret: string): void
  /** the next replies of an SPI, in order; afterwards the defaults */
  script(spi: string, replies: Array<{ status: number; body?: object }>): void
  /** arrivals whose signature did not match */
  badSignatures(): Arrival[]
  close(): Promise<void>
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

function defaultSpiReply(spi: string, body: Record<string, unknown>): object {
  if (spi === 'issue_code') {
    const certs = (body.certificates as unknown[] | undefined) ?? []
    return { data: { error_code: 0, description: '', result: 1, codes: certs.map((_, i) => `REF-${String(body.order_id)}-${i}`) } }
  }
  if (spi === 'refund_apply') return { data: { error_code: 0, description: '', result: 1 } }
  return { data: { error_code: 0, description: '' } }
}

export async function startMerchant(): Promise<Merchant> {
  const secrets = new Map<string, string>()
  const scripts = new Map<string, Array<{ status: number; body?: object }>>()
  const arrivals: Arrival[] = []
  const server = createServer((req, res) => {
    readBody(req, (body, json) => {
      const url = new URL(req.url ?? '/', 'http://merchant')
      const send = (status: number, payload?: object) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(payload === undefined ? '' : JSON.stringify(payload))
      }
      if (url.pathname.startsWith('/spi/')) {
        const spi = url.pathname.slice(5)
        const key = String(req.headers['x-life-clientkey'] ?? '')
        const params = [...url.searchParams.keys()].filter((k) => k !== 'sign').sort().map((k) => `${k}=${url.searchParams.get(k)}`)
        const ok = sha256([secrets.get(key) ?? '', ...params, `http_body=${body}`].join('&')) === req.headers['x-life-sign']
        arrivals.push({ path: url.pathname, headers: req.headers, body, json, signature_ok: ok })
        const next = scripts.get(spi)?.shift()
        if (next) return send(next.status, next.body)
        return send(200, defaultSpiReply(spi, json))
      }
      const content = json.content as { challenge?: number } | undefined
      if (json.event === 'verify_webhook') {
        arrivals.push({ path: url.pathname, headers: req.headers, body, json, signature_ok: true })
        return send(200, { challenge: content?.challenge })
      }
      const ok = sha1((secrets.get(String(json.client_key)) ?? '') + body) === req.headers['x-douyin-signature']
      arrivals.push({ path: url.pathname, headers: req.headers, body, json, signature_ok: ok })
      send(200, { data: { error_code: 0 } })
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${base}/webhook`,
    spiBase: `${base}/spi`,
    arrivals,
    trust: (k, s) => void secrets.set(k, s),
    script: (spi, replies) => void scripts.set(spi, [...replies]),
    badSignatures: () => arrivals.filter((a) => !a.signature_ok),
    close: () => new Promise<void>((r) => {
      server.closeAllConnections()
      server.close(() => r())
    }),
  }
}
