/**
 * The one parser of instants (flags, control-plane bodies, startSandbox options): Unix seconds, Unix
 * milliseconds (13 digits or more) or an ISO-8601 date, between 1970 and 9999.
 */

/** Latest instant the sandbox accepts: 9999-12-31T23:59:59Z, in ms. */
export const MAX_INSTANT_MS = 253402300799000

/** Parses an instant into ms; throws an Error saying what is wrong (the caller names the field and the value). */
export function parseInstant(value: number | string): number {
  const text = typeof value === 'number' ? String(value) : value.trim()
  let ms: number
  if (/^\d+$/.test(text)) {
    const n = Number(text)
    ms = n < 1e12 ? n * 1000 : n
  } else {
    ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN
  }
  if (Number.isNaN(ms)) throw new Error(`must be Unix seconds or an ISO-8601 date (e.g. 2026-01-01T00:00:00+08:00)`)
  if (ms < 0 || ms > MAX_INSTANT_MS) throw new Error('must lie between 1970 and 9999')
  return ms
}
