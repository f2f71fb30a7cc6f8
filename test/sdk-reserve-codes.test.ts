/** The official SDK drives 预导码: reserveCodeBatchImport and reserveCodeBindOrderInfo. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TENANT } from './helpers/harness.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { sdk, sdkSandbox, sdkClient, sdkToken } from './helpers/sdk.js'

const ACC = DEFAULT_TENANT.account_id
const ctx = sdkSandbox({ frozenAtMs: GOODS_NOW_MS })

describe('official SDK on 预导码', () => {
  it('imports codes and finds the order one was sold with', async () => {
    const b = productBody('sdk-reserve')
    b.sku.attr_key_value_map.code_source_type = '3'
    const p = await publish(ctx.api, b)
    const accessToken = await sdkToken()
    const skuId = (
      await ctx.api.get(`/goodlife/v1/goods/sku/get/?product_id=${p.product_id}`, { 'access-token': accessToken })
    ).body.data.skus[0].sku_id
    const c = sdkClient()
    const imported = await c.reserveCodeBatchImport(
      new sdk.ReserveCodeBatchImportRequest({
        accessToken,
        accountId: ACC,
        skuId,
        codes: ['SDK-1', 'SDK-2'],
        expiredTime: String(GOODS_NOW_MS / 1000 + 86400),
      }),
    )
    expect(imported.data.gwErrorCode).toBe(0)
    const o = await buy(ctx.api, { product_id: p.product_id })
    const info = await c.reserveCodeBindOrderInfo(
      new sdk.ReserveCodeBindOrderInfoRequest({ accessToken, accountId: ACC, code: 'SDK-1', skuId }),
    )
    expect(info.data.order.orderId).toBe(o.order.order_id)
    expect(info.data.order.codes).toEqual(['SDK-1'])
    const err = await c
      .reserveCodeBindOrderInfo(
        new sdk.ReserveCodeBindOrderInfoRequest({ accessToken, accountId: ACC, code: 'SDK-2', skuId }),
      )
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: '4000001' })
  })
})
