import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT, makeSandbox } from './helpers/harness.js'
import { GOODS_NOW_MS, productBody, save } from './helpers/goods.js'
import { useReceivers } from './helpers/receiver.js'
import { errorOf, errorText } from './helpers/errors.js'

const ACC = DEFAULT_TENANT.account_id
const newReceiver = useReceivers()

async function setup() {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS })
  const token = await made.api.token()
  const rx = await newReceiver()
  await made.api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url } })
  const h = { 'access-token': token }
  const events = () =>
    rx.received.map((r) => `${r.json.event}:${(JSON.parse(r.json.content as string) as { status: string }).status}`)
  const settle = () => made.sandbox.dispatcher.settle(made.sandbox.tenants.default())
  // a fresh token per call: some tests advance the clock past the 2-hour token lifetime
  const fresh = async () => ({ 'access-token': await made.api.token() })
  const online = async (id: string) =>
    errorOf(
      (await made.api.get(`/goodlife/v1/goods/product/online/get/?account_id=${ACC}&product_ids=${id}`, await fresh()))
        .body,
    ).product_onlines[0]
  const draft = async (id: string) =>
    errorOf(
      (
        await made.api.get(
          `/goodlife/v1/goods/product/draft/get/?account_id=${ACC}&product_ids=${id}&get_draft_type=1`,
          await fresh(),
        )
      ).body,
    ).product_drafts[0]
  const operate = async (id: string, op: number) =>
    errorOf(
      (
        await made.api.post(
          '/goodlife/v1/goods/product/operate/',
          { account_id: ACC, product_id: id, op_type: op },
          await fresh(),
        )
      ).body,
    )
  return { ...made, token, h, rx, events, settle, online, draft, operate, fresh }
}

describe('product lifecycle', () => {
  it('passes the automatic audit after the configured delay and goes online, with its webhooks', async () => {
    const s = await setup()
    const id = (await save(s.api, s.token, productBody('life-1'))).data.product_id
    expect(await s.online(id)).toBeUndefined()
    const early = await s.api.post('/sandbox/clock/advance', { seconds: 59 })
    expect(early.body.data.ran).toEqual([])
    const r = await s.api.post('/sandbox/clock/advance', { seconds: 1 })
    expect(r.body.data.ran[0]).toMatchObject({ kind: 'goods.audit', result: { product_id: id, result: 'PASS' } })
    expect((await s.draft(id)).draft_status).toBe(1)
    expect(await s.online(id)).toMatchObject({
      online_status: 1,
      product: { product_id: id },
      commission_info: { platform_take_rate: 250 },
    })
    await s.settle()
    expect(s.events()).toEqual([
      'life_product_audit:PASS',
      'life_product_common_audit:PASS',
      'life_product_status_change:GOODS_ONLINE',
    ])
  })

  it('fails the audit when the name holds a forbidden word, with audit_msg, and never goes online', async () => {
    const s = await setup()
    const id = (await save(s.api, s.token, productBody('life-2', '全网第一烤鸭'))).data.product_id
    await s.api.post('/sandbox/clock/advance', { seconds: 60 })
    expect(await s.draft(id)).toMatchObject({ draft_status: 12, audit_msg: '商品名称包含违规词「全网第一」' })
    expect(await s.online(id)).toBeUndefined()
    await s.settle()
    expect(s.events()).toEqual(['life_product_audit:FAIL', 'life_product_common_audit:FAIL'])
  })

  it('lets the control plane decide the audit now, and honours the configured delay', async () => {
    const s = await setup()
    await s.api.request('PUT', '/sandbox/settings', { body: { audit_delay_seconds: 3600, audit_forbidden_words: [] } })
    const id = (await save(s.api, s.token, productBody('life-3'))).data.product_id
    const fail = await s.api.post(`/sandbox/products/${id}/audit`, { result: 'FAIL', reason: '图片不清晰' })
    expect(fail.body.data).toMatchObject({ draft_status: 12, audit_msg: '图片不清晰', online_status: 0 })
    const again = await s.api.post(`/sandbox/products/${id}/audit`, { result: 'PASS' })
    expect(errorText(again.body)).toContain('is not in audit')
    await save(s.api, s.token, productBody('life-3'))
    expect(errorOf((await s.api.get('/sandbox/clock')).body).clock.next_job_at).toBe(GOODS_NOW_MS / 1000 + 3600)
    const pass = await s.api.post(`/sandbox/products/${id}/audit`, { result: 'PASS' })
    expect(pass.body.data).toMatchObject({ draft_status: 1, online_status: 1 })
  })

  it('keeps the online version serving while an update is in audit', async () => {
    const s = await setup()
    const id = (await save(s.api, s.token, productBody('life-4', '第一版'))).data.product_id
    await s.api.post('/sandbox/clock/advance', { seconds: 60 })
    await save(s.api, s.token, productBody('life-4', '第二版'))
    expect(await s.draft(id)).toMatchObject({ draft_status: 10, product: { product_name: '第二版' } })
    expect(await s.online(id)).toMatchObject({ online_status: 1, product: { product_name: '第一版' } })
    await s.api.post('/sandbox/clock/advance', { seconds: 60 })
    expect((await s.online(id)).product.product_name).toBe('第二版')
  })

  it('stays offline after the audit when auto_online is false, until operate puts it online', async () => {
    const s = await setup()
    const b = productBody('life-5')
    b.product.product_ext = { auto_online: false }
    const id = (await save(s.api, s.token, b)).data.product_id
    expect((await s.operate(id, 1)).description).toContain('has not passed audit yet')
    await s.api.post('/sandbox/clock/advance', { seconds: 60 })
    expect((await s.online(id)).online_status).toBe(2)
    expect((await s.operate(id, 1)).error_code).toBe(0)
    expect((await s.online(id)).online_status).toBe(1)
    expect((await s.operate(id, 2)).error_code).toBe(0)
    expect((await s.online(id)).online_status).toBe(2)
    expect((await s.operate(id, 2)).description).toContain('is not online')
    await s.settle()
    expect(s.events().slice(2)).toEqual([
      'life_product_status_change:GOODS_ONLINE',
      'life_product_status_change:GOODS_OFFLINE',
    ])
  })

  it('takes a product offline when its sale window ends, and refuses to put it back', async () => {
    const s = await setup()
    const b = productBody('life-6')
    b.product.sold_end_time = GOODS_NOW_MS / 1000 + 86400
    const id = (await save(s.api, s.token, b)).data.product_id
    await s.api.post('/sandbox/clock/advance', { seconds: 60 })
    const r = await s.api.post('/sandbox/clock/advance', { seconds: 86400 })
    expect(r.body.data.ran.map((j: { kind: string }) => j.kind)).toContain('goods.sold_end')
    expect((await s.online(id)).online_status).toBe(2)
    expect((await s.operate(id, 1)).description).toContain('stopped selling at sold_end_time')
    await s.settle()
    expect(s.events().at(-1)).toBe('life_product_status_change:GOODS_OFFLINE')
  })

  it('edits sale end, stock and price through free_audit without an audit', async () => {
    const s = await setup()
    const id = (await save(s.api, s.token, productBody('life-7'))).data.product_id
    await s.api.post('/sandbox/clock/advance', { seconds: 60 })
    const end = GOODS_NOW_MS / 1000 + 30 * 86400
    const r = await s.api.post(
      '/goodlife/v1/goods/product/free_audit/',
      { account_id: ACC, product_id: id, sold_end_time: end, stock_qty: 80, actual_amount: 900 },
      await s.fresh(),
    )
    expect(r.body.data.error_code).toBe(0)
    const d = await s.draft(id)
    expect(d.draft_status).toBe(100)
    const o = await s.online(id)
    expect(o.product.sold_end_time).toBe(end)
    expect(o.sku).toMatchObject({ actual_amount: 900, stock: { stock_qty: 80, avail_qty: 80 } })
    const past = await s.api.post(
      '/goodlife/v1/goods/product/free_audit/',
      { account_id: ACC, product_id: id, sold_end_time: 1 },
      await s.fresh(),
    )
    expect(errorText(past.body)).toContain('sold_end_time (1) is already past')
    const dear = await s.api.post(
      '/goodlife/v1/goods/product/free_audit/',
      { account_id: ACC, product_id: id, actual_amount: 99999 },
      await s.fresh(),
    )
    expect(errorText(dear.body)).toContain("above the sku's origin_amount")
  })

  it('syncs stock keeping stock_qty = avail_qty + frozen_qty + sold_qty', async () => {
    const s = await setup()
    const id = (await save(s.api, s.token, productBody('life-8'))).data.product_id
    const sync = async (stock: object) =>
      s.api.post('/goodlife/v1/goods/stock/sync/', { account_id: ACC, out_id: 'life-8', stock }, await s.fresh())
    expect(errorOf((await sync({ limit_type: 1, stock_qty: 42 })).body).error_code).toBe(0)
    expect((await s.draft(id)).sku.stock).toEqual({
      limit_type: 1,
      stock_qty: 42,
      avail_qty: 42,
      frozen_qty: 0,
      sold_qty: 0,
      sold_count: 0,
    })
    const bad = await sync({ limit_type: 1, stock_qty: 42, avail_qty: 40 })
    expect(errorText(bad.body)).toContain('stock.avail_qty 40 does not fit')
    expect(errorOf((await sync({ limit_type: 2, stock_qty: 0 })).body).error_code).toBe(0)
    expect((await s.draft(id)).sku.stock.limit_type).toBe(2)
    const akte = await s.api.post(
      '/goodlife/v1/akte/goods/stock/sync/',
      { account_id: ACC, product_id: '7000000000000000999', stock: { limit_type: 1, stock_qty: 1 } },
      await s.fresh(),
    )
    expect(errorOf(akte.body)).toMatchObject({
      error_code: 4000001,
      description: expect.stringContaining('product_id 7000000000000000999'),
    })
  })
})

describe('product lists', () => {
  it('pages drafts and online products by cursor and count, with status filters', async () => {
    const s = await setup()
    const ids: string[] = []
    for (let i = 0; i < 7; i++)
      ids.push(
        (await save(s.api, s.token, productBody(`list-${i}`, i === 6 ? '违禁套餐' : `套餐${i}`))).data.product_id,
      )
    const page1 = errorOf(
      (await s.api.get(`/goodlife/v1/goods/product/draft/query/?account_id=${ACC}`, await s.fresh())).body,
    )
    expect(page1.products.map((p: { product: { product_id: string } }) => p.product.product_id)).toEqual(
      ids.slice(0, 5),
    )
    expect(page1).toMatchObject({ has_more: true, next_cursor: '5' })
    const page2 = errorOf(
      (await s.api.get(`/goodlife/v1/goods/product/draft/query/?account_id=${ACC}&cursor=5&count=5`, await s.fresh()))
        .body,
    )
    expect(page2.products).toHaveLength(2)
    expect(page2.has_more).toBe(false)
    await s.api.post('/sandbox/clock/advance', { seconds: 60 })
    const failed = errorOf(
      (await s.api.get(`/goodlife/v1/goods/product/draft/query/?account_id=${ACC}&status=12`, await s.fresh())).body,
    )
    expect(failed.products.map((p: { product: { product_id: string } }) => p.product.product_id)).toEqual([ids[6]])
    const online = errorOf(
      (await s.api.get(`/goodlife/v1/goods/product/online/query/?account_id=${ACC}&count=50&status=1`, await s.fresh()))
        .body,
    )
    expect(online.products).toHaveLength(6)
    const byName = errorOf(
      (
        await s.api.get(
          `/goodlife/v1/goods/product/online/query/?account_id=${ACC}&product_name=${encodeURIComponent('套餐3')}`,
          await s.fresh(),
        )
      ).body,
    )
    expect(byName.products.map((p: { product: { product_id: string } }) => p.product.product_id)).toEqual([ids[3]])
    const akte = errorOf(
      (await s.api.get(`/goodlife/v1/akte/goods/product/online/query/?account_id=${ACC}&count=2`, await s.fresh()))
        .body,
    )
    expect(akte).toMatchObject({ has_more: true, next_cursor: '2' })
  })

  it('gets by comma-joined product_ids or out_ids, at most 10', async () => {
    const s = await setup()
    const a = (await save(s.api, s.token, productBody('get-a'))).data.product_id
    const b = (await save(s.api, s.token, productBody('get-b'))).data.product_id
    const byIds = errorOf(
      (await s.api.get(`/goodlife/v1/goods/product/draft/get/?product_ids=${a},${b}`, await s.fresh())).body,
    ).product_drafts
    expect(byIds.map((d: { product: { product_id: string } }) => d.product.product_id)).toEqual([a, b])
    const byOut = errorOf(
      (await s.api.get('/goodlife/v1/akte/goods/product/draft/get/?out_ids=get-b,nope', await s.fresh())).body,
    ).product_drafts
    expect(byOut.map((d: { product: { out_id: string } }) => d.product.out_id)).toEqual(['get-b'])
    const eleven = Array.from({ length: 11 }, (_, i) => `o${i}`).join(',')
    expect(
      errorText(
        (await s.api.get(`/goodlife/v1/goods/product/online/get/?account_id=${ACC}&out_ids=${eleven}`, await s.fresh()))
          .body,
      ),
    ).toContain('at most 10')
  })
})
