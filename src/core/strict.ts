/**
 * The typed client's strict input (an unknown or misspelt field does not compile), at the ground floor so that a
 * domain's example bodies (goods/product.examples.ts) name a contract's input without importing the client.
 */

/** The named keys of T, without its index signatures. */
type NamedKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : symbol extends K ? never : K]: 0
}
/**
 * T without the `[key: string]: unknown` that a loose schema adds, at every depth: the server lets unknown fields
 * through as the platform does, but in the client an unknown or misspelt field is a compile error. A genuine
 * map (an index signature with a typed value, or one with no named keys) is kept.
 */
export type Strict<T> = T extends readonly unknown[]
  ? { [I in keyof T]: Strict<T[I]> }
  : T extends object
    ? string extends keyof T
      ? unknown extends T[string & keyof T]
        ? [NamedKeys<T>] extends [never]
          ? T
          : { [K in keyof T as K extends NamedKeys<T> ? K : never]: Strict<T[K]> }
        : { [K in keyof T]: Strict<T[K]> }
      : { [K in keyof T]: Strict<T[K]> }
    : T
