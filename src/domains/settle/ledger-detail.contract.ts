/** Wire schemas and routes of detailed_query, query_by_order, detailed_query_by_order and query_record_by_subfulfil. */
import { createRoute, z } from '@hono/zod-openapi'
import { digitsIn } from '../../http/query.js'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { withExample } from '../../http/route-examples.js'
import { ledgerRecord } from './settle.contract.js'

const int = z.number().int()
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
const security = [{ accessToken: [] }]
const tags = ['settle']
const amounts = z.record(z.string(), int).openapi({ description: 'fen, absolute; fund_amount_type gives the sign' })

const detailedRecord = ledgerRecord
  .extend({
    goods: z.object({ sku_id: z.string(), group_name: z.string(), sold_start_time: int, market_price: int }),
    is_mall_store: z.boolean().openapi({ description: 'false: the sandbox has no mall stores' }),
    amount: amounts,
  })
  .openapi('DetailedLedgerRecord')

const orderRecord = z
  .object({
    cursor: z.string(),
    ledger_id: z.string(),
    account_id: z.string(),
    verify_id: z.string(),
    certificate_id: z.string(),
    order_id: z.string(),
    verify_time: int,
    status: int,
    code: z.string(),
    fund_amount_type: int,
    amount: amounts,
    goods: z.object({ sku_id: z.string(), title: z.string(), market_price: int, sold_start_time: int }),
  })
  .openapi('OrderLedgerRecord')

const subfulfilRecord = z
  .object({
    ledger_id: z.string(),
    withdraw_id: z.string(),
    account_id: z.string(),
    account_name: z.string(),
    sku_type: int,
    sku_id: z.string(),
    pay_amount: int,
    biz_time: int.openapi({ description: '履约完成时间 (the verification), seconds' }),
    ledger_platform_ticket: int,
    commission_base_amount: int.openapi({ description: '抽佣基数: original − merchant_ticket' }),
    item_order_id: z.string(),
    shop_order_id: z.string(),
    sub_fulfil_id: z.string().openapi({ description: '子履约单id (the certificate_id)' }),
    fund_amount_type: int,
    ledger_datail_map: z
      .record(z.string(), z.object({ amount: int, commission_ratio: int }))
      .openapi({ description: 'goods, merchant_platform_commission, pay_handling; commission_ratio in ‱' }),
  })
  .openapi('SubfulfilLedgerRecord')

const DAY_RECORDS = [
  'The ledger records whose bill_date (the Beijing date of the verification) is `bill_date`, oldest first, by cursor',
  '(an offset): one income record (fund_amount_type 1) per verification that stood past its hour, one reversal (2)',
  'per refund of a billed coupon; `status` 0 → 2 after settle_delay_seconds.',
].join(' ')

export const detailedQueryRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/settle/ledger/detailed_query/',
  tags,
  security,
  operationId: 'ledgerDetailedQuery',
  summary: '账单详细查询',
  description: [
    `${DAY_RECORDS} The same records as ledger/query with the KA amount breakdown (platform_ticket, ledger_total,`,
    'total_merchant_platform_service = the commission, …). Reads the ledger only.',
    '',
    'Errors: 2100005 (account_id, bill_date, cursor or size missing; size outside 1–50), 2119005 (another account).',
  ].join('\n'),
  request: {
    query: z.object({
      account_id: z.string().openapi({ description: '商户ID' }),
      bill_date: date.openapi({ description: '核销日期 YYYY-MM-DD (Beijing)' }),
      cursor: z.string().openapi({ description: '"0" first, then the answer\'s cursor' }),
      size: digitsIn(1, 50, 'page size'),
    }),
  },
  responses: jsonResponses(
    envelopeOf(
      'LedgerDetailedQuery',
      z.object({ cursor: z.string(), has_more: z.boolean(), ledger_records: z.array(detailedRecord) }),
    ),
    "a page of the day's ledger records",
  ),
})

const byOrder = (path: string, operationId: string, summary: string, detailed: boolean) =>
  createRoute({
    method: 'get',
    path,
    tags,
    security,
    operationId,
    summary,
    description: [
      'Every ledger record of the orders (income and reversals, any date), keyed by ledger_id, each naming its',
      `order_id${detailed ? '; amounts with the KA breakdown of detailed_query' : ''}. \`ledger_second_records\``,
      '(delivery fees) is always empty: the sandbox sells no delivery. Reads the ledger only.',
      '',
      'Errors: 2100005 (account_id or order_ids missing; more than 50 order ids), 2119005 (another account).',
    ].join('\n'),
    request: {
      query: z.object({
        account_id: z.string().openapi({ description: '分账商家id' }),
        order_ids: z.string().min(1).openapi({ description: '订单ids, comma-separated, 1–50' }),
      }),
    },
    responses: withExample(
      jsonResponses(
        envelopeOf(
          operationId.replace(/^./, (x) => x.toUpperCase()),
          z.object({
            ledger_records: z.record(z.string(), orderRecord).openapi({ description: 'ledger_id → record' }),
            ledger_second_records: z.record(z.string(), orderRecord),
          }),
        ),
        'the records of the orders',
      ),
      {
        ledger_records: {
          '7123456789012345610': {
            cursor: '7123456789012345610',
            ledger_id: '7123456789012345610',
            account_id: '7113893944009705516',
            verify_id: '7123456789012345611',
            certificate_id: '7123456789012345612',
            order_id: '7123456789012345613',
            verify_time: 1767240000,
            status: 2,
            code: '102539929601',
            fund_amount_type: 1,
            amount: {
              original: 9900,
              pay: 9900,
              merchant_ticket: 0,
              goods: 9652,
              pay_handling: 0,
              talent_commission: 0,
            },
            goods: {
              sku_id: '7123456789012345614',
              title: '双人套餐',
              market_price: 14850,
              sold_start_time: 1767150000,
            },
          },
        },
        ledger_second_records: {},
      },
    ),
  })

export const queryByOrderRoute = byOrder(
  '/goodlife/v1/settle/ledger/query_by_order/',
  'ledgerQueryByOrder',
  '根据订单id查询分账明细',
  false,
)
export const detailedQueryByOrderRoute = byOrder(
  '/goodlife/v1/settle/ledger/detailed_query_by_order/',
  'ledgerDetailedQueryByOrder',
  '根据订单id查询分账明细 (KA)',
  true,
)

export const recordBySubfulfilRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/settle/bill/query_record_by_subfulfil/',
  tags,
  security,
  operationId: 'billQueryRecordBySubfulfil',
  summary: '分账明细查询-by券码（新）',
  description: [
    'The ledger records of coupons (`sub_fulfil_id` = their certificate_ids): income and reversals, each with the',
    "ledger_datail_map breakdown (goods = merchant receivable, merchant_platform_commission with the tenant's",
    'commission_ratio in ‱, pay_handling 0). A coupon without records answers an empty list. Reads the ledger only.',
    '',
    'Errors: 2100005 (sub_fulfil_id missing or more than 50 ids), 2119005 (another account_id).',
  ].join('\n'),
  request: {
    query: z.object({
      sub_fulfil_id: z.string().min(1).openapi({
        description: '子履约单id (核销码ID): certificate_ids, comma-separated, 1–50 (the SDK sends a list)',
      }),
      account_id: z.string().optional().openapi({ description: "商户ID; must be the tenant's when given" }),
    }),
  },
  responses: jsonResponses(
    envelopeOf('BillQueryRecordBySubfulfil', z.object({ records: z.array(subfulfilRecord) })),
    "the coupon's ledger records",
  ),
})
