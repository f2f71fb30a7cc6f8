/**
 * A 64-bit integer the platform sends as a JSON number (draft/online views: `pois[].poi_id`, `supplier_id`,
 * `creator_account_id`, `owner_account_id`). Such ids do not fit a double, so views carry their decimal digits
 * and `src/http/json-int64.ts` writes them as exact JSON numbers; anything else serialises them as digit strings.
 */
export class Int64 {
  constructor(readonly digits: string) {}

  /** JSON.stringify cannot write an exact 19-digit number: elsewhere the digits go out as a string. */
  toJSON(): string {
    return this.digits
  }
}

/**
 * Marks a digit string as an int64 JSON number. Typed as `number`, what a client's JSON parser reads; a value
 * that is not an integer stays a string.
 * @example poi_id: int64('6601137575719602180') // written as 6601137575719602180
 */
export function int64(digits: string): number {
  return (/^-?\d+$/.test(digits) ? new Int64(digits) : digits) as unknown as number
}
