/**
 * Console script, part 2: the coupon-pack story — publish (a ready combo pack, or any product from its template
 * with the template's attributes as a form), audit, buy as a consumer, coupons with code and QR, the till,
 * cancel within the hour, refunds with the reason a refusal gives.
 */
export const SCRIPT_STORY = String.raw`
ACTIONS.publish = async (el) => {
  const [kind, mode] = el.dataset.kind.split(':')
  const ex = await control('GET', '/sandbox/examples/product_save?kind=' + kind + (mode ? '&refund_mode=' + mode : ''))
  const d = await platform('POST', '/goodlife/v1/goods/product/save/', null, ex.body)
  note('发布 ' + ex.body.product.product_name, d, d.product_id ? 'product_id ' + d.product_id + '，审核中' : '')
}
ACTIONS.audit = async (el) => {
  const reason = el.dataset.result === 'FAIL' ? ($('audit-reason').value || '演示：审核驳回') : undefined
  const d = await control('POST', '/sandbox/products/' + el.dataset.id + '/audit', { result: el.dataset.result, reason })
  note((el.dataset.result === 'PASS' ? '审核通过 ' : '审核驳回 ') + el.dataset.id, d)
}
/** The template form: one row per attribute of the template, filled from a valid example body. */
ACTIONS.template = async () => {
  const [kind, type] = $('tpl-kind').value.split(':')
  const ex = await control('GET', '/sandbox/examples/product_save?kind=' + kind)
  const tpl = await platform('GET', '/goodlife/v1/goods/template/get/', { category_id: ex.body.product.category_id, product_type: type })
  if (!note('读取模版 ' + kind, tpl)) return
  S.template = ex.body
  const row = (scope, a, value) => '<label class="attr' + (a.is_required ? ' req' : '') + '"><span>' + esc(a.name) + ' <code>' + esc(a.key) + '</code> <small>' +
    esc(a.value_type) + (a.is_required ? ' · 必填' : '') + '</small></span><input data-scope="' + scope + '" data-key="' + esc(a.key) + '" value="' + esc(value ?? '') + '"></label>'
  const rows = (scope, attrs, values) => attrs.filter((a) => a.is_required || values[a.key] !== undefined).map((a) => row(scope, a, values[a.key])).join('') +
    '<details><summary>可选属性</summary>' + attrs.filter((a) => !a.is_required && values[a.key] === undefined).map((a) => row(scope, a, '')).join('') + '</details>'
  $('tpl-form').innerHTML = '<div class="row"><label>商品名 <input id="tpl-name" value="' + esc(ex.body.product.product_name) + '"></label>' +
    '<label>售价（元）<input id="tpl-price" type="number" step="0.01" value="' + (ex.body.sku.actual_amount / 100) + '"></label>' +
    '<label>库存 <input id="tpl-stock" type="number" value="' + ex.body.sku.stock.stock_qty + '"></label></div>' +
    '<h4>商品属性 product_attrs</h4>' + rows('product', tpl.product_attrs, ex.body.product.attr_key_value_map) +
    '<h4>SKU 属性 sku_attrs</h4>' + rows('sku', tpl.sku_attrs, ex.body.sku.attr_key_value_map) +
    '<button data-act="templateSave" id="tpl-save">提交 product/save</button>'
}
ACTIONS.templateSave = async () => {
  const body = JSON.parse(JSON.stringify(S.template))
  const name = $('tpl-name').value
  const price = Math.round(Number($('tpl-price').value) * 100)
  const stock = Number($('tpl-stock').value)
  body.product.product_name = body.sku.sku_name = name
  body.sku.actual_amount = price
  body.sku.origin_amount = Math.max(body.sku.origin_amount, price)
  body.sku.stock.stock_qty = stock
  for (const input of $('tpl-form').querySelectorAll('input[data-scope]')) {
    const map = input.dataset.scope === 'sku' ? body.sku.attr_key_value_map : body.product.attr_key_value_map
    if (input.value === '') delete map[input.dataset.key]
    else map[input.dataset.key] = input.value
  }
  body.product.attr_key_value_map.product_name = name
  body.sku.attr_key_value_map.stock_info = JSON.stringify(body.sku.stock)
  const d = await platform('POST', '/goodlife/v1/goods/product/save/', null, body)
  note('按模版发布 ' + name, d, d.product_id ? 'product_id ' + d.product_id : '')
}
ACTIONS.buy = async () => {
  const body = { product_id: $('buy-product').value, count: Number($('buy-count').value || 1) }
  if ($('buy-open-id').value) body.open_id = $('buy-open-id').value
  const d = await control('POST', '/sandbox/orders', body)
  note('购买 ×' + body.count, d, d.order ? '订单 ' + d.order.order_id + '，' + d.certificates.length + ' 张券' : '')
}
/** The till: scan (prepare, by 12-digit code or QR payload), then verify the chosen coupons. */
ACTIONS.till = async (el) => {
  if (el.dataset.code) $('till-code').value = el.dataset.code
  const text = $('till-code').value.trim().replace(/\s+/g, '')
  const q = /^\d{12}$/.test(text) ? { code: text } : { encrypted_data: text }
  const d = await platform('GET', '/goodlife/v1/fulfilment/certificate/prepare/', q)
  S.till = { prepared: d, scanned: el.dataset.cert || '' }
  note('验券准备 ' + (q.code ? q.code : '二维码'), d, d.certificates ? d.certificates.length + ' 张可用' : '')
  renderTill()
  $('sec-till').scrollIntoView({ block: 'nearest' })
}
ACTIONS.verify = async () => {
  const codes = [...$('till-result').querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value)
  const d = await platform('POST', '/goodlife/v1/fulfilment/certificate/verify/', null, { verify_token: S.till.prepared.verify_token, poi_id: $('till-poi').value, encrypted_codes: codes })
  S.till.results = d.verify_results || []
  note('核销 ' + codes.length + ' 张', d, (d.verify_results || []).map((r) => (r.result === 0 ? '✓ ' : '✗ ' + r.result + ' ' + r.msg + ' ') + r.certificate_id).join('；'))
  renderTill()
}
ACTIONS.cancel = async (el) => {
  const d = await platform('POST', '/goodlife/v1/fulfilment/certificate/cancel/', null, { verify_id: el.dataset.verify, certificate_id: el.dataset.cert })
  note('撤销核销 ' + el.dataset.cert, d)
}
const RULE_HINT = {
  2: '规则（到店餐饮组合券包解决方案 · 常见问题 7）：不支持部分退的券包，用户未使用时只能整单退；一旦部分券已核销，用户不能自助退款，过期时未使用部分自动核销给商家；客服可强制退款。',
  1: '规则（到店餐饮组合券包解决方案 · 常见问题 7）：支持部分退的券包，用户未使用时整单退，部分使用后未使用部分全部退；挑选部分子券退款需客服。',
}
ACTIONS.refund = async (el) => {
  const order = (S.state.orders || []).find((o) => o.order_id === el.dataset.order)
  const box = el.closest('.order')
  const body = { order_id: el.dataset.order, by: el.dataset.by }
  const chosen = [...box.querySelectorAll('input[data-pick]:checked')].map((c) => c.value)
  if (chosen.length) body.certificate_ids = chosen
  const reason = box.querySelector('input[data-reason]').value
  if (reason) body.reason = reason
  const d = await control('POST', '/sandbox/refunds', body)
  const okay = note(L.by[body.by] + '退款 ' + body.order_id, d)
  S.refunds[body.order_id] = okay
    ? { ok: true, text: L.by[body.by] + '退款已受理：' + (d.after_sale ? (L.after[d.after_sale.status] ?? '') + ' ' + d.after_sale.status + '，退 ' + yuan(d.after_sale.refund_amount) : '') }
    : { ok: false, text: L.by[body.by] + '退款被拒绝：' + errorLine(d), hint: order && order.refund_mode ? RULE_HINT[order.refund_mode] : '' }
  S.shown.orders = ''
}

function renderTill() {
  const t = S.till
  if (!t) { $('till-result').innerHTML = '<small>在券卡上点「到店核销」，或输入券码 / 扫码内容后点「验券」</small>'; return }
  const p = t.prepared
  if (p.error_code !== 0) { $('till-result').innerHTML = '<p class="bad">验券失败 ' + esc(errorLine(p)) + '</p>'; return }
  $('till-result').innerHTML = '<p>订单 <code>' + esc(p.order_id) + '</code> 可用券 ' + p.certificates.length + ' 张：</p>' +
    p.certificates.map((c) => '<label class="pick"><input type="checkbox" value="' + esc(c.encrypted_code) + '"' + (c.certificate_id === t.scanned || !t.scanned ? ' checked' : '') +
      '> ' + esc(c.sub_item_name || c.sku.title) + ' <small>' + esc(c.certificate_id) + ' · ' + yuan(c.amount.pay_amount) + '</small></label>').join('') +
    '<button data-act="verify" id="till-verify">确认核销</button>' +
    (t.results ? '<ul class="results">' + t.results.map((r) => '<li class="' + (r.result === 0 ? 'ok' : 'bad') + '">' + (r.result === 0 ? '✓ 核销成功 ' : '✗ ' + esc(r.result) + ' ' + esc(r.msg) + ' ') +
      esc(r.certificate_id) + (r.out_good_id ? ' <small>子品 ' + esc(r.out_good_id) + '</small>' : '') + '</li>').join('') + '</ul>' : '')
}

function qrImage(payload) {
  const qr = qrcode(0, 'M')
  qr.addData(payload)
  qr.make()
  return qr.createDataURL(4, 4)
}
function couponCard(o, c, now) {
  const left = c.cancel_until ? c.cancel_until - now : -1
  return '<div class="coupon" data-cert="' + esc(c.certificate_id) + '">' +
    '<img class="qr" alt="二维码 ' + esc(c.certificate_id) + '" src="' + qrImage(c.encrypted_data) + '" data-payload="' + esc(c.encrypted_data) + '">' +
    '<div><div class="name">' + esc(c.sub_item_name || o.product_name) + '</div>' +
    '<div class="code" data-code="' + esc(c.code) + '">' + esc(c.code.replace(/(\d{4})(?=\d)/g, '$1 ')) + '</div>' +
    '<div>' + label('cert', c.status) + ' · ' + yuan(c.pay_amount) + (c.refund_amount ? ' · 已退 ' + yuan(c.refund_amount) : '') + '</div>' +
    '<small>有效期至 ' + esc(bj(c.expire_time)) + (c.verify_time && c.status === 2 ? ' · 核销于 ' + esc(bj(c.verify_time)) : '') + '</small><div class="acts">' +
    (c.status === 1 ? '<button data-act="till" data-code="' + esc(c.code) + '" data-cert="' + esc(c.certificate_id) + '">到店核销</button>' : '') +
    (left >= 0 ? '<button data-act="cancel" data-verify="' + esc(c.verify_id) + '" data-cert="' + esc(c.certificate_id) + '">撤销核销（剩 ' + mmss(left) + '）</button>' : '') +
    '<label class="pick"><input type="checkbox" data-pick value="' + esc(c.certificate_id) + '">选中退款</label></div></div></div>'
}
function renderOrders(s) {
  const orders = s.orders
  const picked = new Set([...$('orders').querySelectorAll('input[data-pick]:checked')].map((c) => c.value))
  const reasons = Object.fromEntries([...$('orders').querySelectorAll('.order')].map((o) => [o.dataset.order, o.querySelector('input[data-reason]').value]))
  $('orders').innerHTML = orders.length ? orders.map((o) => {
    const r = S.refunds[o.order_id]
    return '<article class="order" data-order="' + esc(o.order_id) + '"><header><b>' + esc(o.product_name) + '</b> ' + label('order', o.order_status) +
      ' <small>订单 ' + esc(o.order_id) + ' · ×' + o.count + ' · 实付 ' + yuan(o.pay_amount) + ' · open_id ' + esc(o.open_id) +
      (o.refund_mode ? ' · ' + L.refundMode[o.refund_mode] : '') + '</small></header>' +
      '<div class="coupons">' + o.certificates.map((c) => couponCard(o, c, s.clock.now)).join('') + '</div>' +
      '<div class="refund">退款原因 <input data-reason placeholder="可选"> ' +
      ['user', 'customer_service', 'system'].map((by) => '<button data-act="refund" data-by="' + by + '" data-order="' + esc(o.order_id) + '">' + L.by[by] + '退款</button>').join('') +
      '<small>（不选券 = 默认范围）</small></div>' +
      (r ? '<div class="refund-result ' + (r.ok ? 'ok' : 'bad') + '">' + esc(r.text) + (r.hint ? '<br><small>' + esc(r.hint) + '</small>' : '') + '</div>' : '') + '</article>'
  }).join('') : '<p><small>还没有订单：先发布商品、审核通过，再购买</small></p>'
  for (const c of $('orders').querySelectorAll('input[data-pick]')) c.checked = picked.has(c.value)
  for (const o of $('orders').querySelectorAll('.order')) o.querySelector('input[data-reason]').value = reasons[o.dataset.order] || ''
}
const ticking = (s) => s.orders.some((o) => o.certificates.some((c) => c.cancel_until))
RENDERERS.push((s) => show('orders', [s.orders, ticking(s) ? s.clock.now : 0, S.refunds], () => renderOrders(s)))
`
