/**
 * Bill files (离线分账单, 离线返佣账单): the platform answers download URLs of .xlsx files; the sandbox builds the
 * file from its ledger when it is downloaded and serves it under /sandbox/files/bills/, behind a signed URL that
 * expires after 31 days of virtual time (as the documents' example URLs do).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { platformError } from '../../core/errors.js'
import type { Tenant } from '../../tenants/tenant.js'
import { ledgersOfDay } from './settle.store.js'
import { SETTLE_TYPE_DESC } from './settle.views.js'
import { xlsx } from './xlsx.js'

export type BillKind = 'ledger' | 'rebate'
/** A download link stays valid this long (virtual seconds). */
export const LINK_TTL_SECONDS = 31 * 86400

export const LEDGER_FILE_HEADER = [
  '账单ID',
  '账单日期',
  '结算类型',
  '款项类型',
  '订单号',
  '券ID',
  '券码',
  '核销ID',
  '核销时间',
  '核销门店ID',
  '商品ID',
  '商品名称',
  '原价(分)',
  '用户实付(分)',
  '商家营销(分)',
  '平台补贴(分)',
  '平台服务费(分)',
  '商家应得(分)',
  '分账状态',
  '分账时间',
] as const
export const REBATE_FILE_HEADER = ['返佣单ID', '月份', '订单号', '返佣金额(分)'] as const

const FUND = { 1: '核销收入', 2: '退款冲减' } as Record<number, string>
const STATUS = { 0: '待分账', 1: '分账中', 2: '分账成功', 3: '分账失败', 4: '废弃' } as Record<number, string>

/** The rows of the ledger file of a day: the records of that bill_date (as catering_query answers them). */
export function ledgerFileRows(t: Tenant, day: string): Array<Array<string | number>> {
  const records = ledgersOfDay(t, day)
  return [
    [...LEDGER_FILE_HEADER],
    ...records.map((l) => [
      l.ledger_id,
      l.bill_date,
      SETTLE_TYPE_DESC[l.settle_type] ?? '',
      FUND[l.fund_amount_type] ?? '',
      l.order_id,
      l.certificate_id,
      l.code,
      l.verify_id,
      l.verify_time,
      l.poi_id,
      l.sku_id,
      l.group_name,
      l.amount.original,
      l.amount.pay,
      l.amount.merchant_ticket,
      l.amount.platform_ticket,
      l.amount.commission,
      l.amount.goods,
      STATUS[l.status] ?? '',
      l.ledger_time,
    ]),
  ]
}

/** The file's bytes: the day's ledger, or the month's rebates (the sandbox has none: the header only). */
export function billFile(t: Tenant, kind: BillKind, period: string): Buffer {
  return kind === 'ledger' ? xlsx('分账单', ledgerFileRows(t, period)) : xlsx('返佣账单', [[...REBATE_FILE_HEADER]])
}

const pathOf = (t: Tenant, kind: BillKind, period: string) =>
  `/sandbox/files/bills/${t.record.client_key}/${kind}/${period}.xlsx`

function sign(t: Tenant, path: string, expires: number): string {
  return createHmac('sha256', t.record.client_secret).update(`${path}|${expires}`).digest('base64url')
}

/** The signed download URL of a file, on the origin the request came to. */
export function billFileUrl(t: Tenant, origin: string, kind: BillKind, period: string): string {
  const path = pathOf(t, kind, period)
  const expires = t.clock.now() + LINK_TTL_SECONDS
  return `${origin}${path}?x-expires=${expires}&x-signature=${sign(t, path, expires)}`
}

/** Checks a download link; throws (HTTP 403) when its signature is wrong or it expired. */
export function checkLink(t: Tenant, kind: BillKind, period: string, expires: string, signature: string): void {
  const path = pathOf(t, kind, period)
  const want = Buffer.from(sign(t, path, Number(expires)))
  const got = Buffer.from(signature)
  if (!/^\d+$/.test(expires) || want.length !== got.length || !timingSafeEqual(want, got))
    throw platformError('INVALID_PARAMS', 'x-signature does not match this file link', { status: 403 })
  if (t.clock.now() > Number(expires))
    throw platformError('STATE_CONFLICT', `the file link expired at ${expires} (virtual now ${t.clock.now()})`, {
      status: 403,
    })
}
