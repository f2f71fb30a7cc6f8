/** Amounts in fen shared out over coupons, uses or items, so the parts add up to the whole. */

/** Splits `total` over `weights` so the parts add up exactly (largest remainder). */
export function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0))
  const raw = weights.map((w) => (total * w) / sum)
  const parts = raw.map(Math.floor)
  let left = total - parts.reduce((s, p) => s + p, 0)
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left <= 0) break
    parts[i]! += 1
    left--
  }
  return parts
}
