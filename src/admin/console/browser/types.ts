/** The JSON the console reads: GET /sandbox/ui/state, the control plane's answers and the platform's `data`. */

/** Every answer's `data` may carry an error. */
export interface Answer {
  error_code?: number
  description?: string
  /** the detail naming the field (the answer's extra.sub_description) */
  detail?: string
  /** the specific code (the answer's extra.sub_error_code) */
  sub_error_code?: number
}

export interface Tenant {
  client_key: string
  client_secret: string
  account_name: string
  is_default?: boolean
  poi_ids?: string[]
}

export interface Clock {
  now: number
  beijing: string
  frozen: boolean
  pending_jobs: number
}

export interface Product {
  product_id: string
  product_name: string
  product_type: number
  draft_status: number
  online_status: number
  audit_msg?: string | null
  refund_mode?: number | null
  sub_items: number
  actual_amount: number | null
  avail_qty: number
  stock_qty: number
}

export interface Coupon {
  certificate_id: string
  status: number
  sub_item_name: string
  code: string
  encrypted_code: string
  encrypted_data: string
  pay_amount: number
  expire_time: number
  refund_amount: number
  verify_id: string | null
  verify_time: number | null
  cancel_until: number | null
}

export interface Order {
  order_id: string
  order_status: number
  product_name: string
  refund_mode: number | null
  count: number
  open_id: string
  pay_amount: number
  certificates: Coupon[]
}

export interface AfterSale {
  after_sale_id: string
  order_id: string
  by: string
  refund_type: number
  status: number
  refund_amount: number
  reason?: string | null
  reject_reason?: string | null
}

export interface Ledger {
  fund_amount_type: number
  status: number
  certificate_id: string
  bill_date: string
  ledger_time: number | null
  original: number
  commission: number
  goods: number
}

export interface OutboxEvent {
  event_id: string
  event: string
  entity: string
  status: string
  attempts: number
  last_error?: string | null
  blocked_by?: string | null
  given_up_reason?: string | null
}

export interface Delivery {
  delivery_id: string
  event: string
  msg_id: string
  url: string
  attempt: number
  redelivery: boolean
  request: { headers: Record<string, string>; body: string }
  status: number | null
  response_excerpt: string
  latency_ms: number
  error: string | null
  outcome: string
  retry_at: number | null
  given_up: boolean
  virtual_time: number
}

export interface JournalEntry {
  seq: number
  method: string
  path: string
  query: string
  body: string
  request_headers?: Record<string, string>
  status: number
  response_body: string
  error_code: number | null
  latency_ms: number
  virtual_time: number
  logid: string
}

export interface ConsoleState {
  client_key: string
  clock: Clock
  products: Product[]
  orders: Order[]
  after_sales: AfterSale[]
  ledger: Ledger[]
  deliveries: Delivery[]
  outbox: OutboxEvent[]
  faults: unknown[]
}

export interface ScenarioRun {
  run_id: string
  scenario: string
  status: string
  client_key?: string | null
  lines: string[]
  failure?: string | null
}

/** The body of goods/product/save, as far as the console edits it. */
export interface ProductSaveBody {
  product: { product_name: string; category_id: number | string; attr_key_value_map: Record<string, string> }
  sku: {
    sku_name: string
    actual_amount: number
    origin_amount: number
    stock: { stock_qty: number }
    attr_key_value_map: Record<string, string>
  }
}

/** A button's action: it gets the element clicked (its data-* attributes say what to act on). */
export type Actions = Record<string, (el: HTMLElement) => Promise<unknown>>
