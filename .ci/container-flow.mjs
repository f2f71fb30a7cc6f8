// The HTTP side of .ci/container.sh, against a sandbox in a container (plain fetch, as any merchant would):
//   wait  URL        polls /sandbox/health until 200 (60 s at most); prints the time of the first 200 (ms)
//   till  URL FILE   a new tenant, client token, a combo pack from /sandbox/examples/product_save, audit,
//                    purchase, prepare, verify; writes what `check` needs to FILE
//   check URL FILE   after a restart on the same /data volume: the tenant and its verified certificate are there
//   hosts URL        the Host check: a service name of the image's ALLOWED_HOSTS passes, another name gets 403
/* global fetch */
import { request } from 'node:http'
import { readFileSync, writeFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

const [mode, url, file] = process.argv.slice(2)
const JSON_TYPE = { 'content-type': 'application/json' }

/** JSON.parse keeping 19-digit ids whole (as strings): the wire sends some ids as numbers. */
const parse = (text) => JSON.parse(text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"'))

/** One call; answers `data`, throws on an HTTP error or a non-zero error_code. */
async function call(method, path, { body, headers = {} } = {}) {
  const res = await fetch(url + path, {
    method,
    headers: body === undefined ? headers : { ...JSON_TYPE, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  const answer = res.headers.get('content-type')?.includes('json') ? parse(text) : undefined
  const code = answer?.extra?.error_code ?? answer?.data?.error_code
  if (!res.ok || answer === undefined || (code !== undefined && code !== 0))
    throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 400)}`)
  return answer.data ?? answer
}

async function waitHealthy() {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/sandbox/health`)
      if (res.status === 200) return console.log(Date.now())
    } catch {
      // not listening yet
    }
    await sleep(25)
  }
  throw new Error(`no 200 from ${url}/sandbox/health within 60 s`)
}

async function till() {
  // the API docs' assets and the console ship in the image (vendor/, the compiled console)
  for (const page of ['/docs/assets/swagger-ui-bundle.js', '/sandbox/ui', '/openapi.json']) {
    const res = await fetch(url + page)
    if (res.status !== 200) throw new Error(`GET ${page} answered ${res.status}`)
  }
  const tenant = await call('POST', '/sandbox/tenants', { body: {} })
  const as = { 'x-sandbox-client-key': tenant.client_key }
  const { access_token } = await call('POST', '/oauth/client_token/', {
    body: { client_key: tenant.client_key, client_secret: tenant.client_secret, grant_type: 'client_credential' },
  })
  const token = { 'access-token': access_token }
  const pack = await call('GET', '/sandbox/examples/product_save?kind=combo_pack&bare=true', { headers: as })
  const { product_id } = await call('POST', '/goodlife/v1/goods/product/save/', { body: pack, headers: token })
  await call('POST', `/sandbox/products/${product_id}/audit`, { body: { result: 'PASS' }, headers: as })
  const order = await call('POST', '/sandbox/orders', { body: { product_id }, headers: as })
  const poi_id = tenant.poi_ids[0]
  const code = order.certificates[0].code
  const prep = await call(
    'GET',
    `/goodlife/v1/fulfilment/certificate/prepare/?code=${encodeURIComponent(code)}&poi_id=${poi_id}`,
    {
      headers: token,
    },
  )
  const encrypted_code = prep.certificates[0].encrypted_code
  const verified = await call('POST', '/goodlife/v1/fulfilment/certificate/verify/', {
    body: { verify_token: prep.verify_token, poi_id, encrypted_codes: [encrypted_code] },
    headers: token,
  })
  const result = verified.verify_results[0]
  if (result.result !== 0) throw new Error(`verify answered ${JSON.stringify(result)}`)
  const status = await certificateStatus(tenant, encrypted_code)
  writeFileSync(file, JSON.stringify({ tenant, encrypted_code, certificate_id: result.certificate_id, status }))
  console.error(`till flow: product ${product_id}, order ${order.order.order_id}, verified ${result.certificate_id}`)
}

async function certificateStatus(tenant, encrypted_code) {
  const { access_token } = await call('POST', '/oauth/client_token/', {
    body: { client_key: tenant.client_key, client_secret: tenant.client_secret, grant_type: 'client_credential' },
  })
  const got = await call(
    'GET',
    `/goodlife/v1/fulfilment/certificate/get/?encrypted_code=${encodeURIComponent(encrypted_code)}`,
    {
      headers: { 'access-token': access_token },
    },
  )
  return got.certificate.status
}

async function check() {
  const before = JSON.parse(readFileSync(file, 'utf8'))
  const { tenants } = await call('GET', '/sandbox/tenants')
  if (!tenants.some((t) => t.client_key === before.tenant.client_key))
    throw new Error(`tenant ${before.tenant.client_key} is gone after the restart`)
  const status = await certificateStatus(before.tenant, before.encrypted_code)
  if (status !== before.status)
    throw new Error(`certificate ${before.certificate_id}: status ${status} after the restart, ${before.status} before`)
  console.error(`after the restart: tenant ${before.tenant.client_key}, certificate status ${status}`)
}

/** GET /sandbox/health with this Host header (fetch cannot set Host); answers the HTTP status. */
const statusWithHost = (host) =>
  new Promise((resolve, reject) => {
    const req = request(`${url}/sandbox/health`, { headers: { host } }, (res) => {
      res.resume()
      resolve(res.statusCode)
    })
    req.on('error', reject)
    req.end()
  })

async function hosts() {
  const want = { 'douyin-sandbox:8787': 200, 'localhost:8787': 200, 'rebind.example.com': 403 }
  for (const [host, status] of Object.entries(want)) {
    const got = await statusWithHost(host)
    if (got !== status) throw new Error(`Host ${host}: HTTP ${got}, expected ${status}`)
  }
}

const modes = { wait: waitHealthy, till, check, hosts }
if (!modes[mode] || !url) {
  console.error('usage: container-flow.mjs wait|till|check|hosts URL [FILE]')
  process.exit(2)
}
await modes[mode]().catch((e) => {
  console.error(`container-flow ${mode}: ${e.message}`)
  process.exit(1)
})
