/**
 * A real HTTP server on loopback standing in for the merchant's webhook endpoint: records every request and
 * answers as the test says (a status and body, a hang, or the challenge echo).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'
import { readBody } from '../../src/testing/receiver.js'

export interface Received {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
  json: Record<string, unknown>
}

export type Reply = { status: number; body?: string } | 'hang'

export interface Receiver {
  url: string
  received: Received[]
  /** decides each reply; default: echo a challenge, else 200 {"data":{"error_code":0}} */
  reply: (req: Received, index: number) => Reply
  /** resolves once `n` requests have arrived */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>
  close(): Promise<void>
}

/**
 * Receivers started through it are closed after each test of the file: `const receiver = useReceivers()`.
 * `receiver(port)` listens on that port (a receiver coming back after an outage).
 */
export function useReceivers(): (port?: number) => Promise<Receiver> {
  const open: Receiver[] = []
  afterEach(async () => {
    for (const r of open.splice(0)) await r.close()
  })
  return async (port?: number) => {
    const r = await startReceiver(port)
    open.push(r)
    return r
  }
}

export function defaultReply(req: Received): Reply {
  const content = req.json.content as { challenge?: number } | undefined
  if (req.json.event === 'verify_webhook')
    return { status: 200, body: JSON.stringify({ challenge: content?.challenge }) }
  return { status: 200, body: '{"data":{"error_code":0}}' }
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const hanging = new Set<ServerResponse>()
  const waiters: Array<{ n: number; resolve: () => void }> = []
  const receiver: Receiver = {
    url: '',
    received: [],
    reply: defaultReply,
    waitFor(n, timeoutMs = 10_000) {
      if (receiver.received.length >= n) return Promise.resolve(receiver.received)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`receiver got ${receiver.received.length} of ${n} requests`)),
          timeoutMs,
        )
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer)
            resolve(receiver.received)
          },
        })
      })
    },
    close: () =>
      new Promise<void>((res) => {
        for (const r of hanging) r.destroy()
        server.closeAllConnections()
        server.close(() => res())
      }),
  }
  const server = createServer((req, res) => {
    readBody(req, (body, json) => {
      const rec: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json }
      const index = receiver.received.push(rec) - 1
      for (const w of waiters.filter((w) => receiver.received.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve()
      }
      const reply = receiver.reply(rec, index)
      if (reply === 'hang') {
        hanging.add(res)
        return
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' })
      res.end(reply.body ?? '')
    })
  })
  await new Promise<void>((res) => server.listen(port, '127.0.0.1', () => res()))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/douyin/webhook`
  return receiver
}
