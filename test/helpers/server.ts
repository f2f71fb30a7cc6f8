/** Serves a sandbox on a real loopback port for end-to-end and SDK tests. */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Sandbox } from '../../src/sandbox.js'

export async function listen(sandbox: Sandbox): Promise<{ port: number; url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: sandbox.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        port: info.port,
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((res) => server.close(() => res())),
      })
    })
  })
}
