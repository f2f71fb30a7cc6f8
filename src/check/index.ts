/** The conformance checker of a merchant's webhook and SPI endpoints: `douyin-sandbox check` and `checkMerchant`. */
export { runChecks, type CheckOptions } from './runner.js'
export { CheckSetupError } from './sandbox-link.js'
export { junitReport, jsonReport, renderReport, REPORTERS, textReport, type ReporterName } from './reporters.js'
export type { CheckReport, CheckResult, CheckStatus, Exchange, SentRequest } from './check.types.js'
