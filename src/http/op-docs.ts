/**
 * What the OpenAPI document says about an operation beyond its zod contract (docs/contract-tests.md):
 * what it does in the sandbox, the business error codes it answers and the meaning of its parameters. Each
 * domain keeps a `<domain>.docs.ts` of `defineOpDocs({ <operationId>: {…} })`, listed in src/docs/op-docs.registry.ts.
 */
export interface OpDoc {
  /** What the operation does in the sandbox: which state it reads and which it changes. */
  description: string
  /**
   * The business codes the operation answers, code → what it means here. The codes every operation of its kind
   * answers (bad parameters, token, account, unknown tenant) are added by `gatewayCodes` and need no entry.
   */
  errors?: Record<number, string>
  /**
   * Codes answered inside the success data rather than as the call's error_code (verify_results[].result):
   * listed in `x-error-codes` with `in` naming the field, not part of the error schema.
   */
  entryCodes?: { in: string; codes: Record<number, string> }
  /** Descriptions of the parameters the contract and the glossary (`param-glossary.ts`) do not describe. */
  params?: Record<string, string>
}

export type OpDocs = Record<string, OpDoc>

/** Declares the docs of a domain's operations, keyed by operationId. */
export const defineOpDocs = <T extends OpDocs>(docs: T): T => docs
