/**
 * Any product from its template: the template's attributes as a form (one row each, filled from a valid example
 * body), submitted as goods/product/save.
 */
import { control, platform } from './api.js'
import { $, draw, note, valueOf } from './dom.js'
import { S } from './state.js'
import type { Actions, ProductSaveBody } from './types.js'

interface Attr {
  key: string
  name: string
  value_type: string
  is_required?: boolean
}

const Row = ({ scope, a, value }: { scope: string; a: Attr; value: string | undefined }) => (
  <label class={a.is_required ? 'attr req' : 'attr'}>
    <span>
      {a.name} <code>{a.key}</code> <small>{a.value_type + (a.is_required ? ' · 必填' : '')}</small>
    </span>
    <input data-scope={scope} data-key={a.key} value={value ?? ''} />
  </label>
)

/** The required attributes and those the example fills, then the other optional ones folded away. */
const Rows = ({ scope, attrs, values }: { scope: string; attrs: Attr[]; values: Record<string, string> }) => (
  <>
    {attrs
      .filter((a) => a.is_required || values[a.key] !== undefined)
      .map((a) => (
        <Row scope={scope} a={a} value={values[a.key]} />
      ))}
    <details>
      <summary>可选属性</summary>
      {attrs
        .filter((a) => !a.is_required && values[a.key] === undefined)
        .map((a) => (
          <Row scope={scope} a={a} value="" />
        ))}
    </details>
  </>
)

export const templateActions: Actions = {
  template: async () => {
    const [kind, type] = valueOf('tpl-kind').split(':')
    const ex = await control<{ body: ProductSaveBody }>('GET', '/sandbox/examples/product_save?kind=' + kind)
    const query = { category_id: String(ex.body.product.category_id), product_type: type ?? '' }
    const tpl = await platform<{ product_attrs: Attr[]; sku_attrs: Attr[] }>(
      'GET',
      '/goodlife/v1/goods/template/get/',
      query,
    )
    if (!note('读取模版 ' + kind, tpl)) return
    S.template = ex.body
    const { product, sku } = ex.body
    draw(
      'tpl-form',
      <>
        <div class="row">
          <label>
            商品名 <input id="tpl-name" value={product.product_name} />
          </label>
          <label>
            售价（元）
            <input id="tpl-price" type="number" step="0.01" value={String(sku.actual_amount / 100)} />
          </label>
          <label>
            库存 <input id="tpl-stock" type="number" value={String(sku.stock.stock_qty)} />
          </label>
        </div>
        <h4>商品属性 product_attrs</h4>
        <Rows scope="product" attrs={tpl.product_attrs} values={product.attr_key_value_map} />
        <h4>SKU 属性 sku_attrs</h4>
        <Rows scope="sku" attrs={tpl.sku_attrs} values={sku.attr_key_value_map} />
        <button data-act="templateSave" id="tpl-save">
          提交 product/save
        </button>
      </>,
    )
  },
  templateSave: async () => {
    const body = JSON.parse(JSON.stringify(S.template)) as ProductSaveBody
    const name = valueOf('tpl-name')
    const price = Math.round(Number(valueOf('tpl-price')) * 100)
    body.product.product_name = body.sku.sku_name = name
    body.sku.actual_amount = price
    body.sku.origin_amount = Math.max(body.sku.origin_amount, price)
    body.sku.stock.stock_qty = Number(valueOf('tpl-stock'))
    for (const input of $('tpl-form').querySelectorAll<HTMLInputElement>('input[data-scope]')) {
      const map = input.dataset.scope === 'sku' ? body.sku.attr_key_value_map : body.product.attr_key_value_map
      if (input.value === '') delete map[input.dataset.key ?? '']
      else map[input.dataset.key ?? ''] = input.value
    }
    body.product.attr_key_value_map.product_name = name
    body.sku.attr_key_value_map.stock_info = JSON.stringify(body.sku.stock)
    const d = await platform<{ product_id?: string }>('POST', '/goodlife/v1/goods/product/save/', null, body)
    note('按模版发布 ' + name, d, d.product_id ? 'product_id ' + d.product_id : '')
  },
}
