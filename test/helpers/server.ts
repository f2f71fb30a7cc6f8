/** Serves a sandbox on a real loopback port for end-to-end and SDK tests, as the server users start does. */
import type { Sandbox } from '../../src/sandbox.js'
import { listen as listenServer } from '../../src/server.js'

export async function listen(sandbox: Sandbox): Promise<{ port: number; url: string; close: () => Promise<void> }> {
  return listenServer(sandbox, { port: 0, host: '127.0.0.1', requestTimeout: 30 })
}
