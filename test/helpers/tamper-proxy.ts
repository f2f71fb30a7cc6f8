/**
 * A forwarding HTTP proxy on a free loopback port that can change what passes: used to show that the language
 * examples notice a call whose signature no longer matches, or an answer that lost digits on the way.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Exchange {
  method: string
  /** path and query */
  path: string
  body: string
}

export interface Rewrites {
  /** changes a request before it is forwarded */
  request?: (x: Exchange) => Exchange
  /** changes an answer's body before it goes back */
  response?: (x: Exchange, body: string) => string
}

const DROPPED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'])

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (d: string) => (body += d))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

/** Forwards every request to `target()` (awaited per request, so it may wait until the target is known). */
export async function startProxy(
  target: () => Promise<string>,
  rewrites: Rewrites = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const original: Exchange = { method: req.method ?? 'GET', path: req.url ?? '/', body: await readBody(req) }
      const x = rewrites.request ? rewrites.request(original) : original
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(req.headers)) if (!DROPPED.has(k) && typeof v === 'string') headers[k] = v
      const answer = await fetch(`${await target()}${x.path}`, {
        method: x.method,
        headers,
        body: x.method === 'GET' || x.method === 'HEAD' ? undefined : x.body,
      })
      const text = await answer.text()
      const body = rewrites.response ? rewrites.response(x, text) : text
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
      res.end(body)
    })().catch((e: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`proxy: ${(e as Error).message}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Resolves with the first match of `pattern` in `text()`, polling it, or rejects after `timeoutMs`. */
export async function waitForMatch(text: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const m = pattern.exec(text())
    if (m) return m
    if (Date.now() > deadline) throw new Error(`no ${String(pattern)} within ${timeoutMs} ms in: ${text()}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
