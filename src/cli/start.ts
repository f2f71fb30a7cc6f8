/**
 * `douyin-sandbox start` (and `npm start`): reads the configuration, opens the store, builds the sandbox and
 * serves it until SIGTERM or SIGINT, which end the process within 2 s (port and lock released).
 */
import { ConfigError, loadConfig, USAGE } from '../config.js'
import { createLog } from '../log.js'
import { tuneHeap } from './heap.js'
import { scenarioRunner } from './scenario-runner.js'
import { createSandbox } from '../sandbox.js'
import { listen } from '../server.js'
import { StoreOpenError } from '../store/state.js'
import { openFileStore } from '../store/file-store.js'
import { openMemoryStore } from '../store/store.js'
import { tenantRegistryProblem } from '../tenants/tenants.check.js'

/** The address a browser on this machine opens for a server listening on `url`: localhost for 0.0.0.0 or ::. */
export const browsable = (url: string): string =>
  url.replace(/^http:\/\/(?:0\.0\.0\.0|\[::\])(?=:)/, 'http://localhost')

/** Whether binding `host` keeps the server on this machine. */
const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host.startsWith('127.') || host === '[::1]'

/** Longest a shutdown may take; acknowledged writes are already on disk, so stopping sooner loses none. */
const STOP_DEADLINE_MS = 1000
/** How often a server launched by npm checks that npm is still there. */
const PARENT_CHECK_MS = 200

function fail(message: string, code: number): never {
  process.stderr.write(`douyin-sandbox: ${message}\n`)
  process.exit(code)
}

/** Runs the server with these flags (argv without node and script) and environment variables. */
export async function startCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config
  try {
    config = loadConfig(argv, env)
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message, 2)
    throw e
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const log = createLog(config.log_level)
  let store
  try {
    store = config.memory
      ? await openMemoryStore()
      : await openFileStore(config.data, {
          fsync: config.fsync === 'on',
          repair: config.repair,
          check: tenantRegistryProblem,
        })
  } catch (e) {
    if (e instanceof StoreOpenError) fail(e.message, 1)
    throw e
  }
  tuneHeap() // once the data file is read: loading it grows the heap fastest with V8's own setting
  if (store.repaired) process.stderr.write(`douyin-sandbox: ${store.repaired.message}\n`)
  if (store.snapshotRepaired) process.stderr.write(`douyin-sandbox: ${store.snapshotRepaired.message}\n`)
  const sandbox = createSandbox({
    store,
    seed: config.seed,
    frozenAtMs: config.frozen_at_ms,
    bodyLimit: config.body_limit,
    access: {
      allowedHosts: config.allowed_hosts,
      allowedOrigins: config.allowed_origins,
      controlToken: config.control_token,
    },
    log,
    scenarios: scenarioRunner,
  })
  const server = await listen(sandbox, {
    port: config.port,
    host: config.host,
    requestTimeout: config.request_timeout,
  }).catch((e: Error) => fail(`cannot listen on ${config.host}:${config.port}: ${e.message}`, 1))
  const t = sandbox.tenants.default().record
  const open = browsable(server.url)
  process.stdout.write(
    `douyin-sandbox ${sandbox.version} listening on ${server.url}\n` +
      `  storage: ${config.memory ? 'memory (nothing is written)' : config.data}\n` +
      `  default tenant: client_key=${t.client_key} client_secret=${t.client_secret}\n` +
      `                  account_id=${t.account_id} poi_ids=${t.pois.map((p) => p.poi_id).join(',')}\n` +
      (config.control_token
        ? // the token itself stays out of the output (CI logs keep it)
          `  control plane: /sandbox/* needs Authorization: Bearer <the control token>\n` +
          `  console: ${open}/sandbox/ui#token=<the control token>   docs: ${open}/docs\n`
        : `  console: ${open}/sandbox/ui   docs: ${open}/docs\n`),
  )
  if (!isLoopback(config.host))
    process.stderr.write(
      `douyin-sandbox: warning: listening on ${config.host}, beyond this machine. ` +
        (config.control_token
          ? "/sandbox/* needs the control token; the platform API answers anyone holding a tenant's credentials.\n"
          : "Anyone who can reach the port can read every tenant's client_secret and change the sandbox's state; " +
            'set --control-token (CONTROL_TOKEN) to require a bearer token on /sandbox/*.\n'),
    )
  let stopping = false
  const stop = () => {
    // a second signal, or a shutdown past the deadline, ends the process at once
    if (stopping) process.exit(0)
    stopping = true
    setTimeout(() => process.exit(0), STOP_DEADLINE_MS).unref()
    void Promise.all([server.close(), sandbox.close()]).then(
      () => process.exit(0),
      (e: unknown) => fail(`error while stopping: ${(e as Error).message}`, 1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  stopWithLauncher(env, stop)
}

/**
 * Under npm (`npm start`, `npx douyin-sandbox start`) the PID a script holds is npm's, and npm passes a SIGTERM
 * only to the shell it started, which dies and leaves this process behind. So when launched by npm, the server
 * stops once its parent is gone (it is then re-parented), as if the signal had reached it.
 */
function stopWithLauncher(env: NodeJS.ProcessEnv, stop: () => void): void {
  if (env.npm_command === undefined && env.npm_lifecycle_event === undefined) return
  const launcher = process.ppid
  setInterval(() => {
    if (process.ppid !== launcher) stop()
  }, PARENT_CHECK_MS).unref()
}
