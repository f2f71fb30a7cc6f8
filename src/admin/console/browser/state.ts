/** What the page remembers between polls: the tenant, its client tokens, what is shown, the till, the run. */
import type { Answer, ConsoleState, ProductSaveBody, ScenarioRun, Tenant } from './types.js'

export interface Till {
  prepared: Answer & {
    verify_token?: string
    order_id?: string
    certificates?: Array<{
      encrypted_code: string
      certificate_id: string
      sub_item_name?: string
      sku: { title: string }
      amount: { pay_amount: number }
    }>
  }
  /** the coupon whose card was clicked: only it is ticked; none ticks them all */
  scanned: string
  results?: Array<{ result: number; msg: string; certificate_id: string; out_good_id?: string }>
}

/** The answer to a refund click, kept until the order's card is drawn again. */
export interface RefundNote {
  ok: boolean
  text: string
  hint?: string
}

export const S = {
  key: new URLSearchParams(location.search).get('client_key') || '',
  tenants: [] as Tenant[],
  tokens: {} as Record<string, string>,
  state: null as ConsoleState | null,
  /** each part's data as last drawn (JSON), so a poll redraws only what changed */
  shown: {} as Record<string, string>,
  /** the data-key of every <details> the user opened */
  open: new Set<string>(),
  refunds: {} as Record<string, RefundNote>,
  till: null as Till | null,
  run: null as ScenarioRun | null,
  template: null as ProductSaveBody | null,
  refreshes: 0,
}

/** A control token (--control-token) comes in the fragment, which never leaves the browser: /sandbox/ui#token=… */
export const CONTROL_TOKEN = new URLSearchParams(location.hash.slice(1)).get('token') || ''

/** The tenant shown: the chosen one, else the default one, else the first. */
export const tenant = (): Tenant | undefined =>
  S.tenants.find((t) => t.client_key === S.key) || S.tenants.find((t) => t.is_default) || S.tenants[0]
