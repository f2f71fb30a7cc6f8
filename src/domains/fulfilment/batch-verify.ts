/**
 * 跨订单验券: several orders' verifications in one call, each exactly as certificate/verify does it. An item that
 * fails as a whole answers its error in its own entry; the others go on.
 */
import { SandboxError } from '../../core/errors.js'
import { settingsOf } from '../../tenants/settings.js'
import type { Tenant } from '../../tenants/tenant.js'
import type { VerifyInput, VerifyResult, VerifyService } from './verify.service.js'

export interface BatchItemResult {
  error_code: number
  description: string
  sub_error_code?: number
  sub_description?: string
  verify_results: VerifyResult[]
}

export function batchVerify(
  t: Tenant,
  verify: VerifyService,
  b: { poi_id: string; certificate_batch_verify_list: Array<Omit<VerifyInput, 'poi_id'>> },
): BatchItemResult[] {
  return b.certificate_batch_verify_list.map((item) => {
    try {
      const verify_results = verify.verify(t, { ...item, poi_id: b.poi_id })
      return { error_code: 0, description: 'success', sub_error_code: 0, sub_description: '', verify_results }
    } catch (thrown) {
      if (!(thrown instanceof SandboxError)) throw thrown
      const e = thrown.answeredWith(settingsOf(t))
      // as the envelope of certificate/verify would answer it: the standard text, the detail, the specific code
      return {
        error_code: e.errorCode,
        description: e.text,
        sub_error_code: e.subErrorCode,
        sub_description: e.detail,
        verify_results: [],
      }
    }
  })
}
