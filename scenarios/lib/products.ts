/** Product bodies for scenarios (the testing kit's builders), as a merchant would send them, and till steps. */
import { productBuilders, type PackItem } from '../../src/domains/goods/product.examples.js'
import type { Json } from './json.js'

/** What these steps use of a scenario's context (lib/scenario.ts ScenarioContext). */
export interface StepContext {
  readonly tenant: { account_id: string; poi_ids: string[] }
  /** the tenant's virtual now when the scenario started, Unix seconds */
  readonly startedAt: number
  api(method: string, path: string, body?: unknown): Promise<Json>
  advance(seconds: number): Promise<Json[]>
  expect(ok: boolean, expected: string, actual?: unknown): void
  ok(data: Json, what: string): Json
}

/** 2022-06-01 00:00 Beijing: inside seed 003's example sale window; every scenario tenant starts frozen here. */
export const SCENARIO_START = '2022-06-01T00:00:00+08:00'

export type Item = PackItem

/** The testing kit's builders for this scenario's tenant, at the scenario's start time. */
function builders(ctx: StepContext) {
  return productBuilders({
    account_id: ctx.tenant.account_id,
    poi_ids: ctx.tenant.poi_ids,
    now: ctx.startedAt,
  })
}

/** An ordinary 团购 product for this tenant; `attrs` override product attributes, `skuAttrs` sku attributes. */
export function product(
  ctx: StepContext,
  outId: string,
  name: string,
  attrs: Record<string, string> = {},
  skuAttrs: Record<string, string> = {},
): Json {
  return builders(ctx).groupon({ out_id: outId, name, attrs, sku_attrs: skuAttrs })
}

/** A combo pack (product_form_type 2) of `items`, priced at their sum. */
export function pack(
  ctx: StepContext,
  outId: string,
  name: string,
  items: PackItem[],
  refundMode: 1 | 2,
  attrs: Record<string, string> = {},
): Json {
  return builders(ctx).comboPack({ out_id: outId, name, items, refund_mode: refundMode, attrs })
}

/** Saves a product and waits (on the clock) for its automatic audit; returns the save answer. */
export async function publish(ctx: StepContext, body: Json): Promise<Json> {
  const saved = ctx.ok(await ctx.api('POST', '/goodlife/v1/goods/product/save/', body), 'product/save')
  await ctx.advance(60)
  const online = await ctx.api(
    'GET',
    `/goodlife/v1/goods/product/online/get/?account_id=${ctx.tenant.account_id}&product_ids=${saved.product_id}`,
  )
  ctx.expect(online.product_onlines?.[0]?.online_status === 1, 'the product to be online after its audit', online)
  return saved
}

/** prepare + verify of the first `n` usable coupons of the order holding `code`. */
export async function verifyAtTill(ctx: StepContext, code: string, n: number): Promise<Json[]> {
  const prep = ctx.ok(
    await ctx.api('GET', `/goodlife/v1/fulfilment/certificate/prepare/?code=${code}&poi_id=${ctx.tenant.poi_ids[0]}`),
    'certificate/prepare',
  )
  const codes = (prep.certificates as Json[]).slice(0, n).map((c) => c.encrypted_code)
  const v = ctx.ok(
    await ctx.api('POST', '/goodlife/v1/fulfilment/certificate/verify/', {
      verify_token: prep.verify_token,
      poi_id: ctx.tenant.poi_ids[0],
      encrypted_codes: codes,
    }),
    'certificate/verify',
  )
  ctx.expect(
    (v.verify_results as Json[]).every((r) => r.result === 0),
    `all ${n} coupons verified`,
    v.verify_results,
  )
  return v.verify_results
}

/** Certificate statuses of an order, in order. */
export async function statuses(ctx: StepContext, orderId: string): Promise<number[]> {
  const q = await ctx.api('GET', `/goodlife/v1/fulfilment/certificate/query/?order_id=${orderId}`)
  return (q.certificates as Json[]).map((c) => c.status)
}
