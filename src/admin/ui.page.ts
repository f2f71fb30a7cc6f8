/**
 * The dashboard page: plain HTML, a style sheet and a small script polling /sandbox/ui/state (no build step).
 * The style and the script are inline and allowed by their hashes in the page's Content-Security-Policy.
 */
export const DASHBOARD_STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}h1{font-size:18px}h2{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}button{margin-right:6px}.ok{color:#070}.bad{color:#b00}#clock{font-weight:bold}small{color:#666}
`

export const DASHBOARD_SCRIPT = `const key = new URLSearchParams(location.search).get('client_key') || ''
// a control token (--control-token) comes in the fragment (never sent to a server): /sandbox/ui#token=…
const token = new URLSearchParams(location.hash.slice(1)).get('token') || ''
const headers = { 'content-type': 'application/json' }
if (key) headers['x-sandbox-client-key'] = key
if (token) headers.authorization = 'Bearer ' + token
const bj = (sec) => new Date((sec + 8 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ')
const esc = (v) => String(v ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])
function table(id, cols, rows) {
  document.getElementById(id).innerHTML = '<tr>' + cols.map((c) => '<th>' + esc(c[0]) + '</th>').join('') + '</tr>' +
    (rows.length ? rows.map((r) => '<tr>' + cols.map((c) => '<td>' + c[1](r) + '</td>').join('') + '</tr>').join('') : '<tr><td colspan="' + cols.length + '"><small>none</small></td></tr>')
}
let refreshes = 0
async function refresh() {
  const r = await fetch('/sandbox/ui/state', { headers })
  const s = (await r.json()).data
  document.getElementById('tenant').textContent = s.client_key
  document.getElementById('clock').textContent = s.clock.beijing + ' (Beijing) · ' + (s.clock.frozen ? 'frozen' : 'running') + ' · ' + s.clock.pending_jobs + ' pending jobs'
  document.getElementById('updated').textContent = 'refresh #' + (++refreshes)
  table('products', [['product_id', (p) => esc(p.product_id)], ['name', (p) => esc(p.product_name)], ['draft_status', (p) => esc(p.draft_status)], ['online_status', (p) => esc(p.online_status)], ['stock', (p) => esc(p.avail_qty + ' / ' + p.stock_qty)]], s.products)
  table('orders', [['order_id', (o) => esc(o.order_id)], ['status', (o) => esc(o.order_status)], ['product', (o) => esc(o.product_name)], ['certificates', (o) => o.certificates.map((c) => esc(c.certificate_id + ' ' + (c.sub_item_name || '') + ' status ' + c.status)).join('<br>')]], s.orders)
  table('deliveries', [['event', (d) => esc(d.event)], ['entity', (d) => esc(d.entity_id)], ['attempt', (d) => esc(d.attempt)], ['outcome', (d) => '<span class="' + (d.outcome === 'delivered' ? 'ok' : 'bad') + '">' + esc(d.outcome) + '</span> ' + esc(d.status ?? d.error ?? '') + (d.given_up ? ' <b class="bad">given up</b>' : d.retry_at ? ' <small>retry at ' + esc(bj(d.retry_at)) + '</small>' : '')], ['', (d) => d.event_id ? '<button data-resend="' + esc(d.delivery_id) + '">resend</button>' : '']], s.deliveries)
  table('outbox', [['event_id', (e) => esc(e.event_id)], ['event', (e) => esc(e.event)], ['entity', (e) => esc(e.entity)], ['status', (e) => '<span class="' + (e.status === 'pending' ? '' : 'bad') + '">' + esc(e.status) + '</span>'], ['attempts', (e) => esc(e.attempts)], ['why', (e) => esc(e.given_up_reason || (e.blocked_by ? 'waits for ' + e.blocked_by : e.last_error))], ['', (e) => (e.status === 'failed' ? '<button data-redeliver-event="' + esc(e.event_id) + '">redeliver</button>' : '') + (e.status === 'pending' ? '' : '<button data-discard-event="' + esc(e.event_id) + '">discard</button>')]], s.outbox)
  table('journal', [['method', (j) => esc(j.method)], ['path', (j) => esc(j.path)], ['error_code', (j) => esc(j.error_code)], ['ms', (j) => esc(j.latency_ms)]], s.journal)
  table('faults', [['id', (f) => esc(f.id)], ['rule', (f) => esc(JSON.stringify(f))]], s.faults)
}
document.addEventListener('click', async (e) => {
  const t = e.target
  if (t.dataset.advance) await fetch('/sandbox/clock/advance', { method: 'POST', headers, body: JSON.stringify({ seconds: Number(t.dataset.advance) }) })
  if (t.dataset.redeliverEvent) await fetch('/sandbox/webhooks/outbox/' + t.dataset.redeliverEvent + '/redeliver', { method: 'POST', headers })
  if (t.dataset.discardEvent) await fetch('/sandbox/webhooks/outbox/' + t.dataset.discardEvent + '/discard', { method: 'POST', headers })
  if (t.dataset.resend) await fetch('/sandbox/webhooks/deliveries/' + t.dataset.resend + '/redeliver', { method: 'POST', headers })
  refresh()
})
refresh()
setInterval(refresh, 2000)
`

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>douyin-sandbox</title><style>${DASHBOARD_STYLE}</style></head><body>
<h1>douyin-sandbox <small id="tenant"></small></h1>
<p>Virtual time: <span id="clock">…</span>
 <button data-advance="60">+1 min</button><button data-advance="3600">+1 hour</button><button data-advance="86400">+1 day</button>
 <small id="updated"></small></p>
<h2>Products</h2><table id="products"></table>
<h2>Orders and certificates</h2><table id="orders"></table>
<h2>Undelivered webhook events</h2><table id="outbox"></table>
<h2>Webhook and SPI deliveries</h2><table id="deliveries"></table>
<h2>Journal</h2><table id="journal"></table>
<h2>Active faults</h2><table id="faults"></table>
<script>${DASHBOARD_SCRIPT}</script></body></html>`
