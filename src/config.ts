/**
 * Configuration from flags and environment variables (flags win), validated with zod.
 * See docs/configuration.md.
 */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { parseInstant } from './core/instant.js'

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const

/** An instant (core/instant.ts) in ms. */
const instant = z.string().transform((v, ctx) => {
  try {
    return parseInstant(v)
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message })
    return z.NEVER
  }
})

/** A comma-separated list (empty entries dropped). */
const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  )

export const configSchema = z.object({
  port: z.coerce
    .number({ error: 'must be a whole number 0–65535' })
    .int('must be a whole number')
    .min(0, 'must be 0–65535')
    .max(65535, 'must be 0–65535')
    .default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  data: z.string().min(1).default('./.douyin-sandbox/sandbox.json'),
  memory: z.boolean().default(false),
  repair: z.boolean().default(false),
  seed: z.string().min(1).default('douyin-sandbox'),
  frozen_at_ms: instant.optional(),
  log_level: z.enum(LOG_LEVELS).default('info'),
  fsync: z.enum(['on', 'off']).default('on'),
  body_limit: z.coerce
    .number({ error: 'must be a whole number of bytes' })
    .int('must be a whole number of bytes')
    .min(1024, 'must be at least 1024 bytes')
    .default(1024 * 1024),
  request_timeout: z.coerce
    .number({ error: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .default(30),
  allowed_hosts: list.transform((hosts) => hosts.map((h) => h.toLowerCase())),
  allowed_origins: list.pipe(
    z.array(
      z
        .string()
        .regex(
          /^(\*|https?:\/\/[^/\s]+)$/,
          'each must be an origin such as http://localhost:3000 (scheme://host:port), or *',
        ),
    ),
  ),
  control_token: z.string().min(16, 'must be at least 16 characters').optional(),
})

export type Config = z.infer<typeof configSchema>

/** Thrown for a bad flag or value; main prints the message and exits 2. */
export class ConfigError extends Error {}

const FLAG_TO_ENV: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  data: 'DATA_FILE',
  seed: 'SEED',
  'frozen-at': 'FROZEN_AT',
  'log-level': 'LOG_LEVEL',
  'body-limit': 'BODY_LIMIT',
  'request-timeout': 'REQUEST_TIMEOUT',
  fsync: 'FSYNC',
  'allowed-hosts': 'ALLOWED_HOSTS',
  'allowed-origins': 'ALLOWED_ORIGINS',
  'control-token': 'CONTROL_TOKEN',
}

export const USAGE = `usage: douyin-sandbox start [options]   (in a checkout: npm start -- [options])
  --port <n>             port to listen on, 0 picks a free one (PORT, default 8787)
  --host <addr>          address to bind (HOST, default 127.0.0.1)
  --data <file>          JSON data file (DATA_FILE, default ./.douyin-sandbox/sandbox.json)
  --memory               keep everything in memory, write nothing (MEMORY=1)
  --repair               on a damaged log or snapshot: keep a copy, drop what is damaged, say what was lost (REPAIR=1)
  --seed <s>             seed of ids, codes and tokens (SEED, default douyin-sandbox)
  --frozen-at <t>        start every clock frozen at t: Unix seconds or ISO date (FROZEN_AT)
  --log-level <l>        silent|error|warn|info|debug (LOG_LEVEL, default info)
  --body-limit <b>       largest request body in bytes (BODY_LIMIT, default 1048576)
  --request-timeout <s>  longest time a client may take to send a request, in seconds (REQUEST_TIMEOUT, default 30)
  --fsync <on|off>       fdatasync every write batch before answering (FSYNC, default on)
  --allowed-hosts <list> Host names to answer besides localhost and IP addresses, comma-separated, * for any (ALLOWED_HOSTS)
  --allowed-origins <l>  browser origins that may change state through /sandbox/*, e.g. http://localhost:3000 (ALLOWED_ORIGINS)
  --control-token <t>    require Authorization: Bearer <t> on /sandbox/* (CONTROL_TOKEN; advised with --host 0.0.0.0)
  --help                 this text`

/** Reads flags (argv without node and script) and environment variables into a validated Config. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): Config & { help: boolean } {
  let values: Record<string, string | boolean | undefined>
  try {
    const parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        memory: { type: 'boolean' },
        repair: { type: 'boolean' },
        seed: { type: 'string' },
        'frozen-at': { type: 'string' },
        'log-level': { type: 'string' },
        'body-limit': { type: 'string' },
        'request-timeout': { type: 'string' },
        fsync: { type: 'string' },
        'allowed-hosts': { type: 'string' },
        'allowed-origins': { type: 'string' },
        'control-token': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
    values = parsed.values
  } catch (e) {
    throw new ConfigError(`${(e as Error).message}\n${USAGE}`)
  }
  const pick = (flag: string): string | undefined => {
    const v = values[flag]
    if (typeof v === 'string') return v
    const fromEnv = env[FLAG_TO_ENV[flag] ?? '']
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv
  }
  const memoryEnv = env.MEMORY
  const raw = {
    port: pick('port'),
    host: pick('host'),
    data: pick('data'),
    seed: pick('seed'),
    memory: values.memory === true || memoryEnv === '1' || memoryEnv === 'true',
    repair: values.repair === true || env.REPAIR === '1' || env.REPAIR === 'true',
    frozen_at_ms: pick('frozen-at'),
    log_level: pick('log-level'),
    body_limit: pick('body-limit'),
    fsync: pick('fsync'),
    request_timeout: pick('request-timeout'),
    allowed_hosts: pick('allowed-hosts'),
    allowed_origins: pick('allowed-origins'),
    control_token: pick('control-token'),
  }
  const result = configSchema.safeParse(raw, { jitless: true }) // parsed once: no compiled fast path
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const key = String(i.path[0] ?? '')
      const flag = key === 'frozen_at_ms' ? 'frozen-at' : key.replace(/_/g, '-')
      const env = FLAG_TO_ENV[flag]
      return `--${flag}${env ? ` / ${env}` : ''}: ${i.message} (got ${JSON.stringify((raw as Record<string, unknown>)[key])})`
    })
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  return { ...result.data, help: values.help === true }
}

/**
 * Node http server options that cut off a client still sending its request after `seconds` (slowloris), as a
 * gateway would. Node looks for such clients every `connectionsCheckingInterval` (30 s by default), so the
 * interval shrinks to at most 1 s (half the timeout when shorter) for the limit to hold within about a second.
 */
export function requestTimeoutOptions(seconds: number): {
  requestTimeout: number
  headersTimeout: number
  connectionsCheckingInterval: number
} {
  const ms = seconds * 1000
  return { requestTimeout: ms, headersTimeout: ms, connectionsCheckingInterval: Math.min(1000, ms / 2) }
}
