/** GET /sandbox/examples/product_save: bodies a merchant in any language can start from, valid at the tenant's now. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_KINDS } from '../src/admin/sandbox-goods.contract.js'
import { startSandbox, type RunningSandbox } from '../src/testing/index.js'

let sb: RunningSandbox
beforeAll(async () => {
  sb = await startSandbox({ frozenAt: '2030-07-01T09:00:00+08:00' })
})
afterAll(async () => {
  await sb.close()
})

describe('example product bodies', () => {
  it('gives a body of every kind that product/save accepts, each with a new out_id', async () => {
    const t = await sb.newTenant()
    const outIds = new Set<string>()
    for (const kind of EXAMPLE_KINDS) {
      const { body } = await t.client.op.sandboxExampleProductSave({ kind, refund_mode: '1' })
      const saved = await t.client.op.goodsProductSave(body as never)
      expect(saved.product_id, kind).toMatch(/^\d+$/)
      outIds.add(String((body.product as { out_id: string }).out_id))
    }
    expect(outIds.size).toBe(EXAMPLE_KINDS.length)
  })

  it('answers the bare body with bare=true, so curl can pipe it into product/save', async () => {
    const t = await sb.newTenant()
    const res = await fetch(`${sb.url}/sandbox/examples/product_save?kind=combo_pack&bare=true`, {
      headers: { 'x-sandbox-client-key': t.credentials.client_key },
    })
    const body = (await res.json()) as {
      account_id: string
      product: { product_form_type: number; attr_key_value_map: { combination_rule: string } }
    }
    expect(body.account_id).toBe(t.credentials.account_id)
    expect(body.product.product_form_type).toBe(2)
    expect(JSON.parse(body.product.attr_key_value_map.combination_rule)).toMatchObject({ refund_mode: 2 })
  })

  it('names the field of a bad kind', async () => {
    const err = await sb.client.attempt('sandboxExampleProductSave', { kind: 'lottery' as never })
    expect(err.ok).toBe(false)
    if (!err.ok) expect(err.error.subDescription).toContain('kind')
  })
})
