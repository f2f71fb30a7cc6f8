import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'
import type { Store } from '../src/store/store.js'
import { DEFAULT_TENANT, makeSandbox, type Api } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'

// The list and query APIs page from indexes kept in memory (src/store/seq-index.ts): these check that every page
// stays what it was across writes, snapshot restore, tenant reset, a restart and a replayed log.
const ACC = DEFAULT_TENANT.account_id
const POI = DEFAULT_TENANT.poi_id
const DAY = '2022-06-01'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-indexes-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function open(file: string) {
  const store = await openFileStore(file)
  return { store, ...(await makeSandbox({ store, frozenAtMs: GOODS_NOW_MS })) }
}

/** Every list and query page worth comparing, by the order ids bought so far. */
async function pages(api: Api, orderIds: string[]): Promise<unknown[]> {
  const h = { 'access-token': await api.token() }
  const get = async (path: string) => (await api.get(path, h)).body.data
  const vr = `/goodlife/v1/fulfilment/certificate/verify_record/query/?account_id=${ACC}&size=2`
  const first = (await get(`${vr}&cursor=0`)) as { records: Array<{ cursor: string }> }
  const out: unknown[] = [first]
  for (const path of [
    `${vr}&cursor=${first.records[1]?.cursor ?? '0'}`,
    `${vr}&cursor=0&poi_ids=${POI},${POI}`,
    `${vr}&cursor=0&start_time=1654012800&end_time=1654016400`,
    `/goodlife/v1/trade/order/query/?account_id=${ACC}&order_status=201&page_num=1&page_size=2`,
    `/goodlife/v1/trade/order/query/?account_id=${ACC}&order_status=201&page_num=2&page_size=2`,
    `/goodlife/v1/trade/order/query/?account_id=${ACC}&create_order_start_time=1654012800&create_order_end_time=1654099200&page_num=1&page_size=3`,
    `/goodlife/v1/trade/order/query/?account_id=${ACC}&update_order_start_time=1654012800&update_order_end_time=1654099200&page_num=1&page_size=3`,
    `/goodlife/v1/akte/after_sale/order/query/?account_id=${ACC}&page_size=2&cursor=0`,
    `/goodlife/v1/akte/after_sale/order/query/?account_id=${ACC}&page_size=2&cursor=1&refund_status=2`,
    `/goodlife/v1/settle/ledger/query/?account_id=${ACC}&bill_date=${DAY}&size=2&cursor=0`,
    `/goodlife/v1/settle/bill/catering_query/?account_id=${ACC}&bill_date=${DAY}&size=2&cursor=1`,
    `/goodlife/v1/goods/product/draft/query/?account_id=${ACC}&count=2&status=1`,
    `/goodlife/v1/goods/product/online/query/?account_id=${ACC}&count=2&status=1`,
    ...orderIds.flatMap((id) => [
      `/goodlife/v1/akte/after_sale/order_detail/get/?account_id=${ACC}&order_id=${id}`,
      `/goodlife/v1/settle/ledger/query_by_order/?account_id=${ACC}&order_ids=${id}`,
    ]),
  ])
    out.push(await get(path))
  return out
}

let products = 0

/** Buys `n` orders of 3 coupons, verifies two of each, lets the ledger records come and refunds the last order. */
async function trade(api: Api, n: number): Promise<string[]> {
  const body = productBody(`idx-${++products}`)
  body.product.attr_key_value_map.RefundPolicy = '1'
  body.product.attr_key_value_map.refund_need_merchant_confirm = 'false'
  const p = await publish(api, body)
  const h = { 'access-token': await api.token() }
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const o = await buy(api, { product_id: p.product_id, count: 3 })
    ids.push(o.order.order_id)
    const prep = (await api.get(`/goodlife/v1/fulfilment/certificate/prepare/?code=${o.certificates[0].code}`, h)).body
      .data
    const encrypted_codes = prep.certificates.slice(0, 2).map((c: { encrypted_code: string }) => c.encrypted_code)
    await api.post(
      '/goodlife/v1/fulfilment/certificate/verify/',
      { verify_token: prep.verify_token, poi_id: POI, encrypted_codes },
      h,
    )
  }
  await api.post('/sandbox/clock/advance', { seconds: 3601 })
  const refund = await api.post('/sandbox/refunds', { order_id: ids.at(-1) })
  expect(refund.body.data.error_code).toBe(0)
  return ids
}

const settle = async (store: Store) => {
  await store.sync()
  await store.settled()
}

describe('query pages from indexes', () => {
  it('stay the same across snapshot restore, reset, restart and a replayed log', async () => {
    const file = join(dir, 'sandbox.json')
    let s = await open(file)
    const empty = await pages(s.api, [])
    const ids = await trade(s.api, 3)
    const one = await pages(s.api, ids)
    const [verified, , , , byStatus, , , , afterSales, , ledger] = one as Array<Record<string, unknown[]>>
    for (const page of [verified!.records, byStatus!.orders, afterSales!.after_sale_order_list, ledger!.ledger_records])
      expect(page!.length, JSON.stringify(one)).toBeGreaterThan(0)
    await s.api.post('/sandbox/snapshots', { name: 'one' })
    const more = [...ids, ...(await trade(s.api, 2))]
    const two = await pages(s.api, more)
    expect(two.slice(0, 4)).not.toEqual(one.slice(0, 4))

    // replay: a copy of the files as they are now, opened without a compaction, replays the log
    await settle(s.store)
    const copy = join(dir, 'copy.json')
    await copyFile(file, copy)
    await copyFile(`${file}.wal`, `${copy}.wal`)
    const replayed = await open(copy)
    expect(await pages(replayed.api, more)).toEqual(two)
    await replayed.sandbox.close()

    await s.api.post('/sandbox/snapshots/one/restore')
    expect(await pages(s.api, ids)).toEqual(one)
    await s.sandbox.close()

    s = await open(file)
    expect(await pages(s.api, ids)).toEqual(one)
    await s.api.post('/sandbox/reset')
    expect(await pages(s.api, [])).toEqual(empty)
    await s.sandbox.close()
    s = await open(file)
    expect(await pages(s.api, [])).toEqual(empty)
    await s.sandbox.close()
  })
})
