/**
 * Per-tenant switches for platform behaviour the docs leave to the platform's discretion
 * (README "Where the sandbox decides"). Stored in t:<key>/meta/settings; a reset restores the defaults.
 */
import { z } from 'zod'
import type { Tenant } from './tenant.js'

export const settingsSchema = z
  .object({
    /** unknown attr_key_value_map keys are refused (the platform "cannot recognise" them); false: ignored */
    strict_attrs: z.boolean(),
    /** may publish 实物周边 (item_type 201) sub-items in combo packs */
    merch_permission: z.boolean(),
    /** virtual seconds between product/save and the automatic audit */
    audit_delay_seconds: z.number().int().min(0).max(30 * 86400),
    /** a product_name containing one of these fails the automatic audit */
    audit_forbidden_words: z.array(z.string().min(1).max(50)).max(100),
    /** virtual seconds the merchant has to answer a refund audit before the platform's default (approve) applies */
    refund_audit_timeout_seconds: z.number().int().min(1).max(365 * 86400),
    /** virtual seconds from a ledger record's creation to its settlement (status 0 → 2) */
    settle_delay_seconds: z.number().int().min(0).max(365 * 86400),
    /** platform commission in percent of (original − merchant ticket) */
    commission_rate_percent: z.number().min(0).max(100),
    /** undelivered webhook events kept per tenant (waiting for a URL, retrying, given up); the oldest go first */
    outbox_limit: z.number().int().min(10).max(1_000_000),
  })
  .strict()

export type TenantSettings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: TenantSettings = {
  strict_attrs: true,
  merch_permission: false,
  audit_delay_seconds: 60,
  audit_forbidden_words: ['违禁', '最低价', '全网第一'],
  refund_audit_timeout_seconds: 48 * 3600,
  settle_delay_seconds: 86400,
  commission_rate_percent: 2.5,
  outbox_limit: 10_000,
}

/** The tenant's settings (defaults where never set). */
export function settingsOf(t: Tenant): TenantSettings {
  const stored = t.repo.collection<Partial<TenantSettings>>('meta').get('settings')
  return { ...DEFAULT_SETTINGS, ...stored }
}

/** Merges a partial update and stores it. */
export function updateSettings(t: Tenant, patch: Partial<TenantSettings>): TenantSettings {
  const next = { ...settingsOf(t), ...patch }
  t.repo.collection<TenantSettings>('meta').put('settings', next)
  return next
}
