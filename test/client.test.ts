/** The typed client and startSandbox(), used the way a user's suite would. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SandboxApiError, startSandbox, type RunningSandbox } from '../src/client/index.js'
import { productBody } from './helpers/goods.js'

let sb: RunningSandbox
beforeAll(async () => {
  sb = await startSandbox({ frozenAt: '2022-06-01T00:00:00+08:00', seed: 'my-suite' })
})
afterAll(async () => {
  await sb.close()
})

describe('startSandbox() and SandboxClient', () => {
  it('runs a sandbox on a free port with the default tenant ready', async () => {
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sb.defaultTenant).toMatchObject({ client_key: 'awsandboxdefault', is_default: true })
    expect((await sb.client.health()).status).toBe('ok')
    expect((await sb.client.clock()).iso).toBe('2022-05-31T16:00:00.000Z')
  })

  it('publishes, buys, verifies and advances time through one client', async () => {
    const c = sb.client
    const saved = await c.platform('POST', '/goodlife/v1/goods/product/save/', productBody('client-demo'))
    await c.auditProduct(saved.product_id, 'PASS')
    const { order, certificates } = await c.buy({ product_id: saved.product_id, count: 2 })
    const prep = await c.platform('GET', `/goodlife/v1/fulfilment/certificate/prepare/?code=${certificates[0].code}`)
    const v = await c.platform('POST', '/goodlife/v1/fulfilment/certificate/verify/', { verify_token: prep.verify_token, poi_id: sb.defaultTenant.poi_ids[0], encrypted_codes: [certificates[0].encrypted_code] })
    expect(v.verify_results[0].result).toBe(0)
    await c.advance(3601)
    const orders = await c.platform('GET', `/goodlife/v1/trade/order/query/?account_id=${sb.defaultTenant.account_id}&order_id=${order.order_id}&page_num=1&page_size=1`)
    expect(orders.orders[0].certificate.map((x: { item_status: number }) => x.item_status)).toEqual([1, 100])
    expect((await c.journal({ path: '/verify/' })).count).toBe(1)
  })

  it('throws SandboxApiError with the platform code', async () => {
    const err = await sb.client.platform('POST', '/goodlife/v1/goods/product/operate/', { account_id: sb.defaultTenant.account_id, product_id: '7000000000000000001', op_type: 1 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SandboxApiError)
    expect(err).toMatchObject({ errorCode: 4000001, status: 200 })
  })

  it('gives each suite its own tenant', async () => {
    const mine = await sb.client.createTenant({ client_key: 'suite-42' })
    const c = sb.client.as(mine)
    const before = { mine: (await c.clock()).now, other: (await sb.client.clock()).now }
    await c.advance(100)
    expect((await c.clock()).now - before.mine).toBe(100)
    expect((await sb.client.clock()).now).toBe(before.other)
    await c.snapshot('start')
    expect((await c.restore('start')).snapshot.name).toBe('start')
  })
})
