/**
 * Per-tenant switches for platform behaviour the docs leave to the platform's discretion
 * (docs/decisions.md). Stored in t:<key>/meta/settings; a reset restores the defaults.
 */
import type { TenantSettings } from './settings.schema.js'
import type { Tenant } from './tenant.js'

export { settingsSchema, type TenantSettings } from './settings.schema.js'

export const DEFAULT_SETTINGS: TenantSettings = {
  strict_attrs: true,
  merch_permission: false,
  audit_delay_seconds: 60,
  audit_forbidden_words: ['违禁', '最低价', '全网第一'],
  refund_audit_timeout_seconds: 72 * 3600,
  tripartite_refund_audit_timeout_seconds: 24 * 3600,
  settle_delay_seconds: 86400,
  commission_rate_percent: 2.5,
  outbox_limit: 10_000,
  client_token_rate_limit: 500,
  msg_id_per_occurrence: false,
  issue_code_flat_body: false,
  verify_token_single_use: false,
  verify_errors_own_codes: false,
}

/** The tenant's settings (defaults where never set). */
export function settingsOf(t: Tenant): TenantSettings {
  const stored = t.repo.collection('meta').get('settings')
  return { ...DEFAULT_SETTINGS, ...stored }
}

/** Merges a partial update and stores it. */
export function updateSettings(t: Tenant, patch: Partial<TenantSettings>): TenantSettings {
  const next = { ...settingsOf(t), ...patch }
  t.repo.collection('meta').put('settings', next)
  return next
}
