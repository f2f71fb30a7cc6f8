/**
 * Console script, part 3: the clock, tenants, products, after-sales and bills, scenario runs with their live
 * timeline, webhooks (outbox, deliveries with headers, signature and bodies), the request journal, faults.
 */
export const SCRIPT_OPS = String.raw`
ACTIONS.advance = async (el) => {
  const seconds = el.dataset.seconds ? Number(el.dataset.seconds) : Number($('advance-n').value) * Number($('advance-unit').value)
  const d = await control('POST', '/sandbox/clock/advance', { seconds })
  const ran = (d.ran || []).map((j) => j.kind + (j.error ? '（失败）' : '')).join('、')
  note('时间前进 ' + (el.textContent.trim().startsWith('+') ? el.textContent.trim() : seconds + ' 秒'), d, ran ? '运行了：' + ran : '没有到期的任务')
}
ACTIONS.newTenant = async () => {
  const d = await control('POST', '/sandbox/tenants', $('new-frozen').checked ? { frozen_at: '2022-06-01T00:00:00+08:00' } : {})
  if (note('新建租户 ' + (d.client_key || ''), d)) await switchTenant(d.client_key)
}
ACTIONS.reset = async () => note('重置租户', await control('POST', '/sandbox/reset'))
document.addEventListener('change', (e) => { if (e.target.id === 'tenant') switchTenant(e.target.value) })

function table(id, cols, rows, empty) {
  $(id).innerHTML = '<thead><tr>' + cols.map((c) => '<th>' + esc(c[0]) + '</th>').join('') + '</tr></thead><tbody>' +
    (rows.length ? rows.map((r) => '<tr>' + cols.map((c) => '<td>' + c[1](r) + '</td>').join('') + '</tr>').join('')
      : '<tr><td colspan="' + cols.length + '"><small>' + esc(empty || '暂无') + '</small></td></tr>') + '</tbody>'
}
RENDERERS.push((s) => {
  $('clock').textContent = s.clock.beijing + '（北京时间）'
  $('clock-mode').textContent = (s.clock.frozen ? '已冻结' : '运行中') + ' · 待执行任务 ' + s.clock.pending_jobs
  show('products', s.products, (ps) => {
    table('products', [['商品', (p) => '<b>' + esc(p.product_name) + '</b><br><small>' + esc(p.product_id) + '</small>'],
      ['类型', (p) => esc(L.productType[p.product_type] ?? p.product_type) + (p.sub_items ? ' · 组合券包 ' + p.sub_items + ' 项' : '') + (p.refund_mode ? '<br><small>' + L.refundMode[p.refund_mode] + '</small>' : '')],
      ['审核', (p) => label('draft', p.draft_status) + (p.audit_msg ? '<br><small class="bad">' + esc(p.audit_msg) + '</small>' : '')],
      ['上线', (p) => label('online', p.online_status)], ['售价', (p) => yuan(p.actual_amount)], ['库存', (p) => esc(p.avail_qty + ' / ' + p.stock_qty)],
      ['', (p) => p.draft_status === 10 ? '<button data-act="audit" data-result="PASS" data-id="' + esc(p.product_id) + '">审核通过</button><button data-act="audit" data-result="FAIL" data-id="' + esc(p.product_id) + '">审核驳回</button>' : '']], ps, '还没有商品')
    const keep = $('buy-product').value
    const online = ps.filter((p) => p.online_status === 1)
    $('buy-product').innerHTML = online.length ? online.map((p) => '<option value="' + esc(p.product_id) + '">' + esc(p.product_name + ' · ' + yuan(p.actual_amount)) + '</option>').join('') : '<option value="">（没有在线商品）</option>'
    if (online.some((p) => p.product_id === keep)) $('buy-product').value = keep
  })
  const t = tenant()
  show('pois', t && t.poi_ids, (ids) => { $('till-poi').innerHTML = (ids || []).map((id) => '<option>' + esc(id) + '</option>').join('') })
  show('after', s.after_sales, (rows) => table('after-sales', [['售后单', (a) => esc(a.after_sale_id) + '<br><small>订单 ' + esc(a.order_id) + '</small>'],
    ['发起', (a) => esc(L.by[a.by])], ['类型', (a) => esc((L.refundType[a.refund_type] ?? '') + ' ' + a.refund_type)], ['状态', (a) => label('after', a.status)],
    ['金额', (a) => yuan(a.refund_amount)], ['原因', (a) => esc(a.reject_reason || a.reason)]], rows, '没有售后单'))
  show('ledger', s.ledger, (rows) => table('ledger', [['账单日', (l) => esc(l.bill_date)], ['类型', (l) => label('fund', l.fund_amount_type)], ['状态', (l) => label('ledger', l.status) + (l.ledger_time ? '<br><small>' + esc(bj(l.ledger_time)) + '</small>' : '')],
    ['券', (l) => '<small>' + esc(l.certificate_id) + '</small>'], ['原价', (l) => yuan(l.original)], ['佣金', (l) => yuan(l.commission)], ['商家应收', (l) => yuan(l.goods)]], rows, '没有账单：核销满 1 小时后入账'))
  show('outbox', s.outbox, (rows) => table('outbox', [['事件', (e) => esc(e.event) + '<br><small>' + esc(e.event_id) + '</small>'], ['对象', (e) => esc(e.entity)],
    ['状态', (e) => '<span class="' + (e.status === 'pending' ? '' : 'bad') + '">' + esc(L.outbox[e.status] + ' ' + e.status) + '</span>'], ['尝试', (e) => esc(e.attempts)],
    ['原因', (e) => esc(e.given_up_reason || (e.blocked_by ? '等待 ' + e.blocked_by : e.last_error || ''))],
    ['', (e) => (e.status === 'failed' ? '<button data-act="redeliverEvent" data-id="' + esc(e.event_id) + '">重新投递</button>' : '') + (e.status === 'pending' ? '' : '<button data-act="discardEvent" data-id="' + esc(e.event_id) + '">丢弃</button>')]], rows, '没有未送达的事件'))
  show('faults', s.faults, (rows) => { $('faults').textContent = rows.length ? rows.map((f) => JSON.stringify(f)).join('\n') : '没有故障注入规则' })
})

ACTIONS.redeliverEvent = async (el) => note('重新投递 ' + el.dataset.id, await control('POST', '/sandbox/webhooks/outbox/' + el.dataset.id + '/redeliver'))
ACTIONS.discardEvent = async (el) => note('丢弃 ' + el.dataset.id, await control('POST', '/sandbox/webhooks/outbox/' + el.dataset.id + '/discard'))
ACTIONS.resend = async (el) => note('重发 ' + el.dataset.id, await control('POST', '/sandbox/webhooks/deliveries/' + el.dataset.id + '/redeliver'))
ACTIONS.hook = async () => {
  const d = await control('PUT', '/sandbox/webhooks' + ($('hook-skip').checked ? '?skip_challenge=true' : ''), { url: $('hook-url').value })
  note('设置 Webhook 地址', d)
}
/** Deliveries (in the state) and the journal (fetched): their full detail — headers, bodies, signature, errors. */
async function refreshLogs(s) {
  show('deliveries', s.deliveries, (rows) => {
    $('deliveries').innerHTML = rows.length ? rows.map((d) => '<details data-key="d' + esc(d.delivery_id) + '"' + openAttr('d' + d.delivery_id) + '><summary><span class="' + (d.outcome === 'delivered' ? 'ok' : 'bad') + '">' +
      (d.outcome === 'delivered' ? '✓' : '✗') + '</span> ' + esc(d.event) + ' <small>第 ' + d.attempt + ' 次' + (d.redelivery ? '（重发）' : '') + ' · ' + esc(d.status ?? d.error ?? '') +
      (d.given_up ? ' · <b class="bad">已放弃</b>' : d.retry_at ? ' · 重试于 ' + esc(bj(d.retry_at)) : '') + ' · ' + esc(bj(d.virtual_time)) + '</small></summary>' +
      '<p>POST ' + esc(d.url) + ' · ' + esc(d.latency_ms) + ' ms · msg_id ' + esc(d.msg_id) + '</p>' +
      '<p>签名 X-Douyin-Signature：<code class="sig">' + esc(d.request.headers['x-douyin-signature'] || d.request.headers['x-life-sign'] || '（无）') + '</code></p>' +
      '<h4>请求头</h4><pre>' + esc(Object.entries(d.request.headers).map((h) => h[0] + ': ' + h[1]).join('\n')) + '</pre>' +
      '<h4>请求体</h4><pre>' + esc(prettyEvent(d.request.body)) + '</pre><h4>应答 ' + esc(d.status ?? '') + '</h4><pre>' + esc(d.error ? '错误：' + d.error + '\n' : '') + esc(pretty(d.response_excerpt)) + '</pre>' +
      '<button data-act="resend" data-id="' + esc(d.delivery_id) + '">重发</button></details>').join('') : '<small>没有投递记录（设置 Webhook 地址后，事件会推送过去）</small>'
  })
  const jr = await control('GET', '/sandbox/journal?limit=40')
  if (jr && jr.entries) show('journal', jr.entries, (rows) => {
    $('journal').innerHTML = rows.map((j) => '<details data-key="j' + j.seq + '"' + openAttr('j' + j.seq) + '><summary><span class="' + (j.error_code ? 'bad' : 'ok') + '">' + esc(j.status) + '</span> ' +
      esc(j.method + ' ' + j.path) + ' <small>' + (j.error_code !== null ? 'error_code ' + esc(j.error_code) + ' · ' : '') + esc(j.latency_ms) + ' ms · ' + esc(bj(j.virtual_time)) + '</small></summary>' +
      (j.query ? '<p>query: <code>' + esc(decodeURIComponent(j.query)) + '</code></p>' : '') + '<p>logid ' + esc(j.logid) + '</p>' +
      '<h4>请求头</h4><pre>' + esc(Object.entries(j.request_headers || {}).map((h) => h[0] + ': ' + h[1]).join('\n')) + '</pre>' +
      (j.body ? '<h4>请求体</h4><pre>' + esc(pretty(j.body)) + '</pre>' : '') + '<h4>应答体</h4><pre>' + esc(pretty(j.response_body)) + '</pre></details>').join('') || '<small>没有请求</small>'
  })
}
RENDERERS.push((s) => refreshLogs(s))

ACTIONS.runScenario = async () => {
  const d = await control('POST', '/sandbox/scenarios/runs', { name: $('scenario-name').value })
  if (note('运行场景 ' + $('scenario-name').value, d)) { S.run = d.run; renderRun() }
}
ACTIONS.runTenant = async () => { if (S.run && S.run.client_key) { await loadTenants(); await switchTenant(S.run.client_key) } }
function renderRun() {
  const r = S.run
  if (!r) return
  $('scenario-status').innerHTML = esc(r.scenario) + ' · ' + (r.status === 'running' ? '运行中…' : r.status === 'passed' ? '<b class="ok">✓ 通过</b>' : '<b class="bad">✗ 失败</b>') +
    (r.client_key ? ' · 租户 <code>' + esc(r.client_key) + '</code>' : '')
  $('scenario-timeline').textContent = r.lines.join('\n') + (r.failure ? '\n\n' + r.failure : '')
  $('scenario-timeline').scrollTop = 1e9
  $('scenario-tenant').hidden = !r.client_key
}
async function pollRun() {
  if (S.run && S.run.status === 'running') {
    const d = await control('GET', '/sandbox/scenarios/runs/' + S.run.run_id)
    if (d && d.run) { S.run = d.run; renderRun() }
  }
  setTimeout(pollRun, 500)
}
async function start() {
  await loadTenants()
  const sc = await control('GET', '/sandbox/scenarios')
  $('scenario-name').innerHTML = (sc.scenarios || []).map((x) => '<option value="' + esc(x.name) + '">' + esc(x.name + ' — ' + x.description) + '</option>').join('')
  renderTill()
  await refresh()
  setInterval(refresh, 1500)
  pollRun()
}
start()
`
