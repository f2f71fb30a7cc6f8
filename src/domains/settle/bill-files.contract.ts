/** Wire schemas and routes of the bill-file URLs (query_leger_url, query_rebate_url) and of the files themselves. */
import { createRoute, z } from '@hono/zod-openapi'
import { envelopeOf, errorEnvelopeSchema, jsonResponses } from '../../http/envelope.schema.js'

const security = [{ accessToken: [] }]
const tags = ['settle']
const urls = z
  .array(z.string())
  .openapi({ description: 'download links of .xlsx files (signed, valid 31 days of virtual time); absent on errors' })
/** The envelope with `urls` beside data and extra. */
const urlEnvelope = (name: string) => envelopeOf(name, z.object({}), { urls: urls.optional() })
const EXAMPLE_URL =
  'http://127.0.0.1:8787/sandbox/files/bills/awsandboxdefault/ledger/2026-01-01.xlsx?x-expires=1769918400&x-signature=Zm9v'
const exampleAnswer = (url: string) => ({
  data: { error_code: 0, description: 'success' },
  extra: { error_code: 0, description: 'success', sub_error_code: 0, sub_description: '', logid: '', now: 1767240000 },
  urls: [url],
})
const withUrls = <R extends ReturnType<typeof jsonResponses>>(r: R, url: string): R => {
  const ok = r[200]
  const content = { 'application/json': { ...ok.content['application/json'], example: exampleAnswer(url) } }
  return { ...r, 200: { ...ok, content } }
}

export const queryLegerUrlRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/settle/bill/query_leger_url/',
  tags,
  security,
  operationId: 'billQueryLegerUrl',
  summary: '离线分账单下载url (接口不再对外提供: deprecated)',
  deprecated: true,
  description: [
    'Deprecated: its page marks the API 接口不再对外提供 (no longer offered); the sandbox still answers it for',
    'existing clients. Read the day through bill/catering_query or ledger/query instead.',
    '',
    'The download link of the ledger file (分账单) of `launch_date`: an .xlsx with one header row and one row per',
    'ledger record whose bill_date is that day (the records catering_query and ledger/query answer for it, same',
    'order and amounts in fen). The file is built from the ledger when downloaded, so it shows the records as they',
    'stand then (status, settle time). `urls` is top-level, next to data and extra, as in the document. Reads the',
    'ledger only.',
    '',
    'Errors: 2100005 (account_id or launch_date missing; launch_date not YYYY-MM-DD), 2119005 (another account).',
  ].join('\n'),
  request: {
    query: z.object({
      account_id: z.string().openapi({ description: '商户ID' }),
      launch_date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
        .openapi({ description: "the day (YYYY-MM-DD, Beijing): the file holds that bill_date's records" }),
    }),
  },
  responses: withUrls(jsonResponses(urlEnvelope('BillQueryLegerUrl'), 'the file link'), EXAMPLE_URL),
})

export const queryRebateUrlRoute = createRoute({
  method: 'get',
  path: '/goodlife/v1/settle/bill/query_rebate_url/',
  tags,
  security,
  operationId: 'billQueryRebateUrl',
  summary: '离线返佣账单文件下载url',
  description: [
    'The download link of the rebate file (返佣账单) of `biz_month`: an .xlsx with its header row. The sandbox',
    'simulates no rebates (返佣), so the file has no data rows. Reads nothing else.',
    '',
    'Errors: 2100005 (account_id or biz_month missing; biz_month not YYYY-MM), 2119005 (another account).',
  ].join('\n'),
  request: {
    query: z.object({
      account_id: z.string().openapi({ description: '商户ID' }),
      biz_month: z
        .string()
        .regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM')
        .openapi({ description: 'the month, YYYY-MM' }),
    }),
  },
  responses: withUrls(
    jsonResponses(urlEnvelope('BillQueryRebateUrl'), 'the file link'),
    EXAMPLE_URL.replace('ledger/2026-01-01', 'rebate/2026-01'),
  ),
})

export const billFileRoute = createRoute({
  method: 'get',
  path: '/sandbox/files/bills/{client_key}/{kind}/{file}',
  tags: ['sandbox'],
  operationId: 'sandboxBillFile',
  summary: 'a bill file (.xlsx) behind a link of query_leger_url or query_rebate_url',
  description: [
    "Downloads the file a bill-file link names, built now from the named tenant's ledger. The link carries its",
    'tenant, so no header is needed. Answers 403 with the error envelope when the signature does not match',
    '(2100005) or the link expired (4000002, 31 days of virtual time after it was issued), 404 for a name that is',
    'no file.',
  ].join('\n'),
  request: {
    params: z.object({
      client_key: z.string().openapi({ description: 'the tenant the file belongs to', example: 'awsandboxdefault' }),
      kind: z
        .enum(['ledger', 'rebate'])
        .openapi({ description: 'ledger (分账单) or rebate (返佣账单)', example: 'ledger' }),
      file: z
        .string()
        .regex(/^\d{4}-\d{2}(-\d{2})?\.xlsx$/, 'must be <YYYY-MM-DD>.xlsx or <YYYY-MM>.xlsx')
        .openapi({ description: 'the day (ledger) or month (rebate), .xlsx', example: '2022-06-01.xlsx' }),
    }),
    query: z.object({
      'x-expires': z
        .string()
        .openapi({ description: 'Unix seconds (virtual) the link stops working', example: '1656691200' }),
      'x-signature': z.string().openapi({
        description: 'signature of the link',
        example: '3f0c9a2b7d4e6f8a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a',
      }),
    }),
  },
  responses: {
    200: {
      description: 'the workbook',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
    403: {
      description: 'bad signature or expired link',
      content: { 'application/json': { schema: errorEnvelopeSchema } },
    },
    404: { description: 'no such file', content: { 'application/json': { schema: errorEnvelopeSchema } } },
  },
})
