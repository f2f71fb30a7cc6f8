/**
 * The till flow's peers (bench/flow.ts): WireMock (its jar from the npm package on the machine's java), Prism on
 * the community OpenAPI, json-server 0.17 and bare Hono, each started as its users start it.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, ROOT, tsx } from './lib.js'
import { type Codes, j, measure, type Measured, PIECE_S, PREPARE, QUICK, serve, VERIFY, WARMUP_S } from './flow-run.js'

/** json-server: coupon records in its data file (codes are reused: json-server keeps no rule against it). */
export const JSON_SERVER_RECORDS = QUICK ? 1000 : 10000
const SHARED = join(ROOT, '../shared/reference')

/** Codes for the stateless peers: fresh-looking 12-digit codes (they keep no coupons). */
export const anyCodes = (): Codes => {
  let i = 0
  return { next: () => String(100000000000 + (i++ % 1_000_000)) }
}
export const PEER_HEADERS = { 'content-type': 'application/json', 'access-token': 'clt.bench' }

/** The documents' example answers: prepare from the community OpenAPI's "succeed" example, verify from the transcribed sample. */
export function exampleBodies(): { prepare: string; verify: string } | null {
  const spec = join(SHARED, 'douyin-local-life.openapi.json')
  const sample = join(
    SHARED,
    'samples/ModelSamples-Fulfilment-Certificate-GoodLifeFulfilmentCertificateVerifyV1Response.json',
  )
  if (!existsSync(spec) || !existsSync(sample)) return null
  const doc = JSON.parse(readFileSync(spec, 'utf8'))
  let prepare: unknown = doc.paths[PREPARE].get.responses.default.content['application/json'].examples.succeed.value
  // the community file keeps this example as the text of a one-element list
  if (typeof prepare === 'string') prepare = (JSON.parse(prepare) as unknown[])[0]
  return { prepare: JSON.stringify(prepare, null, 2), verify: readFileSync(sample, 'utf8') }
}

export const hasJava = () => spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0

/**
 * WireMock's standalone jar from the npm package, with two static stubs; the documents' examples first, then the
 * sandbox's answers. `journal`: its default request journal (every request kept, as the sandbox journals too), or
 * `--no-request-journal`, WireMock's advice for load tests.
 */
export async function wiremock(
  examples: { prepare: string; verify: string } | null,
  sandbox: { prepare: string; verify: string },
  journal: boolean,
): Promise<{ examples: Measured | null; sandbox: Measured }> {
  const dir = join(ROOT, 'node_modules/wiremock/build')
  const jar = readdirSync(dir).find((f) => f.endsWith('.jar'))!
  const root = mkdtempSync(join(tmpdir(), 'wiremock-'))
  const port = await freePort()
  const wm = await serve(
    'java',
    [
      '-jar',
      join(dir, jar),
      '--port',
      String(port),
      '--bind-address',
      '127.0.0.1',
      '--root-dir',
      root,
      ...(journal ? [] : ['--no-request-journal']),
      '--disable-banner',
    ],
    `http://127.0.0.1:${port}/__admin/mappings`,
  )
  const stubs = async (bodies: { prepare: string; verify: string }) => {
    await fetch(`${wm.url}/__admin/mappings`, { method: 'DELETE' })
    for (const [method, key, body] of [
      ['GET', 'urlPath', bodies.prepare],
      ['POST', 'url', bodies.verify],
    ] as const) {
      const res = await fetch(`${wm.url}/__admin/mappings`, {
        method: 'POST',
        body: j({
          request: { method, [key]: method === 'GET' ? PREPARE : VERIFY },
          response: { status: 200, headers: { 'Content-Type': 'application/json' }, body },
        }),
      })
      if (res.status !== 201) throw new Error(`WireMock stub: ${res.status} ${await res.text()}`)
    }
  }
  try {
    let ex: Measured | null = null
    if (examples) {
      await stubs(examples)
      ex = await measure(`WireMock${journal ? '' : ' no journal'} (examples)`, wm.url, anyCodes(), PEER_HEADERS, wm.pid)
    }
    await stubs(sandbox)
    // the JVM is warm by now: a shorter warm-up for the new bodies
    const sb = await measure(
      `WireMock${journal ? '' : ' no journal'} (sandbox bodies)`,
      wm.url,
      anyCodes(),
      PEER_HEADERS,
      wm.pid,
      undefined,
      ex ? Math.min(WARMUP_S, PIECE_S) : WARMUP_S,
    )
    return { examples: ex, sandbox: sb }
  } finally {
    await wm.stop()
    rmSync(root, { recursive: true, force: true })
  }
}

export async function prism(): Promise<Measured | null> {
  const spec = join(SHARED, 'douyin-local-life.openapi.json')
  if (!existsSync(spec)) return null
  const port = await freePort()
  const p = await serve(
    process.execPath,
    [
      join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js'),
      'mock',
      spec,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
    ],
    `http://127.0.0.1:${port}/goodlife/v1/fulfilment/certificate/prepare/?code=1`,
  )
  try {
    return await measure('Prism', p.url, anyCodes(), PEER_HEADERS, p.pid)
  } finally {
    await p.stop()
  }
}

/** json-server 0.17 on a data file holding a record per coupon; prepare finds the coupon by code, verify appends a record. */
export async function jsonServer(): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'json-server-'))
  const certificates = Array.from({ length: JSON_SERVER_RECORDS }, (_, i) => ({
    id: i + 1,
    code: String(100000000000 + i),
    verify_token: `token-${i}`,
    encrypted_code: `CgwIARDhJxjLLyABKAESLgos${String(i).padStart(12, '0')}`,
    status: 1,
  }))
  writeFileSync(join(dir, 'db.json'), j({ certificates, verify_records: [] }))
  writeFileSync(
    join(dir, 'routes.json'),
    j({ [`${PREPARE}\\?code=:code`]: '/certificates?code=:code', [VERIFY]: '/verify_records' }),
  )
  const port = await freePort()
  const js = await serve(
    process.execPath,
    [
      join(ROOT, 'node_modules/json-server/lib/cli/bin.js'),
      join(dir, 'db.json'),
      '--routes',
      join(dir, 'routes.json'),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    `http://127.0.0.1:${port}/verify_records`,
  )
  try {
    let i = 0
    return await measure(
      'json-server',
      js.url,
      { next: () => String(100000000000 + (i++ % JSON_SERVER_RECORDS)) },
      PEER_HEADERS,
      js.pid,
    )
  } finally {
    await js.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function bareHono(): Promise<Measured> {
  const [cmd, args] = tsx('bench/servers/bare-hono.ts')
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((res, rej) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /READY (\S+)/.exec(out)
      if (m) res(m[1]!)
    })
    child.on('exit', (c) => rej(new Error(`bare-hono exited with ${c}`)))
  })
  try {
    return await measure('bare Hono', url, anyCodes(), PEER_HEADERS, child.pid)
  } finally {
    child.kill('SIGTERM')
  }
}
