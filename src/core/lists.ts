/** The items of a comma-separated list (the SDKs join arrays with commas), trimmed, blanks dropped. */
export const commaItems = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
