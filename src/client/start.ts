/**
 * startSandbox(): an in-process sandbox on a free port with memory storage, for a user's vitest/jest suite.
 * @example
 * const sb = await startSandbox({ frozenAt: '2026-01-01T00:00:00+08:00' })
 * const order = await sb.client.buy({ product_id })
 * await sb.close()
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { requestTimeoutOptions } from '../config.js'
import { createLog } from '../log.js'
import { createSandbox, type Sandbox } from '../sandbox.js'
import { openMemoryStore } from '../store/store.js'
import { SandboxClient, type TenantCredentials } from './client.js'

export interface StartOptions {
  seed?: string
  /** every tenant clock starts frozen here: Unix seconds or an ISO-8601 date */
  frozenAt?: number | string
  port?: number
  /** seconds a client may take to send a whole request before it is cut off, as `--request-timeout` (default 30) */
  requestTimeout?: number
}

export interface RunningSandbox {
  url: string
  /** a client acting as the default tenant */
  client: SandboxClient
  defaultTenant: TenantCredentials
  sandbox: Sandbox
  close(): Promise<void>
}

export async function startSandbox(opts: StartOptions = {}): Promise<RunningSandbox> {
  const frozenAtMs = opts.frozenAt === undefined ? undefined : typeof opts.frozenAt === 'number' ? opts.frozenAt * 1000 : Date.parse(opts.frozenAt)
  const sandbox = createSandbox({ store: await openMemoryStore(), seed: opts.seed, frozenAtMs, log: createLog('error') })
  const { url, stop } = await new Promise<{ url: string; stop: () => Promise<void> }>((resolve) => {
    const serverOptions = requestTimeoutOptions(opts.requestTimeout ?? 30)
    const server = serve({ fetch: sandbox.fetch, port: opts.port ?? 0, hostname: '127.0.0.1', serverOptions }, (info: AddressInfo) => {
      resolve({ url: `http://127.0.0.1:${info.port}`, stop: () => new Promise<void>((r) => server.close(() => r())) })
    })
  })
  const anonymous = new SandboxClient(url)
  const defaultTenant = (await anonymous.tenants()).find((t) => t.is_default)!
  return {
    url, sandbox, defaultTenant, client: anonymous.as(defaultTenant),
    close: async () => {
      await stop()
      await sandbox.close()
    },
  }
}
