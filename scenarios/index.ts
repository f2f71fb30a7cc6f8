/** Every scenario, in the order `--all` runs them. */
import { scenario as cancelWithinHour } from './cancel-within-hour.js'
import { scenario as comboPackVisits } from './combo-pack-visits.js'
import type { Scenario } from './lib/scenario.js'
import { scenario as noPartialExpiry } from './no-partial-expiry.js'
import { scenario as partialRefundPack } from './partial-refund-pack.js'
import { scenario as postVerifyRefund } from './post-verify-refund.js'
import { scenario as productAudit } from './product-audit.js'
import { scenario as thirdPartyCodes } from './third-party-codes.js'

export const SCENARIOS: readonly Scenario[] = [
  productAudit,
  comboPackVisits,
  cancelWithinHour,
  partialRefundPack,
  noPartialExpiry,
  postVerifyRefund,
  thirdPartyCodes,
]
