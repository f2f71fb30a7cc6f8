// The sandbox's container image under Testcontainers, from a node:test suite: one container for the file, a
// fresh tenant for the test, then the till flow a merchant's backend runs (client token, a combo pack, audit,
// purchase, prepare, verify) over plain HTTP. SANDBOX_IMAGE names the image (default douyin-sandbox).
/* global fetch */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { GenericContainer, Wait } from 'testcontainers'

const IMAGE = process.env.SANDBOX_IMAGE ?? 'douyin-sandbox'
let container
let url

before(async () => {
  container = await new GenericContainer(IMAGE)
    .withExposedPorts(8787)
    .withEnvironment({ MEMORY: '1' }) // nothing written: every run starts from the fixtures
    .withWaitStrategy(Wait.forHttp('/sandbox/health', 8787).forStatusCode(200))
    .start()
  url = `http://${container.getHost()}:${container.getMappedPort(8787)}`
})

after(async () => {
  await container?.stop()
})

/** JSON.parse keeping 19-digit ids whole (as strings): the platform sends some ids as JSON numbers. */
const parse = (text) => JSON.parse(text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"'))

/** One call; answers `data` after checking the platform's envelope says success. */
async function call(method, path, { body, headers = {} } = {}) {
  const res = await fetch(url + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const answer = parse(await res.text())
  assert.equal(res.status, 200, `${method} ${path}`)
  assert.equal(answer.extra?.error_code ?? 0, 0, `${method} ${path}: ${JSON.stringify(answer)}`)
  return answer.data ?? answer
}

test('a new tenant sells a combo pack and verifies its coupon', async () => {
  const tenant = await call('POST', '/sandbox/tenants', { body: {} })
  const as = { 'x-sandbox-client-key': tenant.client_key }
  const { access_token } = await call('POST', '/oauth/client_token/', {
    body: { client_key: tenant.client_key, client_secret: tenant.client_secret, grant_type: 'client_credential' },
  })
  const token = { 'access-token': access_token }

  const pack = await call('GET', '/sandbox/examples/product_save?kind=combo_pack&bare=true', { headers: as })
  const { product_id } = await call('POST', '/goodlife/v1/goods/product/save/', { body: pack, headers: token })
  await call('POST', `/sandbox/products/${product_id}/audit`, { body: { result: 'PASS' }, headers: as })
  const { order, certificates } = await call('POST', '/sandbox/orders', { body: { product_id }, headers: as })
  assert.match(order.order_id, /^\d{19}$/)

  const poi_id = tenant.poi_ids[0]
  const code = encodeURIComponent(certificates[0].code)
  const prep = await call('GET', `/goodlife/v1/fulfilment/certificate/prepare/?code=${code}&poi_id=${poi_id}`, {
    headers: token,
  })
  const encrypted_code = prep.certificates[0].encrypted_code
  const { verify_results } = await call('POST', '/goodlife/v1/fulfilment/certificate/verify/', {
    body: { verify_token: prep.verify_token, poi_id, encrypted_codes: [encrypted_code] },
    headers: token,
  })
  assert.equal(verify_results[0].result, 0)
  assert.equal(verify_results[0].order_id, order.order_id)

  const got = await call(
    'GET',
    `/goodlife/v1/fulfilment/certificate/get/?encrypted_code=${encodeURIComponent(encrypted_code)}`,
    {
      headers: token,
    },
  )
  assert.equal(got.certificate.status, 2) // 2: verified
})
