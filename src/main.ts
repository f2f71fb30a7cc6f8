/**
 * Entry point: reads the configuration, opens the store, builds the sandbox and serves it.
 */
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { ConfigError, loadConfig, requestTimeoutOptions, USAGE } from './config.js'
import { createLog } from './log.js'
import { createSandbox } from './sandbox.js'
import { StoreOpenError } from './store/state.js'
import { openFileStore } from './store/file-store.js'
import { openMemoryStore } from './store/store.js'

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig(process.argv.slice(2), process.env)
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`douyin-sandbox: ${e.message}\n`)
      process.exit(2)
    }
    throw e
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const log = createLog(config.log_level)
  let store
  try {
    store = config.memory ? await openMemoryStore() : await openFileStore(config.data, { fsync: config.fsync === 'on' })
  } catch (e) {
    if (e instanceof StoreOpenError) {
      process.stderr.write(`douyin-sandbox: ${e.message}\n`)
      process.exit(1)
    }
    throw e
  }
  const sandbox = createSandbox({ store, seed: config.seed, frozenAtMs: config.frozen_at_ms, bodyLimit: config.body_limit, log })
  // a client that never finishes sending its request is cut off (slowloris), as a gateway would
  const serverOptions = requestTimeoutOptions(config.request_timeout)
  const server = serve({ fetch: sandbox.fetch, port: config.port, hostname: config.host, serverOptions }, (info: AddressInfo) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
    const t = sandbox.tenants.default().record
    process.stdout.write(
      `douyin-sandbox ${sandbox.version} listening on http://${host}:${info.port}\n` +
        `  storage: ${config.memory ? 'memory (nothing is written)' : config.data}\n` +
        `  default tenant: client_key=${t.client_key} client_secret=${t.client_secret}\n` +
        `                  account_id=${t.account_id} poi_ids=${t.pois.map((p) => p.poi_id).join(',')}\n` +
        `  docs: http://${host}:${info.port}/docs\n`,
    )
  })
  server.on('error', (e) => {
    process.stderr.write(`douyin-sandbox: cannot listen on ${config.host}:${config.port}: ${e.message}\n`)
    process.exit(1)
  })
  const stop = () => {
    server.close()
    void sandbox.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
