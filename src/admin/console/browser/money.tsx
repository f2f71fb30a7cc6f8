/** ⑤ After-sales and bills (ledger records). */
import { show } from './dom.js'
import { bj, Label, name, yuan } from './format.js'
import { table } from './table.js'
import type { AfterSale, ConsoleState, Ledger } from './types.js'

const afterSales = (rows: AfterSale[]) =>
  table<AfterSale>(
    'after-sales',
    [
      [
        '售后单',
        (a) => (
          <>
            {a.after_sale_id}
            <br />
            <small>订单 {a.order_id}</small>
          </>
        ),
      ],
      ['发起', (a) => name('by', a.by)],
      ['类型', (a) => `${name('refundType', a.refund_type)} ${a.refund_type}`],
      ['状态', (a) => <Label kind="after" code={a.status} />],
      ['金额', (a) => yuan(a.refund_amount)],
      ['原因', (a) => a.reject_reason || a.reason],
    ],
    rows,
    '没有售后单',
  )

const ledger = (rows: Ledger[]) =>
  table<Ledger>(
    'ledger',
    [
      ['账单日', (l) => l.bill_date],
      ['类型', (l) => <Label kind="fund" code={l.fund_amount_type} />],
      [
        '状态',
        (l) => (
          <>
            <Label kind="ledger" code={l.status} />
            {l.ledger_time ? (
              <>
                <br />
                <small>{bj(l.ledger_time)}</small>
              </>
            ) : null}
          </>
        ),
      ],
      ['券', (l) => <small>{l.certificate_id}</small>],
      ['原价', (l) => yuan(l.original)],
      ['佣金', (l) => yuan(l.commission)],
      ['商家应收', (l) => yuan(l.goods)],
    ],
    rows,
    '没有账单：核销满 1 小时后入账',
  )

export function moneyPart(s: ConsoleState): void {
  show('after', s.after_sales, afterSales)
  show('ledger', s.ledger, ledger)
}
