/** Wire schemas and routes of bills (douyin-api.md §6.1, 6.2, 6.4). */
import { createRoute, z } from '@hono/zod-openapi'
import { commaList, digitsIn } from '../../http/query.js'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'

const int = z.number().int()
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
const security = [{ accessToken: [] }]
const tags = ['settle']

const cateringRecord = z
  .object({
    ledger_id: z.string(),
    account_id: z.string(),
    biz_type: int,
    settle_type: int.openapi({ description: '1 总店结算, 2 分店结算, 3 区域结算' }),
    settle_sub_type: int,
    settle_type_desc: z.string(),
    settle_time: int,
    status: int.openapi({ description: '0 待分账, 2 分账成功' }),
    fund_amount_type: int.openapi({ description: '1 核销收入, 2 退款冲减 (amounts are absolute)' }),
    fund_amount: int.openapi({ description: 'merchant receivable (goods)' }),
    amount: z.record(z.string(), int),
    shop_order_id: z.string(),
    item_order_id: z.string(),
    associated_shop_order_id: z.string(),
    order_ext_id: z.string(),
    certificate_id: z.string(),
    code: z.string(),
    verify_id: z.string(),
    verify_serial_num: int,
    poi_id: z.string(),
    settle_account_poi_id: z.string(),
    verify_poi_account_id: z.string(),
    sku_id: z.string(),
    group_name: z.string(),
    flow_id: z.string(),
    bill_date: z.string(),
  })
  .openapi('CateringLedgerRecord')

export const ledgerRecord = z
  .object({
    id: z.string(),
    ledger_id: z.string(),
    account_id: z.string(),
    order_id: z.string(),
    item_order_id: z.string(),
    sku_order_id: z.string(),
    certificate: z.object({ certificate_id: z.string(), code: z.string() }),
    goods: z.object({ sku_id: z.string(), group_name: z.string(), sold_start_time: int }),
    poi_id: z.string(),
    ledger_time: int,
    status: int,
    receipt_bill_key: z.string(),
    order_attribute: z.object({ source: z.string(), room_id: z.string(), video_id: z.string() }),
    order_attrribute: z
      .object({ source: z.string(), room_id: z.string(), video_id: z.string() })
      .openapi({ description: "order_attribute again, under the SDK model's and the document example's spelling" }),
    amount: z.record(z.string(), int),
    fund_amount_type: int,
  })
  .openapi('LedgerRecord')

const certRecord = z
  .object({
    ledger_id: z.string(),
    cursor: z.string(),
    verify_id: z.string(),
    certificate_id: z.string(),
    order_id: z.string(),
    code: z.string(),
    verify_time: int,
    status: int,
    fund_amount_type: int,
    is_mall_store: z.boolean(),
    amount: z.record(z.string(), int),
    fund_amount: z.record(z.string(), int),
    sku: z.object({
      sku_id: z.string(),
      title: z.string(),
      market_price: int,
      sold_start_time: int,
      third_sku_id: z.string(),
      groupon_type: z.number().int().openapi({ description: '1 团餐券, 2 代金券, 3 次卡' }),
    }),
  })
  .openapi('CertificateLedgerRecord')

const page = <T extends z.ZodType>(name: string, item: T) =>
  envelopeOf(name, z.object({ cursor: z.string(), has_more: z.boolean(), ledger_records: z.array(item) }))

export const cateringQueryRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/settle/bill/catering_query/',
  tags,
  security,
  operationId: 'billCateringQuery',
  summary: '餐饮账单详情查询',
  request: {
    query: z
      .object({
        account_id: z.string().optional(),
        root_account_id: z.string().optional(),
        bill_date: date,
        cursor: z.string().openapi({ description: '"0" first' }),
        size: digitsIn(1, 50, 'page size'),
        withdraw_id: z.string().optional(),
        biz_type: z.string().optional(),
      })
      .refine((q) => q.account_id !== undefined || q.root_account_id !== undefined, {
        message: 'account_id or root_account_id is required',
      }),
  },
  responses: jsonResponses(page('BillCateringQuery', cateringRecord), "a page of the day's ledger records"),
})
export const ledgerQueryRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/settle/ledger/query/',
  tags,
  security,
  operationId: 'ledgerQuery',
  summary: '账单查询',
  request: {
    query: z.object({
      account_id: z.string(),
      bill_date: date.openapi({ description: '核销日期' }),
      cursor: z.string(),
      size: digitsIn(1, 50, 'page size (账单查询: 1–50)'),
    }),
  },
  responses: jsonResponses(page('LedgerQuery', ledgerRecord), "a page of the day's ledger records"),
})
export const recordByCertRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/settle/ledger/query_record_by_cert/',
  tags,
  security,
  operationId: 'queryRecordByCert',
  summary: '分账明细 (by certificate)',
  request: {
    query: z.object({
      certificate_ids: commaList(1, 50, 'certificate ids'),
      account_id: z.string().optional(),
    }),
  },
  responses: jsonResponses(
    envelopeOf('QueryRecordByCert', z.object({ records: z.array(certRecord) })),
    'the ledger records of the certificates',
  ),
})
