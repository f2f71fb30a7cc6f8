/**
 * Keys that are also names of Object.prototype members ("__proto__", "constructor", "toString") are ordinary
 * keys on every path of the file store: save, snapshot, restore, log replay after a crash, compaction.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'
import { GOODS_NOW_MS, productBody } from './helpers/goods.js'
import { makeSandbox, type Api } from './helpers/harness.js'

const KEYS = ['__proto__', 'constructor', 'toString']

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-keys-'))
  file = join(dir, 'sandbox.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

interface TenantCreds {
  client_key: string
  client_secret: string
  account_id: string
  pois: Array<{ poi_id: string }>
}

async function open(): Promise<{ api: Api; close: () => Promise<void> }> {
  const { api, sandbox } = await makeSandbox({ store: await openFileStore(file), frozenAtMs: GOODS_NOW_MS })
  return { api, close: () => sandbox.close() }
}

/** A crash: the sandbox is dropped without closing (its last acknowledged writes are only in the log). */
async function crash(): Promise<void> {
  await writeFile(`${file}.lock`, '999999')
}

async function saveProduct(api: Api, t: TenantCreds, outId: string, name: string): Promise<string> {
  const body = productBody(outId, name)
  body.account_id = t.account_id
  const poi = t.pois[0]!.poi_id
  body.product.pois = [{ poi_id: poi }]
  body.product.attr_key_value_map.poi_list = JSON.stringify([{ poi_id: poi }])
  const r = await api.post('/goodlife/v1/goods/product/save/', body, { 'access-token': await api.token(t) })
  expect(r.body.data.error_code, r.text).toBe(0)
  return r.body.data.product_id as string
}

async function drafts(api: Api, t: TenantCreds): Promise<Array<{ out_id: string; product_id: string; name: string }>> {
  const r = await api.get(`/goodlife/v1/goods/product/draft/query/?account_id=${t.account_id}&count=50`, {
    'access-token': await api.token(t),
  })
  expect(r.body.data.error_code, r.text).toBe(0)
  return r.body.data.products
    .map((d: { product: { out_id: string; product_id: string; product_name: string } }) => ({
      out_id: d.product.out_id,
      product_id: d.product.product_id,
      name: d.product.product_name,
    }))
    .sort((a: { out_id: string }, b: { out_id: string }) => a.out_id.localeCompare(b.out_id))
}

describe('keys named like Object.prototype members', () => {
  it('survive save, snapshot, restore, a crash (log replay), a re-save and a compaction', async () => {
    const first = await open()
    const t = (await first.api.post('/sandbox/tenants', { client_key: '__proto__' })).body.data as TenantCreds
    expect(t.client_key).toBe('__proto__')
    const ids = new Map<string, string>()
    for (const k of KEYS) ids.set(k, await saveProduct(first.api, t, k, `v1-${k}`))
    const h = { 'x-sandbox-client-key': '__proto__' }
    expect(
      (await first.api.post('/sandbox/snapshots', { name: 'before' }, h)).body.data.snapshot.records,
    ).toBeGreaterThan(0)
    for (const k of KEYS) await saveProduct(first.api, t, k, `v2-${k}`)
    await saveProduct(first.api, t, 'later', 'later')
    expect((await first.api.post('/sandbox/snapshots/before/restore', {}, h)).body.data.error_code).toBe(0)
    const restored = await drafts(first.api, t)
    expect(restored.map((d) => d.out_id).sort()).toEqual([...KEYS].sort())
    await crash()

    const second = await open()
    const replayed = await drafts(second.api, t)
    expect(replayed).toEqual(restored)
    expect(replayed.map((d) => d.name).sort()).toEqual(KEYS.map((k) => `v1-${k}`).sort())
    // the same out_id is the same product: no duplicate
    for (const k of KEYS) expect(await saveProduct(second.api, t, k, `v3-${k}`)).toBe(ids.get(k))
    expect(await drafts(second.api, t)).toHaveLength(KEYS.length)
    await second.close() // compaction: the snapshot file now holds everything

    const third = await open()
    const compacted = await drafts(third.api, t)
    expect(compacted.map((d) => [d.out_id, d.product_id, d.name])).toEqual(
      KEYS.map((k) => [k, ids.get(k), `v3-${k}`]).sort((a, b) => a[0]!.localeCompare(b[0]!)),
    )
    expect(
      (await third.api.get('/sandbox/snapshots', h)).body.data.snapshots.map((s: { name: string }) => s.name),
    ).toEqual(['before'])
    await third.close()
  })

  it('are kept by the store itself through log replay and compaction', async () => {
    const s = await openFileStore(file)
    for (const k of KEYS) {
      s.put('t:x', k, k, { [k]: k })
      s.replaceNamespace(`t:${k}`, { [k]: { [k]: { v: k } } })
    }
    await s.sync()
    await crash()
    const r = await openFileStore(file)
    for (const k of KEYS) {
      expect(r.get('t:x', k, k)).toEqual({ [k]: k })
      expect(Object.hasOwn(r.get('t:x', k, k)!, k)).toBe(true)
      expect(r.get(`t:${k}`, k, k)).toEqual({ v: k })
    }
    await r.close()
    const c = await openFileStore(file)
    for (const k of KEYS) expect(c.get(`t:${k}`, k, k)).toEqual({ v: k })
    expect(c.count('t:x', '__proto__')).toBe(1)
    await c.close()
  })
})
