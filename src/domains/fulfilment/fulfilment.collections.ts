/** The fulfilment domain's collections in a tenant's namespace (src/sandbox.ts merges every domain's into the tenant's map). */
import type { CertificateRecord, VerifyRecord, VerifyToken } from './fulfilment.store.js'
import type { ReserveCodeRecord } from './reserve-codes.store.js'

export interface FulfilmentCollections {
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
}
