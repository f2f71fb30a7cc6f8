/** What the control plane's operations do and the codes they answer (OpenAPI document), webhooks aside. */
import { defineOpDocs } from '../http/op-docs.js'

const SNAPSHOT = 'no snapshot of that name in this tenant'

export const adminDocs = defineOpDocs({
  sandboxHealth: {
    description: 'Liveness: the version and uptime. Reads and changes nothing; needs no control token.',
  },
  sandboxCreateTenant: {
    description:
      'Creates an isolated tenant with its own credentials, account, POIs, data, virtual clock, seeded ids and journal; the fields left out are generated.',
    errors: { 2100005: 'a field is invalid, or the client_key is already a tenant' },
  },
  sandboxDeleteTenant: {
    description:
      'Deletes a tenant: waits for its webhook deliveries in flight, then drops its record, data, clock, jobs, webhook and SPI URLs and snapshots. Its tokens answer 2190002 from then on; a tenant with the same client_key can be created again. The default tenant cannot be deleted (reset it instead).',
    errors: {
      4000001: 'no tenant has this client_key',
      4000002: 'the client_key is the default tenant, which cannot be deleted',
    },
  },
  sandboxListTenants: { description: 'Lists every tenant with its credentials, account and POIs. Changes nothing.' },
  sandboxReset: {
    description:
      'Puts the tenant back to its fixtures: products, orders, coupons, refunds, bills, outbox and delivery log go, the clock returns to its start and pending jobs are dropped; credentials, issued tokens and the webhook URL stay, and a client_token ban is lifted.',
  },
  sandboxGetClock: { description: "Reads the tenant's virtual clock and its pending jobs. Changes nothing." },
  sandboxAdvanceClock: {
    description:
      "Moves the tenant's virtual time forward (seconds or to an instant) and runs every job that falls due on the way, in order (audits, token expiry, refund audits, coupon expiry, webhook retries); answers the jobs it ran.",
  },
  sandboxFreezeClock: {
    description:
      "Stops the tenant's virtual time, at `at` when given (not in the virtual past; the jobs up to it run).",
  },
  sandboxUnfreezeClock: { description: "Lets the tenant's virtual time run again from where it stood." },
  sandboxSaveSnapshot: {
    description:
      "Saves the tenant's whole state (data, clock, pending jobs, outbox) under a name, replacing one of the same name.",
  },
  sandboxListSnapshots: { description: "Lists the tenant's snapshots. Changes nothing." },
  sandboxRestoreSnapshot: {
    description: 'Puts the tenant back to a snapshot: data, clock and pending jobs.',
    errors: { 4000001: SNAPSHOT },
  },
  sandboxDeleteSnapshot: { description: 'Forgets a snapshot.', errors: { 4000001: SNAPSHOT } },
  sandboxJournal: {
    description:
      "Lists the tenant's recorded requests (method, path, query, body, status, error_code, latency, virtual time, logid), newest first. Reads the in-memory journal only.",
    errors: {},
  },
  sandboxClearJournal: { description: "Empties the tenant's journal." },
  sandboxPutFaults: {
    description:
      "Replaces the tenant's fault rules: request rules (an error code, latency or a dropped connection for an operation or path) and outbound ones (drop, delay or duplicate webhooks or SPI calls).",
  },
  sandboxGetFaults: { description: "Lists the tenant's active fault rules. Changes nothing." },
  sandboxClearFaults: { description: 'Removes every fault rule of the tenant.' },
  sandboxUiState: {
    description:
      'What the dashboard shows of the tenant: clock, products, orders with coupons, deliveries, undelivered webhook events, journal and faults. Changes nothing.',
  },
  sandboxAuditProduct: {
    description:
      "Finishes the audit of a product's draft now (PASS or FAIL with a reason) instead of after 60 virtual seconds; the draft status changes, an approved product goes online unless auto_online is false, and the audit webhooks are queued.",
    errors: { 4000001: 'no such product', 4000002: 'the product has no draft waiting for audit' },
  },
  sandboxExampleProductSave: {
    description:
      'Answers a product/save body valid now for the tenant (its account, POIs, virtual clock), of the kind asked, to start from. Changes nothing.',
    errors: {},
    params: {
      kind: 'which product: an ordinary 团购 or a combo pack',
      bare: 'true: the body only, without the envelope',
    },
  },
  sandboxGetSettings: {
    description: "Reads the tenant's switches (audit, refunds, limits, permissions). Changes nothing.",
  },
  sandboxPutSettings: { description: "Changes some of the tenant's switches; a reset restores the defaults." },
  sandboxListScenarios: {
    description:
      'Lists the built-in scenario scripts and the last 20 runs started here (kept in memory). Changes nothing.',
  },
  sandboxRunScenario: {
    description:
      'Starts a built-in scenario against this sandbox, in a fresh tenant with the built-in reference merchant as webhook and SPI target, and answers at once; the run goes on in the background (GET /sandbox/scenarios/runs/{run_id} follows it).',
    errors: { 2100005: 'name is not a built-in scenario' },
  },
  sandboxScenarioRun: {
    description:
      "A scenario run's status (running, passed, failed), its tenant and its timeline lines so far. Changes nothing.",
    errors: { 4000001: 'no run with this run_id (runs are kept in memory: a restart forgets them)' },
    params: { run_id: 'the run_id that POST /sandbox/scenarios/runs answered' },
  },
})
