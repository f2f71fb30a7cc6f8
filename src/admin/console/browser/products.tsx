/** ① Products: publish a ready combo pack, audit, the product table and the products a consumer may buy. */
import { control, platform } from './api.js'
import { $, draw, note, show, valueOf } from './dom.js'
import { L, Label, yuan } from './format.js'
import { table } from './table.js'
import type { Actions, Product, ProductSaveBody } from './types.js'

export const productActions: Actions = {
  publish: async (el) => {
    const [kind, mode] = (el.dataset.kind ?? '').split(':')
    const query = 'kind=' + kind + (mode ? '&refund_mode=' + mode : '')
    const ex = await control<{ body: ProductSaveBody }>('GET', '/sandbox/examples/product_save?' + query)
    const d = await platform<{ product_id?: string }>('POST', '/goodlife/v1/goods/product/save/', null, ex.body)
    note('发布 ' + ex.body.product.product_name, d, d.product_id ? 'product_id ' + d.product_id + '，审核中' : '')
  },
  audit: async (el) => {
    const pass = el.dataset.result === 'PASS'
    const reason = pass ? undefined : valueOf('audit-reason') || '演示：审核驳回'
    const id = el.dataset.id ?? ''
    const d = await control('POST', '/sandbox/products/' + id + '/audit', { result: el.dataset.result, reason })
    note((pass ? '审核通过 ' : '审核驳回 ') + id, d)
  },
}

const AuditButtons = ({ p }: { p: Product }) =>
  p.draft_status === 10 ? (
    <>
      <button data-act="audit" data-result="PASS" data-id={p.product_id}>
        审核通过
      </button>
      <button data-act="audit" data-result="FAIL" data-id={p.product_id}>
        审核驳回
      </button>
    </>
  ) : (
    ''
  )

function renderProducts(ps: Product[]): void {
  table<Product>(
    'products',
    [
      [
        '商品',
        (p) => (
          <>
            <b>{p.product_name}</b>
            <br />
            <small>{p.product_id}</small>
          </>
        ),
      ],
      [
        '类型',
        (p) => (
          <>
            {L.productType?.[p.product_type] ?? p.product_type}
            {p.sub_items ? ` · 组合券包 ${p.sub_items} 项` : ''}
            {p.refund_mode ? (
              <>
                <br />
                <small>{L.refundMode?.[p.refund_mode]}</small>
              </>
            ) : null}
          </>
        ),
      ],
      [
        '审核',
        (p) => (
          <>
            <Label kind="draft" code={p.draft_status} />
            {p.audit_msg ? (
              <>
                <br />
                <small class="bad">{p.audit_msg}</small>
              </>
            ) : null}
          </>
        ),
      ],
      ['上线', (p) => <Label kind="online" code={p.online_status} />],
      ['售价', (p) => yuan(p.actual_amount)],
      ['库存', (p) => `${p.avail_qty} / ${p.stock_qty}`],
      ['', (p) => <AuditButtons p={p} />],
    ],
    ps,
    '还没有商品',
  )
  const keep = valueOf('buy-product')
  const online = ps.filter((p) => p.online_status === 1)
  draw(
    'buy-product',
    online.length ? (
      <>
        {online.map((p) => (
          <option value={p.product_id}>{`${p.product_name} · ${yuan(p.actual_amount)}`}</option>
        ))}
      </>
    ) : (
      <option value="">（没有在线商品）</option>
    ),
  )
  if (online.some((p) => p.product_id === keep)) $<HTMLSelectElement>('buy-product').value = keep
}

export const productsPart = (ps: Product[]): void => show('products', ps, renderProducts)
