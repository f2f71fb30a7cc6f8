/** The settle domain's collections in a tenant's namespace (src/sandbox.ts merges every domain's into the tenant's map). */
import type { LedgerRecord } from './settle.store.js'

export interface SettleCollections {
  /** ledger_id → LedgerRecord */
  ledgers: LedgerRecord
  /** certificate_id → its ledger records */
  ledgers_by_cert: { ledger_ids: string[] }
}
