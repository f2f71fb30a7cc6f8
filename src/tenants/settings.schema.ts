/** The tenant's switches as a wire schema (GET/PUT /sandbox/settings); see settings.ts. */
import { z } from '@hono/zod-openapi'

export const settingsSchema = z
  .object({
    /** unknown attr_key_value_map keys are refused (the platform "cannot recognise" them); false: ignored */
    strict_attrs: z.boolean(),
    /** may publish 实物周边 (item_type 201) sub-items in combo packs */
    merch_permission: z.boolean(),
    /** virtual seconds between product/save and the automatic audit */
    audit_delay_seconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86400),
    /** a product_name containing one of these fails the automatic audit */
    audit_forbidden_words: z.array(z.string().min(1).max(50)).max(100),
    /** virtual seconds the merchant has to answer an order's refund audit before the platform refunds (订单查询: 72 小时) */
    refund_audit_timeout_seconds: z
      .number()
      .int()
      .min(1)
      .max(365 * 86400),
    /** the same for a 三方码 refund asked through refund_apply / answered by refund/audit (退款: 24 小时内, else approved) */
    tripartite_refund_audit_timeout_seconds: z
      .number()
      .int()
      .min(1)
      .max(365 * 86400),
    /** virtual seconds from a ledger record's creation to its settlement (status 0 → 2) */
    settle_delay_seconds: z
      .number()
      .int()
      .min(0)
      .max(365 * 86400),
    /** platform commission in percent of (original − merchant ticket) */
    commission_rate_percent: z.number().min(0).max(100),
    /** undelivered webhook events kept per tenant (waiting for a URL, retrying, given up); the oldest go first */
    outbox_limit: z.number().int().min(10).max(1_000_000),
    /** client_token calls allowed in a 5-minute window of virtual time (more answer 10020, no ban); 0: no limit */
    client_token_rate_limit: z.number().int().min(0).max(1_000_000),
    /** legacy (versions up to 0.1): Msg-Id also hashes the event's sequence number, so a repeated action gets a new one */
    msg_id_per_occurrence: z.boolean(),
    /** legacy (versions up to 0.1): the issue_code SPI body is flat (sku_id, pay_amount, original_amount; no validity) */
    issue_code_flat_body: z.boolean(),
    /** legacy (versions up to 0.1): a second verify with the same verify_token is refused whole with 4000109 */
    verify_token_single_use: z.boolean(),
    /**
     * legacy (versions up to 0.1): whole-call verification errors answer the sandbox's own 4000101–4000116 in
     * error_code (the platform answers 3000001 with the specific code in extra.sub_error_code)
     */
    verify_errors_own_codes: z.boolean(),
  })
  .strict()

export type TenantSettings = z.infer<typeof settingsSchema>
