/** Serves a sandbox over HTTP (main, the CLI, startSandbox and the scenario runner share this). */
import { getRequestListener, serve } from '@hono/node-server'
import { createServer, type RequestListener, type ServerOptions } from 'node:http'
import type { AddressInfo } from 'node:net'
import { requestTimeoutOptions } from './config.js'
import { guardListener, installEdge, requestErrorAnswer } from './http/edge.js'
import type { Sandbox } from './sandbox.js'

export interface Listening {
  /** http://host:port, with the port actually bound */
  url: string
  port: number
  /** stops accepting, ends open connections and waits for the server to close (the sandbox stays open) */
  close(): Promise<void>
}

/** Listens on `host:port` (0 picks a free port); rejects when the address cannot be bound. */
export function listen(
  sandbox: Pick<Sandbox, 'fetch' | 'edge'>,
  opts: { port: number; host: string; requestTimeout: number },
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    // Node's own answer to a request without Host is an empty 400: the listener answers it instead (http/edge.ts)
    const serverOptions = { ...requestTimeoutOptions(opts.requestTimeout), requireHostHeader: false }
    // the app's listener behind the edge checks (http/edge.ts), which answer what never reaches Hono; the adapter's
    // own listener is replaced by one whose request errors (no Host, `OPTIONS *`, …) get the envelope
    const app: RequestListener = getRequestListener(sandbox.fetch, {
      hostname: opts.host,
      errorHandler: (e) => requestErrorAnswer(e, sandbox.edge),
    })
    const withEdge = (options: ServerOptions) => {
      const guarded = guardListener(app, sandbox.edge)
      const created = createServer(options, guarded)
      installEdge(created, guarded, sandbox.edge)
      return created
    }
    const server = serve(
      {
        fetch: sandbox.fetch,
        port: opts.port,
        hostname: opts.host,
        serverOptions,
        createServer: withEdge as typeof createServer,
      },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done())
              if ('closeAllConnections' in server) server.closeAllConnections()
            }),
        })
      },
    )
    server.once('error', reject)
  })
}
