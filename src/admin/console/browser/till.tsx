/** ③ The till: scan (prepare, by 12-digit code or QR payload), then verify the chosen coupons. */
import { errorLine, platform } from './api.js'
import { $, draw, note, valueOf } from './dom.js'
import { yuan } from './format.js'
import { S, type Till } from './state.js'
import type { Actions } from './types.js'

export const tillActions: Actions = {
  till: async (el) => {
    if (el.dataset.code) $<HTMLInputElement>('till-code').value = el.dataset.code
    const text = valueOf('till-code').trim().replace(/\s+/g, '')
    const q: Record<string, string> = /^\d{12}$/.test(text) ? { code: text } : { encrypted_data: text }
    const d: Till['prepared'] = await platform('GET', '/goodlife/v1/fulfilment/certificate/prepare/', q)
    S.till = { prepared: d, scanned: el.dataset.cert || '' }
    note('验券准备 ' + (q.code ? q.code : '二维码'), d, d.certificates ? d.certificates.length + ' 张可用' : '')
    renderTill()
    $('sec-till').scrollIntoView({ block: 'nearest' })
  },
  verify: async () => {
    const till = S.till
    if (!till) return
    const boxes = $('till-result').querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')
    const codes = [...boxes].map((c) => c.value)
    const body = { verify_token: till.prepared.verify_token, poi_id: valueOf('till-poi'), encrypted_codes: codes }
    const d = await platform<{ verify_results?: Till['results'] }>(
      'POST',
      '/goodlife/v1/fulfilment/certificate/verify/',
      null,
      body,
    )
    till.results = d.verify_results || []
    const outcome = (r: NonNullable<Till['results']>[number]) =>
      (r.result === 0 ? '✓ ' : '✗ ' + r.result + ' ' + r.msg + ' ') + r.certificate_id
    note('核销 ' + codes.length + ' 张', d, till.results.map(outcome).join('；'))
    renderTill()
  },
}

const Results = ({ results }: { results: NonNullable<Till['results']> }) => (
  <ul class="results">
    {results.map((r) => (
      <li class={r.result === 0 ? 'ok' : 'bad'}>
        {r.result === 0 ? '✓ 核销成功 ' : `✗ ${r.result} ${r.msg} `}
        {r.certificate_id}
        {r.out_good_id ? (
          <>
            {' '}
            <small>子品 {r.out_good_id}</small>
          </>
        ) : null}
      </li>
    ))}
  </ul>
)

export function renderTill(): void {
  const t = S.till
  if (!t) {
    draw('till-result', <small>在券卡上点「到店核销」，或输入券码 / 扫码内容后点「验券」</small>)
    return
  }
  const p = t.prepared
  if (p.error_code !== 0) {
    draw('till-result', <p class="bad">{`验券失败 ${errorLine(p)}`}</p>)
    return
  }
  const certificates = p.certificates ?? []
  draw(
    'till-result',
    <>
      <p>
        订单 <code>{p.order_id}</code> 可用券 {certificates.length} 张：
      </p>
      {certificates.map((c) => (
        <label class="pick">
          <input type="checkbox" value={c.encrypted_code} checked={c.certificate_id === t.scanned || !t.scanned} />{' '}
          {c.sub_item_name || c.sku.title} <small>{`${c.certificate_id} · ${yuan(c.amount.pay_amount)}`}</small>
        </label>
      ))}
      <button data-act="verify" id="till-verify">
        确认核销
      </button>
      {t.results ? <Results results={t.results} /> : null}
    </>,
  )
}
