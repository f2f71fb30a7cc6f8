/**
 * More read sides of the ledger: 账单详细查询 (detailed_query, the KA amounts), the records of orders
 * (query_by_order, detailed_query_by_order) and 分账明细查询-by券码 (query_record_by_subfulfil).
 */
import { invalidParams } from '../../core/errors.js'
import { settingsOf } from '../../tenants/settings.js'
import type { Tenant } from '../../tenants/tenant.js'
import { fulfilmentData } from '../fulfilment/fulfilment.store.js'
import { LEDGER_INDEX, settleData, type LedgerRecord } from './settle.store.js'
import { ledgerView } from './settle.views.js'
import { commaItems } from '../../core/lists.js'

/** ledger/detailed_query's amount: the general one plus the KA breakdown (douyin-api.md §6.3). */
export function detailedAmount(l: LedgerRecord) {
  const a = l.amount
  return {
    original: a.original,
    pay: a.pay,
    coupon_pay: a.coupon_pay,
    merchant_ticket: a.merchant_ticket,
    goods: a.goods,
    actual_insured: 0,
    platform_ticket: a.platform_ticket,
    ledger_platform_ticket: a.platform_ticket,
    ledger_total: a.pay + a.platform_ticket + a.pay_discount,
    pay_discount: a.pay_discount,
    total_merchant_platform_service: a.commission,
    total_agent_merchant: 0,
    total_operation_agent: 0,
    talent_commission: 0,
    institution_commission: 0,
    // parts of delivery (外卖), tips, crafts-men, brokers and mall stores: none in the sandbox's vouchers
    merchant_tip: 0,
    platform_duty_tip: 0,
    clerk_commission: 0,
    broker_commission: 0,
    crafts_man: 0,
    thrid_party_commission: 0,
    mall_store_goods: 0,
    merchant_freight: 0,
    merchant_cancel_freight: 0,
    platform_duty_freight: 0,
    user_deliv_coupon_pay: 0,
    user_deliv_merchant_subsidy: 0,
    user_deliv_platform_subsidy: 0,
  }
}

export function detailedView(t: Tenant, l: LedgerRecord) {
  const base = ledgerView(l)
  const marketPrice = fulfilmentData(t).certificates.get(l.certificate_id)?.sku.market_price ?? 0
  return {
    ...base,
    goods: { ...base.goods, market_price: marketPrice },
    is_mall_store: false,
    amount: detailedAmount(l),
  }
}

/** The order ids of a comma-separated list, 1–50. */
export function orderIds(raw: string): string[] {
  const ids = commaItems(raw)
  if (ids.length < 1 || ids.length > 50) throw invalidParams(`order_ids takes 1–50 ids, got ${ids.length}`)
  return ids
}

/** query_by_order / detailed_query_by_order: every record of the orders, keyed by ledger_id. */
export function recordsByOrder(t: Tenant, ids: string[], detailed: boolean) {
  const certs = fulfilmentData(t).certificates
  const { ledgers } = settleData(t)
  const ix = ledgers.index(LEDGER_INDEX)
  const records = [...new Set(ids)]
    .flatMap((id) => ix.list(`order:${id}`).ids.map((lid) => ledgers.get(lid)!))
    .sort((a, b) => a.seq - b.seq)
  const ledger_records: Record<string, unknown> = {}
  for (const l of records) {
    const c = certs.get(l.certificate_id)
    ledger_records[l.ledger_id] = {
      cursor: l.ledger_id,
      ledger_id: l.ledger_id,
      account_id: l.account_id,
      verify_id: l.verify_id,
      certificate_id: l.certificate_id,
      order_id: l.order_id,
      verify_time: l.verify_time,
      status: l.status,
      code: l.code,
      fund_amount_type: l.fund_amount_type,
      amount: detailed
        ? detailedAmount(l)
        : {
            original: l.amount.original,
            pay: l.amount.pay,
            merchant_ticket: l.amount.merchant_ticket,
            goods: l.amount.goods,
            pay_handling: 0,
            talent_commission: 0,
          },
      goods: {
        sku_id: l.sku_id,
        title: l.group_name,
        market_price: c?.sku.market_price ?? 0,
        sold_start_time: l.sold_start_time,
      },
    }
  }
  return { ledger_records, ledger_second_records: {} }
}

/** query_record_by_subfulfil: the records of coupons (sub_fulfil_id = certificate_ids, comma-separated, 1–50). */
export function recordsBySubfulfil(t: Tenant, raw: string) {
  const s = settleData(t)
  const rate = Math.round(settingsOf(t).commission_rate_percent * 100)
  const ids = commaItems(raw)
  if (ids.length < 1 || ids.length > 50) throw invalidParams(`sub_fulfil_id takes 1–50 ids, got ${ids.length}`)
  const records = ids.flatMap((id) => (s.byCert.get(id)?.ledger_ids ?? []).map((lid) => s.ledgers.get(lid)!))
  return {
    records: records.map((l) => ({
      ledger_id: l.ledger_id,
      withdraw_id: '0',
      account_id: l.settle_account_poi_id ? l.account_id : t.record.account_id,
      account_name: t.record.account_name,
      sku_type: 1,
      sku_id: l.sku_id,
      pay_amount: l.amount.pay,
      biz_time: l.verify_time,
      ledger_platform_ticket: l.amount.platform_ticket,
      commission_base_amount: l.amount.original - l.amount.merchant_ticket,
      item_order_id: l.item_order_id,
      shop_order_id: l.order_id,
      sub_fulfil_id: l.certificate_id,
      fund_amount_type: l.fund_amount_type,
      ledger_datail_map: {
        goods: { amount: l.amount.goods, commission_ratio: 0 },
        merchant_platform_commission: { amount: l.amount.commission, commission_ratio: rate },
        pay_handling: { amount: 0, commission_ratio: 0 },
      },
    })),
  }
}
