/** Read side of bills: the day's ledger in cursor pages, and the records of certificates. */
import type { Tenant } from '../../tenants/tenant.js'
import { fulfilmentData } from '../fulfilment/fulfilment.store.js'
import { LEDGER_INDEX, settleData, type LedgerRecord } from './settle.store.js'
import { oldestPage, run, total } from '../../store/seq-page.js'

export const SETTLE_TYPE_DESC: Record<number, string> = { 1: '总店结算', 2: '分店结算', 3: '区域结算' }

/** Records of a bill_date, oldest first; cursor "0" starts, then the answer's cursor (an offset). */
export function ledgerPage(t: Tenant, billDate: string, cursor: string, size: number) {
  const { ledgers } = settleData(t)
  const day = run(ledgers.index(LEDGER_INDEX).list(`date:${billDate}`))
  const start = Number(cursor) || 0
  const items = oldestPage(day, start, size).map((id) => ledgers.get(id)!)
  return { items, cursor: String(start + items.length), has_more: start + items.length < total([day]) }
}

export function cateringView(l: LedgerRecord, desc: Record<number, string>) {
  return {
    ledger_id: l.ledger_id,
    account_id: l.account_id,
    biz_type: 1,
    settle_type: l.settle_type,
    settle_sub_type: 0,
    settle_type_desc: desc[l.settle_type] ?? '',
    settle_time: l.ledger_time,
    status: l.status,
    fund_amount_type: l.fund_amount_type,
    fund_amount: l.amount.goods,
    amount: { ...l.amount },
    shop_order_id: l.order_id,
    item_order_id: l.item_order_id,
    associated_shop_order_id: '',
    order_ext_id: '',
    certificate_id: l.certificate_id,
    code: l.code,
    verify_id: l.verify_id,
    verify_serial_num: l.verify_serial_num ?? 0,
    poi_id: l.poi_id,
    settle_account_poi_id: l.settle_account_poi_id,
    verify_poi_account_id: l.account_id,
    sku_id: l.sku_id,
    group_name: l.group_name,
    flow_id: l.ledger_id,
    bill_date: l.bill_date,
  }
}

export function ledgerView(l: LedgerRecord) {
  return {
    id: l.ledger_id,
    ledger_id: l.ledger_id,
    account_id: l.account_id,
    order_id: l.order_id,
    item_order_id: l.item_order_id,
    sku_order_id: l.item_order_id,
    certificate: { certificate_id: l.certificate_id, code: l.code },
    goods: { sku_id: l.sku_id, group_name: l.group_name, sold_start_time: l.sold_start_time },
    poi_id: l.poi_id,
    ledger_time: l.ledger_time,
    status: l.status,
    receipt_bill_key: '',
    order_attribute: { source: '', room_id: '', video_id: '' },
    // the SDK's model (and the document's example) spell it order_attrribute: both are answered
    order_attrribute: { source: '', room_id: '', video_id: '' },
    amount: {
      original: l.amount.original,
      pay: l.amount.pay,
      coupon_pay: l.amount.coupon_pay,
      merchant_ticket: l.amount.merchant_ticket,
      goods: l.amount.goods,
      actual_insured: 0,
    },
    fund_amount_type: l.fund_amount_type,
  }
}

/** query_record_by_cert: every ledger record of the certificates. */
export function recordsByCert(t: Tenant, ids: string[]) {
  const s = settleData(t)
  const certs = fulfilmentData(t).certificates
  const records = ids.flatMap((id) =>
    (s.byCert.get(id)?.ledger_ids ?? []).map((lid) => s.ledgers.get(lid)!).filter(Boolean),
  )
  return records.map((l) => {
    const c = certs.get(l.certificate_id)
    return {
      ledger_id: l.ledger_id,
      cursor: l.ledger_id,
      verify_id: l.verify_id,
      certificate_id: l.certificate_id,
      order_id: l.order_id,
      code: l.code,
      verify_time: l.verify_time,
      status: l.status,
      fund_amount_type: l.fund_amount_type,
      is_mall_store: false,
      amount: {
        original: l.amount.original,
        pay: l.amount.pay,
        merchant_ticket: l.amount.merchant_ticket,
        actual_insured: 0,
        ledger_total: l.amount.pay + l.amount.platform_ticket + l.amount.pay_discount,
        pay_discount: l.amount.pay_discount,
      },
      fund_amount: {
        goods: l.amount.goods,
        pay_handling: 0,
        talent_commission: 0,
        total_agent_merchant: 0,
        total_merchant_platform_service: l.amount.commission,
      },
      sku: {
        sku_id: l.sku_id,
        title: l.group_name,
        market_price: c?.sku.market_price ?? 0,
        sold_start_time: l.sold_start_time,
        third_sku_id: c?.sku.third_sku_id ?? '',
        groupon_type: c?.sku.groupon_type ?? 0,
      },
    }
  })
}
