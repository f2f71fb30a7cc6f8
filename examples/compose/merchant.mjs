// A merchant service for the compose example, in plain Node (no dependency): it registers its webhook URL with
// the sandbox by service name, answers the platform's challenge, checks X-Douyin-Signature on every webhook, and
// runs the till flow once (client token, a combo pack, audit, purchase, prepare, verify) so webhooks arrive.
// GET / lists what arrived. Environment: SANDBOX_URL, WEBHOOK_URL (how the sandbox reaches this service), PORT.
/* global fetch */
import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

const SANDBOX = process.env.SANDBOX_URL ?? 'http://douyin-sandbox:8787'
const WEBHOOK_URL = process.env.WEBHOOK_URL ?? 'http://merchant:9000/douyin/webhook'
const PORT = Number(process.env.PORT ?? 9000)
const JSON_TYPE = { 'content-type': 'application/json' }

/** JSON.parse keeping 19-digit ids whole (as strings): the platform sends some ids as JSON numbers. */
const parse = (text) => JSON.parse(text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"'))

let secret = '' // the tenant's client_secret: webhooks are signed with it
const arrivals = []

/** X-Douyin-Signature: lowercase hex SHA-1 of client_secret followed by the raw body. */
function signatureOk(raw, header) {
  const want = Buffer.from(
    createHash('sha1')
      .update(secret + raw)
      .digest('hex'),
  )
  const got = Buffer.from(String(header ?? ''))
  return got.length === want.length && timingSafeEqual(got, want)
}

const server = createServer((req, res) => {
  let raw = ''
  req.setEncoding('utf8')
  req.on('data', (chunk) => (raw += chunk))
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/') {
      res.writeHead(200, JSON_TYPE).end(JSON.stringify({ arrivals }, null, 2))
      return
    }
    if (req.method !== 'POST' || req.url !== '/douyin/webhook') return res.writeHead(404).end()
    const body = parse(raw)
    if (body.event === 'verify_webhook') {
      // the platform's challenge when the URL is registered: echo the number
      const content = typeof body.content === 'string' ? parse(body.content) : body.content
      return res.writeHead(200, JSON_TYPE).end(JSON.stringify({ challenge: content.challenge }))
    }
    const ok = signatureOk(raw, req.headers['x-douyin-signature'])
    const content = typeof body.content === 'string' ? parse(body.content) : body.content
    arrivals.push({ event: body.event, msg_id: body.msg_id, signature_ok: ok, action: content?.action })
    console.log(`webhook ${body.event} ${content?.action ?? ''} signature ${ok ? 'ok' : 'WRONG'}`)
    res.writeHead(ok ? 200 : 401, JSON_TYPE).end(JSON.stringify({ err_no: ok ? 0 : 1 }))
  })
})

/** One call to the sandbox; answers `data`, throws on a non-zero error_code. */
async function call(method, path, { body, headers = {} } = {}) {
  const res = await fetch(SANDBOX + path, {
    method,
    headers: body === undefined ? headers : { ...JSON_TYPE, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const answer = parse(await res.text())
  const code = answer.extra?.error_code ?? answer.data?.error_code ?? 0
  if (!res.ok || code !== 0) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(answer)}`)
  return answer.data ?? answer
}

async function tillFlow() {
  // a tenant of its own, as each test suite would (the default tenant works the same way)
  const tenant = await call('POST', '/sandbox/tenants', { body: {} })
  secret = tenant.client_secret
  const as = { 'x-sandbox-client-key': tenant.client_key }
  await call('PUT', '/sandbox/webhooks', { body: { url: WEBHOOK_URL }, headers: as }) // challenge answered above
  const { access_token } = await call('POST', '/oauth/client_token/', {
    body: { client_key: tenant.client_key, client_secret: secret, grant_type: 'client_credential' },
  })
  const token = { 'access-token': access_token }
  const pack = await call('GET', '/sandbox/examples/product_save?kind=combo_pack&bare=true', { headers: as })
  const { product_id } = await call('POST', '/goodlife/v1/goods/product/save/', { body: pack, headers: token })
  await call('POST', `/sandbox/products/${product_id}/audit`, { body: { result: 'PASS' }, headers: as })
  const { certificates } = await call('POST', '/sandbox/orders', { body: { product_id }, headers: as })
  const poi_id = tenant.poi_ids[0]
  const code = encodeURIComponent(certificates[0].code)
  const prep = await call('GET', `/goodlife/v1/fulfilment/certificate/prepare/?code=${code}&poi_id=${poi_id}`, {
    headers: token,
  })
  const verified = await call('POST', '/goodlife/v1/fulfilment/certificate/verify/', {
    body: { verify_token: prep.verify_token, poi_id, encrypted_codes: [prep.certificates[0].encrypted_code] },
    headers: token,
  })
  console.log(`tenant ${tenant.client_key}: product ${product_id} sold and verified`, verified.verify_results[0])
}

server.listen(PORT, '0.0.0.0', () => {
  console.log(`merchant on :${PORT}, webhooks at ${WEBHOOK_URL}, sandbox at ${SANDBOX}`)
  tillFlow().catch((e) => {
    console.error(`till flow failed: ${e.message}`)
    process.exitCode = 1
  })
})
// PID 1 in its container: stop at once on docker stop
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0))
