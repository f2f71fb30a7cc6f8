/**
 * Every collection's name and record type: a tenant's namespace (t:<client_key>) and the shared one (sys). The
 * store is typed through these maps, so `t.repo.collection('certificates')` holds CertificateRecords.
 */
import type { SnapshotRecord } from '../admin/snapshots.service.js'
import type { StoredFault } from '../admin/faults.js'
import type { Job } from '../core/scheduler.js'
import type { AfterSaleRecord } from '../domains/after-sale/after-sale.store.js'
import type { CertificateRecord, VerifyRecord, VerifyToken } from '../domains/fulfilment/fulfilment.store.js'
import type { ReserveCodeRecord } from '../domains/fulfilment/reserve-codes.store.js'
import type { ProductRecord } from '../domains/goods/goods.store.js'
import type { CalendarRecord } from '../domains/goods/calendar.js'
import type { SpuRecord } from '../domains/goods/spu.js'
import type { ClientTokens, TokenRecord } from '../domains/oauth/oauth.store.js'
import type { LedgerRecord } from '../domains/settle/settle.store.js'
import type { MatchRelation, MatchTask } from '../domains/shop/poi-match.store.js'
import type { MemberRecord } from '../domains/member/member.store.js'
import type { CommentRecord } from '../domains/comment/comment.store.js'
import type { BookRecord } from '../domains/trade/booking.store.js'
import type { OrderRecord } from '../domains/trade/trade.store.js'
import type { IssueRecord, RefundApplyRecord, SpiTargets } from '../spi/spi.store.js'
import { Repo } from '../store/repo.js'
import type { Store } from '../store/store.js'
import type { DeliveryRecord, OutboxEvent, WebhookTarget } from '../webhooks/webhooks.store.js'
import { SYS_NS, type TenantRecord } from './tenants.store.js'

/** The collections of one tenant (t:<client_key>). */
export interface TenantCollections {
  /** product_id → ProductRecord */
  products: ProductRecord
  /** spu_id → a standard product (保存SPU) */
  spus: SpuRecord
  /** product_id → the product's calendar (per-date stock and attributes) */
  calendars: CalendarRecord
  /** out_id → the product it names */
  product_out_ids: { product_id: string }
  /** a combo pack's sub-product id → its pack */
  sub_products: { combination_id: string }
  /** certificate_id → CertificateRecord */
  certificates: CertificateRecord
  /** verify_id → VerifyRecord */
  verify_records: VerifyRecord
  /** verify_token → the coupons it may verify */
  verify_tokens: VerifyToken
  /** `${certificate_id}|${cancel_token}` → a 次卡 cancellation already done */
  cancel_tokens: { at: number; verify_ids: string[] }
  /** 预导码 → the imported code and what it was bound to */
  reserve_codes: ReserveCodeRecord
  /** code → the certificate holding it */
  cert_codes: { certificate_id: string }
  /** order_id → OrderRecord */
  orders: OrderRecord
  /** `${product_id}|${open_id}` → units bought, for limit_rule */
  units_bought: { units: number }
  /** book_id → a consumer's booking (预约单) */
  bookings: BookRecord
  /** after_sale_id → AfterSaleRecord */
  after_sales: AfterSaleRecord
  /** ledger_id → LedgerRecord */
  ledgers: LedgerRecord
  /** certificate_id → its ledger records */
  ledgers_by_cert: { ledger_ids: string[] }
  /** task_id → a POI match task (门店匹配) */
  poi_match_tasks: MatchTask
  /** ext_id (the merchant's store id) → the POI it is matched to */
  poi_matches: MatchRelation
  /** poi_id → the ext_id matched to it */
  poi_matches_by_poi: { ext_id: string }
  /** open_id → a member (会员) */
  members: MemberRecord
  /** rate_id → a consumer's review (餐饮评价) */
  comments: CommentRecord
  /** certificate_id → the review written after it */
  comments_by_cert: { rate_id: string }
  /** order_id → a 三方码 order's issuing state */
  spi_issues: IssueRecord
  /** after_sale_id → a refund asked of the merchant's refund_apply SPI */
  spi_refunds: RefundApplyRecord
  /** "rules" → the fault rules */
  faults: { rules: StoredFault[] }
  /** event_id → an event not yet delivered */
  outbox: OutboxEvent
  /** delivery_id → one delivery attempt */
  deliveries: DeliveryRecord
  /** "outbox" → events dropped by the outbox limit; "discarded" → events discarded through the control plane */
  outbox_dropped: { events: number; last_event_id: string }
  /** job_id → a scheduled job */
  jobs: Job
  /** clock, rng, counters, settings (typed by tenants.store.ts metaStore and settings.ts) */
  meta: object
}

/** The shared collections (sys). */
export interface SysCollections {
  /** client_key → TenantRecord */
  tenants: TenantRecord
  /** access token → TokenRecord */
  tokens: TokenRecord
  /** client_key → its newest tokens */
  oauth_clients: ClientTokens
  /** client_key → the tenant's SPI URLs */
  spi_targets: SpiTargets
  /** client_key → the tenant's webhook URL */
  webhook_targets: WebhookTarget
  /** `${client_key}/${name}` → a saved tenant */
  snapshots: SnapshotRecord
  /** the shared random stream's state */
  meta: object
}

/** The shared namespace's collections. */
export function sysRepo(store: Store): Repo<SysCollections> {
  return new Repo<SysCollections>(store, SYS_NS)
}
