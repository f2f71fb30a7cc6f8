/**
 * The official Node SDK (@open-dy/open_api_sdk) pointed at a sandbox on a real port. The SDK has no base-URL
 * option (../shared/reference/official-sdk.md §2.1), so its tea.doAction is redirected while a test runs.
 */
import { createRequire } from 'node:module'
import { afterAll, beforeAll } from 'vitest'
import type { SandboxDeps } from '../../src/sandbox.js'
import { DEFAULT_TENANT, makeSandbox, type Api } from './harness.js'
import { listen } from './server.js'

const require = createRequire(import.meta.url)
const sdkPath = require.resolve('@open-dy/open_api_sdk')

export const sdk = require('@open-dy/open_api_sdk') as any

const tea = require(require.resolve('@alicloud/tea-typescript', { paths: [sdkPath] })) as any

/** The raw JSON text of the last answer the SDK read, before its own cast. */
export const lastSdkAnswer = { text: '' }

/** Sends every SDK request to 127.0.0.1:port, keeping each raw answer in lastSdkAnswer; returns the undo. */
export function redirectSdk(port: number): () => void {
  const original = tea.doAction
  process.env.NO_PROXY = '127.0.0.1,localhost'
  tea.doAction = async (req: { protocol: string; headers: Record<string, string> }, rt: unknown) => {
    req.protocol = 'http'
    req.headers.host = `127.0.0.1:${port}`
    const res = await original(req, rt)
    const bytes: Buffer = await res.readBytes()
    lastSdkAnswer.text = bytes.toString('utf8')
    res.body = new tea.BytesReadable(bytes)
    return res
  }
  return () => {
    tea.doAction = original
  }
}

/** A client of the default tenant with no retries. */
export function sdkClient() {
  const c = new sdk.default({ clientKey: DEFAULT_TENANT.client_key, clientSecret: DEFAULT_TENANT.client_secret })
  c.setRuntimeOptions({ readTimeout: 3000, connectTimeout: 1000, autoretry: false, ignoreSSL: true, maxAttempts: 1 })
  return c
}

/** A client token through the SDK. */
export async function sdkToken(): Promise<string> {
  const tok = await sdkClient().oauthClientToken(
    new sdk.OauthClientTokenRequest({
      clientKey: DEFAULT_TENANT.client_key,
      clientSecret: DEFAULT_TENANT.client_secret,
      grantType: 'client_credential',
    }),
  )
  if (tok.data.errorCode !== '0') throw new Error(`token failed: ${JSON.stringify(tok.data)}`)
  return tok.data.accessToken as string
}

/**
 * A sandbox on a real port for the whole test file, with the SDK redirected to it:
 * `const ctx = sdkSandbox({ frozenAtMs })` at module level, then `ctx.api` in tests.
 */
export function sdkSandbox(overrides: Partial<SandboxDeps> = {}): { api: Api } {
  const ctx = {} as { api: Api }
  let server: Awaited<ReturnType<typeof listen>> | undefined
  let undo = () => undefined as void
  beforeAll(async () => {
    const made = await makeSandbox(overrides)
    ctx.api = made.api
    server = await listen(made.sandbox)
    undo = redirectSdk(server.port)
  })
  afterAll(async () => {
    undo()
    await server?.close()
  })
  return ctx
}

/**
 * A till's scan through the SDK: certificatePrepare of `code`, then certificateVerify at the default POI of
 * `encryptedCode` (default: the first coupon the prepare answer lists); returns the verify answer.
 */
export async function sdkPrepareVerify(c: any, accessToken: string, code: string, encryptedCode?: string) {
  const prep = await c.certificatePrepare(new sdk.CertificatePrepareRequest({ accessToken, code }))
  return c.certificateVerify(
    new sdk.CertificateVerifyRequest({
      accessToken,
      verifyToken: prep.data.verifyToken,
      poiId: DEFAULT_TENANT.poi_id,
      encryptedCodes: [encryptedCode ?? prep.data.certificates[0].encryptedCode],
    }),
  )
}
