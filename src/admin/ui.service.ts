/** The console's data (GET /sandbox/ui/state). No HTTP here. */
import type { Tenant } from '../tenants/tenant.js'
import { goodsData } from '../domains/goods/goods.store.js'
import { afterSalesView, ledgerView, ordersView } from './ui.state-trade.js'
import type { Faults } from './faults.js'
import type { Journal } from './journal.js'
import { describeClock } from './admin.service.js'
import { outboxView } from '../webhooks/outbox.js'

const LIMIT = 50
/** deliveries come with their whole request and answer: fewer */
const DELIVERIES = 30

/**
 * What the console shows of a tenant: clock, the newest products, orders and deliveries, the undelivered
 * webhook events (oldest first: given up, held behind an earlier one, pending), journal and faults.
 */
export function dashboardState(t: Tenant, journal: Journal, faults: Faults) {
  const clock = describeClock(t)
  return {
    client_key: t.key,
    clock: { ...clock, beijing: new Date((clock.now + 8 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ') },
    products: goodsData(t)
      .products.values()
      .sort((a, b) => b.seq - a.seq)
      .slice(0, LIMIT)
      .map((p) => ({
        product_id: p.product_id,
        product_name: p.draft.product.product_name,
        draft_status: p.draft_status,
        online_status: p.online_status,
        product_type: p.product_type,
        audit_msg: p.audit_msg,
        refund_mode: p.online?.refund_mode ?? p.draft.refund_mode,
        sub_items: p.draft.sub_items.length,
        actual_amount: p.draft.sku?.actual_amount ?? null,
        poi_ids: (p.draft.product.pois ?? []).map((x) => x.poi_id),
        avail_qty: p.stock.avail_qty,
        stock_qty: p.stock.stock_qty,
      })),
    orders: ordersView(t, LIMIT),
    after_sales: afterSalesView(t, LIMIT),
    ledger: ledgerView(t, LIMIT),
    deliveries: t.repo
      .collection('deliveries')
      .values()
      .sort((a, b) => Number(b.seq) - Number(a.seq))
      .slice(0, DELIVERIES)
      // every detail: request headers (signature included) and body, answer, error, attempt and next retry
      .map((d) => ({ ...d, retry_at: d.retry_at ?? null, given_up: d.given_up ?? false })),
    outbox: outboxView(t)
      .slice(0, LIMIT)
      .map((e) => ({
        event_id: e.event_id,
        event: e.event,
        entity: `${e.entity_type} ${e.entity_id}`,
        status: e.status,
        attempts: e.attempts,
        last_error: e.last_error,
        blocked_by: e.blocked_by,
        given_up_reason: e.given_up_reason,
      })),
    journal: journal.list(t.key, { limit: LIMIT }).entries.map((e) => ({ ...e })),
    faults: faults.list(t).map((f) => ({ ...f })),
  }
}
