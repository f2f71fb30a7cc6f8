/** A JSON answer of the sandbox, read loosely: scenarios check what they need of it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any
