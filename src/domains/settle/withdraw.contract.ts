/** Wire schemas and routes of 提现 (withdraw/catering_query, withdraw/composite_query) and bill/composite_query. */
import { createRoute, z } from '@hono/zod-openapi'
import { digitsIn } from '../../http/query.js'
import { envelopeOf, jsonResponses } from '../../http/envelope.schema.js'
import { cateringQueryRoute } from './settle.contract.js'

const int = z.number().int()
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
const security = [{ accessToken: [] }]
const tags = ['settle']

const withdrawRecord = z
  .object({
    withdraw_id: z.string().openapi({ description: '提现单ID' }),
    launch_time: int.openapi({ description: 'Unix seconds: 00:00 Beijing after the settle day' }),
    withdraw_time: int.openapi({ description: 'Unix seconds the money left (the launch: paid at once)' }),
    status: z.string().openapi({ description: 'SUCCESS' }),
    withdraw_msg: z.string(),
    amount: int.openapi({ description: 'fen: the signed merchant receivable of the records settled that day' }),
    settle_account: z.string().openapi({ description: 'the account paid (the tenant account)' }),
    account_name: z.string(),
    settle_date: z.string().openapi({ description: "Beijing date the records settled on (the sandbox's addition)" }),
  })
  .openapi('WithdrawRecord')

const withdrawQuery = z
  .object({
    account_id: z.string(),
    start_date: date,
    end_date: date,
    cursor: z.string().openapi({ description: '"0" first, then the answer\'s cursor' }),
    size: digitsIn(1, 50, 'page size'),
  })
  .refine((q) => q.start_date <= q.end_date, { message: 'start_date must not be after end_date' })

const withdrawData = z.object({
  cursor: z.string(),
  has_more: z.boolean(),
  bill_withdraw_records: z.array(withdrawRecord),
})

export const withdrawCateringRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/settle/withdraw/catering_query/',
  tags,
  security,
  operationId: 'withdrawCateringQuery',
  summary: '餐饮提现记录查询',
  request: { query: withdrawQuery },
  responses: jsonResponses(envelopeOf('WithdrawCateringQuery', withdrawData), 'a page of withdrawals, oldest first'),
})
export const withdrawCompositeRoute = createRoute({
  ...withdrawCateringRoute,
  path: '/goodlife/v1/settle/withdraw/composite_query/',
  operationId: 'withdrawCompositeQuery',
  summary: '综合提现记录查询',
  responses: jsonResponses(envelopeOf('WithdrawCompositeQuery', withdrawData), 'a page of withdrawals, oldest first'),
})
export const billCompositeRoute = createRoute({
  ...cateringQueryRoute,
  path: '/goodlife/v1/settle/bill/composite_query/',
  operationId: 'billCompositeQuery',
  summary: '综合账单详情查询',
})
