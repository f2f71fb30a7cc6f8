/**
 * Console script, part 1: the tenant, the control token, calls to the control plane and the platform API
 * (with a client token of the tenant), labels in Chinese with their codes, amounts in 元, and the polling loop.
 * Browser code kept as text (no build step); the page's CSP allows it by hash.
 */
export const SCRIPT_BASE = String.raw`'use strict'
const S = { key: new URLSearchParams(location.search).get('client_key') || '', tenants: [], tokens: {}, state: null,
  shown: {}, open: new Set(), refunds: {}, till: null, run: null, refreshes: 0 }
// a control token (--control-token) comes in the fragment, which never leaves the browser: /sandbox/ui#token=…
const CONTROL_TOKEN = new URLSearchParams(location.hash.slice(1)).get('token') || ''
const $ = (id) => document.getElementById(id)
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])
const L = {
  cert: { 1: '待使用', 2: '已使用', 3: '退款申请中', 4: '已退款', 5: '退款失败', 6: '退款中' },
  order: { 201: '待使用', 1: '已完成', 101: '已关闭' },
  draft: { 10: '审核中', 12: '审核驳回', 1: '审核通过', 100: '免审生效' },
  online: { 0: '未上线', 1: '在线', 2: '已下线', 3: '封禁' },
  after: { 1: '待商家审核', 2: '退款成功', 3: '商家拒绝' },
  refundType: { 1: '整单退', 2: '部分退', 3: '指定金额退' },
  ledger: { 0: '待分账', 1: '分账中', 2: '分账成功', 3: '分账失败', 4: '废弃' },
  fund: { 1: '收入', 2: '退款冲正' },
  by: { user: '用户', customer_service: '客服', system: '系统' },
  outbox: { pending: '待发送', blocked: '等待前序事件', failed: '已放弃' },
  productType: { 1: '团购', 11: '代金券', 15: '次卡' },
  refundMode: { 1: '支持部分退', 2: '不支持部分退' },
}
/** "待使用 1": the Chinese state with its code */
const label = (kind, code) => '<span class="st st-' + kind + '-' + esc(code) + '">' + esc((L[kind][code] ?? '未知') + ' ' + code) + '</span>'
const yuan = (fen) => (fen === null || fen === undefined ? '—' : (Number(fen) / 100).toFixed(2) + ' 元')
const bj = (sec) => (sec ? new Date((Number(sec) + 8 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ') : '—')
const mmss = (s) => Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0')
const pretty = (text) => { try { return JSON.stringify(JSON.parse(text), null, 2) } catch { return String(text ?? '') } }
/** A webhook body with its JSON-encoded content decoded beside it. */
const prettyEvent = (text) => { try { const b = JSON.parse(text); return typeof b.content === 'string' ? pretty(text) + '\n\ncontent（解码）:\n' + pretty(b.content) : pretty(text) } catch { return String(text ?? '') } }

function controlHeaders() {
  const h = { 'content-type': 'application/json' }
  if (S.key) h['x-sandbox-client-key'] = S.key
  if (CONTROL_TOKEN) h.authorization = 'Bearer ' + CONTROL_TOKEN
  return h
}
/** A control-plane call; every state change sends content-type: application/json, even with no body. */
async function control(method, path, body) {
  const init = { method, headers: controlHeaders() }
  if (method !== 'GET') init.body = JSON.stringify(body ?? {})
  const r = await fetch(path, init)
  return withDetail(await r.json())
}
/** An answer's data; an error keeps its detail (extra.sub_description) and sub_error_code beside it for display. */
function withDetail(json) {
  const d = json.data
  if (!d || d.error_code === 0 || !json.extra) return d
  return { ...d, detail: json.extra.sub_description, sub_error_code: json.extra.sub_error_code }
}
/** How an error reads in the console: the code, its text, the detail and the specific code. */
function errorLine(d) {
  return (d?.error_code ?? '') + ' ' + (d?.description ?? '') + (d?.detail ? '：' + d.detail : '') +
    (d?.sub_error_code ? '（' + d.sub_error_code + '）' : '')
}
const tenant = () => S.tenants.find((t) => t.client_key === S.key) || S.tenants.find((t) => t.is_default) || S.tenants[0]
async function accessToken(fresh) {
  const t = tenant()
  if (!fresh && S.tokens[t.client_key]) return S.tokens[t.client_key]
  const r = await fetch('/oauth/client_token/', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_key: t.client_key, client_secret: t.client_secret, grant_type: 'client_credential' }) })
  const d = (await r.json()).data
  if (!d.access_token) throw new Error('client_token: ' + d.error_code + ' ' + d.description)
  return (S.tokens[t.client_key] = d.access_token)
}
/** A platform call with the tenant's client token (renewed once when expired or replaced). */
async function platform(method, path, query, body) {
  const url = path + (query ? '?' + new URLSearchParams(query) : '')
  for (let i = 0; ; i++) {
    const headers = { 'access-token': await accessToken(i > 0) }
    if (method !== 'GET') headers['content-type'] = 'application/json'
    const r = await fetch(url, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) })
    const d = withDetail(await r.json())
    if (i === 0 && (d.error_code === 2190008 || d.error_code === 2190002)) continue
    return d
  }
}
/** One line of the activity log: what the console did and what came back. */
function note(what, data, extra) {
  const okay = data && (data.error_code === 0 || data.error_code === undefined)
  const li = document.createElement('li')
  li.className = okay ? 'ok' : 'bad'
  li.innerHTML = '<b>' + esc(what) + '</b> ' + (okay ? '✓ 成功' : '✗ ' + esc(errorLine(data))) +
    (extra ? ' <small>' + esc(extra) + '</small>' : '')
  $('activity').prepend(li)
  while ($('activity').children.length > 40) $('activity').lastChild.remove()
  return okay
}
async function loadTenants() {
  S.tenants = (await control('GET', '/sandbox/tenants')).tenants || []
  if (!S.key) S.key = (tenant() || {}).client_key || ''
  $('tenant').innerHTML = S.tenants.map((t) => '<option value="' + esc(t.client_key) + '"' + (t.client_key === S.key ? ' selected' : '') + '>' +
    esc(t.client_key + (t.is_default ? '（默认）' : '') + ' · ' + t.account_name) + '</option>').join('')
}
async function switchTenant(key) {
  S.key = key
  S.shown = {}
  S.till = null
  const q = new URLSearchParams(location.search)
  q.set('client_key', key)
  history.replaceState(null, '', location.pathname + '?' + q + location.hash)
  await loadTenants()
  await refresh()
}
/** Re-renders a part only when its data changed, so open details, focus and selections survive polling. */
function show(part, data, render) {
  const text = JSON.stringify(data)
  if (S.shown[part] === text) return
  S.shown[part] = text
  render(data)
}
const RENDERERS = []
async function refresh() {
  try {
    const s = await control('GET', '/sandbox/ui/state')
    if (!s || !s.clock) return
    S.state = s
    for (const r of RENDERERS) r(s)
    $('updated').textContent = '已刷新 ' + ++S.refreshes + ' 次'
    $('updated').classList.remove('bad')
  } catch (e) {
    $('updated').textContent = '刷新失败：' + e.message
    $('updated').classList.add('bad')
  }
}
document.addEventListener('toggle', (e) => {
  const id = e.target.dataset && e.target.dataset.key
  if (id) e.target.open ? S.open.add(id) : S.open.delete(id)
}, true)
const openAttr = (id) => (S.open.has(id) ? ' open' : '')
const ACTIONS = {}
document.addEventListener('click', async (e) => {
  const el = e.target.closest('[data-act]')
  if (!el || el.disabled) return
  const act = ACTIONS[el.dataset.act]
  if (!act) return
  el.disabled = true
  try { await act(el) } catch (err) { note(el.dataset.act, { error_code: -1, description: err.message }) }
  el.disabled = false
  await refresh()
})
`
