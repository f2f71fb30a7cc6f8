/**
 * The merchant examples in Java, Go, Python and PHP (examples/), each run against the compiled server: the
 * whole flow passes, and each exits 1 when a webhook body or an SPI query was changed on the way (its own
 * signature checks) or when an answer lost digits on the way (its exact decoding of 19-digit ids).
 *
 * A missing toolchain skips that language, unless DOUYIN_SANDBOX_REQUIRE_TOOLCHAINS=1 (as in .ci/run), where
 * it fails naming the tool and its Debian package.
 */
import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest'
import { buildCompiled, removeCompiled, startCompiled, type CompiledServer } from './helpers/compiled-server.js'
import { startProxy, waitForMatch } from './helpers/tamper-proxy.js'
import { TOOLCHAINS, type Toolchain } from './helpers/toolchains.js'

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url))
const REQUIRE = process.env.DOUYIN_SANDBOX_REQUIRE_TOOLCHAINS === '1'
const languages = TOOLCHAINS.map((t) => ({ ...t, why: t.missing() }))

let dir: string | undefined
let server: CompiledServer | undefined

beforeAll(async () => {
  if (languages.every((t) => t.why !== null)) return // nothing to run it for
  dir = await buildCompiled()
  server = await startCompiled(dir)
}, 300_000)
afterAll(async () => {
  await server?.close()
  if (dir) removeCompiled(dir)
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a language's example to its end; `live` sees its stdout as it comes. */
function runExample(t: Toolchain, env: Record<string, string>, live?: (stdout: () => string) => void): Promise<Run> {
  const goCache =
    process.env.GOCACHE || process.env.XDG_CACHE_HOME || process.env.HOME
      ? {}
      : { GOCACHE: join(tmpdir(), 'douyin-sandbox-go-cache') }
  const child = spawn(t.command, t.args, {
    cwd: join(EXAMPLES, t.name),
    env: {
      ...process.env,
      ...goCache,
      GOTOOLCHAIN: 'local',
      GOPROXY: 'off',
      // the source launcher compiles Main.java first: the client compiler alone halves that CPU time
      JDK_JAVA_OPTIONS: '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC',
      DOUYIN_BASE_URL: server!.url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  live?.(() => stdout)
  const timer = setTimeout(() => child.kill('SIGKILL'), 150_000)
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    }),
  )
}

/** Skips a language whose toolchain is missing, or fails when toolchains are required. */
function needs(t: (typeof languages)[number], ctx: TestContext): void {
  if (t.why === null) return
  if (REQUIRE)
    throw new Error(`${t.why}: install it with \`apt-get install ${t.apt}\` (DOUYIN_SANDBOX_REQUIRE_TOOLCHAINS=1)`)
  ctx.skip(`${t.why}; apt-get install ${t.apt} (or .ci/toolchains.sh) to run the ${t.name} example`)
}

/** Each pattern's first match, in this order in `text`. */
function inOrder(text: string, patterns: RegExp[]): RegExpExecArray[] {
  let from = 0
  return patterns.map((p) => {
    const m = new RegExp(p.source, p.flags.includes('m') ? p.flags : `${p.flags}m`).exec(text.slice(from))
    expect(m, `${String(p)} after offset ${from} in:\n${text}`).not.toBeNull()
    from += m!.index + m![0].length
    return m!
  })
}

for (const t of languages) {
  describe(`the ${t.name} example`, () => {
    it('runs the whole merchant flow against the compiled server and exits 0', async (ctx) => {
      needs(t, ctx)
      const r = await runExample(t, {})
      expect(r.stderr, r.stdout).not.toContain('FAILED')
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0)
      const [tenant, , , , , ids, , , , refunds] = inOrder(r.stdout, [
        /^tenant (\w+) created \(account_id (\d{19}), poi (\d{19})\)$/,
        /^webhook URL registered: the verify_webhook challenge was signed and answered$/,
        /^client_token clt\.\S+ expires in 7200 s$/,
        /^product saved: product_id \d{19} with 7 sub-products$/,
        /^audit passed, product online; webhook life_product_audit PASS, signature ok$/,
        /^draft\/get: poi_id (\d+) and creator_account_id (\d+) decoded exactly \(a double would read (\d+)\)$/,
        /^purchase: order \d{19}, pay_amount 6100 fen \(an integer\), 7 coupons$/,
        /^webhook life_trade_order_notify pay_success, signature ok$/,
        /^cancel within the hour: certificate \d{19} usable again \(status 1\)$/,
        /^merchant approved on the audit webhook: refunded, (\d+) refund_success webhooks, signatures ok$/,
        /^三方码 purchase: order \d{19}; SPI pre_create_order x-life-sign ok \(timestamp \d{13}\)$/,
        /^SPI issue_code x-life-sign ok; answered codes \S+$/,
        /^verify of the merchant's own code \S+: ok$/,
        /^\d+ signed calls received, every signature checked; a changed body or query fails the check$/,
        new RegExp(`^OK ${t.name}: every step passed$`),
      ])
      expect(ids![1]).toBe(tenant![3]) // the 19-digit poi_id, every digit
      expect(ids![2]).toBe(tenant![2])
      expect(ids![3]).not.toBe(ids![1]) // what a double would have made of it
      expect(Number(refunds![1])).toBe(7)
      // the program cleaned up its tenant
      const list = (await (await fetch(`${server!.url}/sandbox/tenants`)).json()) as {
        data: { tenants: Array<{ client_key: string }> }
      }
      expect(list.data.tenants.map((x) => x.client_key)).not.toContain(tenant![1])
    }, 180_000)

    it('exits 1 on a changed webhook body, a changed SPI query, and an id that lost digits', async (ctx) => {
      needs(t, ctx)
      const sandboxUrl = server!.url
      // the sandbox's calls go through a proxy that changes them before the example's receiver sees them
      let receiverOf: (() => string) | undefined
      const receiver = async () =>
        `http://${(await waitForMatch(() => receiverOf?.() ?? '', /^receiver listening on (\S+),/m))[1]}`
      const changedBody = await startProxy(receiver, {
        request: (x) => (x.path.startsWith('/douyin/webhook') ? { ...x, body: `${x.body} ` } : x),
      })
      const changedQuery = await startProxy(receiver, {
        request: (x) => ({ ...x, path: x.path.replace(/([?&]timestamp=\d+)/, '$11') }),
      })
      // a JavaScript middleman that parses and re-serialises answers rounds 19-digit numbers to doubles
      const lossy = await startProxy(async () => sandboxUrl, {
        response: (x, body) => (x.path.includes('/product/draft/get/') ? JSON.stringify(JSON.parse(body)) : body),
      })
      try {
        receiverOf = undefined
        const a = await runExample(t, { RECEIVER_URL: changedBody.url }, (s) => (receiverOf = s))
        expect(a.code, a.stdout).toBe(1)
        expect(a.stderr).toContain('rejected verify_webhook: wrong X-Douyin-Signature')
        expect(a.stderr).toMatch(/^FAILED: PUT \/sandbox\/webhooks: .*error_code 3000001/m)

        receiverOf = undefined
        const b = await runExample(t, { RECEIVER_URL: changedQuery.url }, (s) => (receiverOf = s))
        expect(b.code, b.stdout).toBe(1)
        expect(b.stdout).toContain('merchant approved on the audit webhook') // webhooks passed untouched
        expect(b.stderr).toContain('rejected pre_create_order: wrong x-life-sign')
        expect(b.stderr).toMatch(/^FAILED: POST \/sandbox\/orders: .*error_code 4000002/m)

        const c = await runExample(t, { DOUYIN_BASE_URL: lossy.url })
        expect(c.code, c.stdout).toBe(1)
        expect(c.stderr).toMatch(/^FAILED: poi_id \d+ lost digits \(expected \d{19}\)$/m)
      } finally {
        await Promise.all([changedBody.close(), changedQuery.close(), lossy.close()])
      }
    }, 300_000)
  })
}
