/**
 * ② ④ Orders: a consumer buys; each order with its coupons (code, QR, state), verification cancelled within the
 * hour, refunds by user, customer service or system with the reason a refusal gives.
 */
import qrcode from 'qrcode-generator'
import { control, errorLine, platform } from './api.js'
import { $, draw, note, show, valueOf } from './dom.js'
import { L, Label, mmss, name, yuan, bj } from './format.js'
import { S } from './state.js'
import type { Actions, AfterSale, ConsoleState, Coupon, Order } from './types.js'

const RULE_HINT: Record<number, string> = {
  2:
    '规则（到店餐饮组合券包解决方案 · 常见问题 7）：不支持部分退的券包，用户未使用时只能整单退；一旦部分券已核销，' +
    '用户不能自助退款，过期时未使用部分自动核销给商家；客服可强制退款。',
  1:
    '规则（到店餐饮组合券包解决方案 · 常见问题 7）：支持部分退的券包，用户未使用时整单退，部分使用后' +
    '未使用部分全部退；挑选部分子券退款需客服。',
}
const REFUNDERS = ['user', 'customer_service', 'system']

export const orderActions: Actions = {
  buy: async () => {
    const body: Record<string, unknown> = {
      product_id: valueOf('buy-product'),
      count: Number(valueOf('buy-count') || 1),
    }
    if (valueOf('buy-open-id')) body.open_id = valueOf('buy-open-id')
    const d = await control<{ order?: Order; certificates: Coupon[] }>('POST', '/sandbox/orders', body)
    note('购买 ×' + body.count, d, d.order ? `订单 ${d.order.order_id}，${d.certificates.length} 张券` : '')
  },
  cancel: async (el) => {
    const body = { verify_id: el.dataset.verify, certificate_id: el.dataset.cert }
    const d = await platform('POST', '/goodlife/v1/fulfilment/certificate/cancel/', null, body)
    note('撤销核销 ' + el.dataset.cert, d)
  },
  refund: async (el) => {
    const orderId = el.dataset.order ?? ''
    const by = el.dataset.by ?? ''
    const order = (S.state?.orders || []).find((o) => o.order_id === orderId)
    const box = el.closest('.order')
    if (!box) return
    const body: { order_id: string; by: string; certificate_ids?: string[]; reason?: string } = {
      order_id: orderId,
      by,
    }
    const chosen = [...box.querySelectorAll<HTMLInputElement>('input[data-pick]:checked')].map((c) => c.value)
    if (chosen.length) body.certificate_ids = chosen
    const reason = box.querySelector<HTMLInputElement>('input[data-reason]')?.value
    if (reason) body.reason = reason
    const d = await control<{ after_sale?: AfterSale }>('POST', '/sandbox/refunds', body)
    const who = name('by', by)
    const a = d.after_sale
    S.refunds[orderId] = note(who + '退款 ' + orderId, d)
      ? {
          ok: true,
          text: who + '退款已受理：' + (a ? `${name('after', a.status)} ${a.status}，退 ${yuan(a.refund_amount)}` : ''),
        }
      : {
          ok: false,
          text: `${who}退款被拒绝：${errorLine(d)}`,
          hint: order && order.refund_mode ? RULE_HINT[order.refund_mode] : '',
        }
    S.shown.orders = ''
  },
}

function qrImage(payload: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(payload)
  qr.make()
  return qr.createDataURL(4, 4)
}

const CouponCard = ({ o, c, now }: { o: Order; c: Coupon; now: number }) => {
  const left = c.cancel_until ? c.cancel_until - now : -1
  return (
    <div class="coupon" data-cert={c.certificate_id}>
      <img
        class="qr"
        alt={'二维码 ' + c.certificate_id}
        src={qrImage(c.encrypted_data)}
        data-payload={c.encrypted_data}
      />
      <div>
        <div class="name">{c.sub_item_name || o.product_name}</div>
        <div class="code" data-code={c.code}>
          {c.code.replace(/(\d{4})(?=\d)/g, '$1 ')}
        </div>
        <div>
          <Label kind="cert" code={c.status} />
          {' · ' + yuan(c.pay_amount) + (c.refund_amount ? ' · 已退 ' + yuan(c.refund_amount) : '')}
        </div>
        <small>
          {'有效期至 ' + bj(c.expire_time) + (c.verify_time && c.status === 2 ? ' · 核销于 ' + bj(c.verify_time) : '')}
        </small>
        <div class="acts">
          {c.status === 1 ? (
            <button data-act="till" data-code={c.code} data-cert={c.certificate_id}>
              到店核销
            </button>
          ) : null}
          {left >= 0 ? (
            <button data-act="cancel" data-verify={c.verify_id ?? ''} data-cert={c.certificate_id}>
              {`撤销核销（剩 ${mmss(left)}）`}
            </button>
          ) : null}
          <label class="pick">
            <input type="checkbox" data-pick value={c.certificate_id} />
            选中退款
          </label>
        </div>
      </div>
    </div>
  )
}

const OrderCard = ({ o, now }: { o: Order; now: number }) => {
  const r = S.refunds[o.order_id]
  const facts = `订单 ${o.order_id} · ×${o.count} · 实付 ${yuan(o.pay_amount)} · open_id ${o.open_id}`
  return (
    <article class="order" data-order={o.order_id}>
      <header>
        <b>{o.product_name}</b> <Label kind="order" code={o.order_status} />{' '}
        <small>{facts + (o.refund_mode ? ' · ' + name('refundMode', o.refund_mode) : '')}</small>
      </header>
      <div class="coupons">
        {o.certificates.map((c) => (
          <CouponCard o={o} c={c} now={now} />
        ))}
      </div>
      <div class="refund">
        退款原因 <input data-reason placeholder="可选" />{' '}
        {REFUNDERS.map((by) => (
          <button data-act="refund" data-by={by} data-order={o.order_id}>
            {L.by?.[by]}退款
          </button>
        ))}
        <small>（不选券 = 默认范围）</small>
      </div>
      {r ? (
        <div class={'refund-result ' + (r.ok ? 'ok' : 'bad')}>
          {r.text}
          {r.hint ? (
            <>
              <br />
              <small>{r.hint}</small>
            </>
          ) : null}
        </div>
      ) : null}
    </article>
  )
}

/** Draws the orders again, keeping the coupons ticked for refund and the reasons typed. */
function renderOrders(s: ConsoleState): void {
  const box = $('orders')
  const picked = new Set([...box.querySelectorAll<HTMLInputElement>('input[data-pick]:checked')].map((c) => c.value))
  const reasons = new Map(
    [...box.querySelectorAll<HTMLElement>('.order')].map((o) => [
      o.dataset.order,
      o.querySelector<HTMLInputElement>('input[data-reason]')?.value ?? '',
    ]),
  )
  draw(
    box,
    s.orders.length ? (
      <>
        {s.orders.map((o) => (
          <OrderCard o={o} now={s.clock.now} />
        ))}
      </>
    ) : (
      <p>
        <small>还没有订单：先发布商品、审核通过，再购买</small>
      </p>
    ),
  )
  for (const c of box.querySelectorAll<HTMLInputElement>('input[data-pick]')) c.checked = picked.has(c.value)
  for (const o of box.querySelectorAll<HTMLElement>('.order')) {
    const input = o.querySelector<HTMLInputElement>('input[data-reason]')
    if (input) input.value = reasons.get(o.dataset.order) || ''
  }
}

const ticking = (s: ConsoleState) => s.orders.some((o) => o.certificates.some((c) => c.cancel_until))

export const ordersPart = (s: ConsoleState): void =>
  show('orders', [s.orders, ticking(s) ? s.clock.now : 0, S.refunds], () => renderOrders(s))
