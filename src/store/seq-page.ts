/**
 * Pages read from index lists (seq-index.ts): a run is the part of one bucket a query selects (a time window
 * binary-searched, or the records a filter keeps), and a page walks one or more runs merged by seq. Only a filter
 * on something the index does not hold (`keep`) or a window over a list not ordered by time reads a whole run.
 */
import type { SeqList } from './seq-index.js'

/** Positions lo ≤ i < hi of ids/seqs (ascending seq) that a query selected. */
export interface Run {
  ids: readonly string[]
  seqs: readonly number[]
  lo: number
  hi: number
}

/**
 * The records of `list` whose time is ≥ `from` (when given) and ≤ `to` (when given) and that `keep` keeps.
 * @example run(ix.list(`poi:${poi}`), q.start_time, q.end_time)
 */
export function run(list: SeqList, from?: number, to?: number, keep?: (id: string) => boolean): Run {
  const ordered = list.timeOrdered
  const lo = ordered && from !== undefined ? list.timeBound(from, true) : 0
  const hi = Math.max(lo, ordered && to !== undefined ? list.timeBound(to) : list.size)
  if (!keep && (ordered || (from === undefined && to === undefined))) return { ids: list.ids, seqs: list.seqs, lo, hi }
  const ids: string[] = []
  const seqs: number[] = []
  for (let i = lo; i < hi; i++) {
    const t = list.times[i]!
    if (!ordered && ((from !== undefined && t < from) || (to !== undefined && t > to))) continue
    if (keep && !keep(list.ids[i]!)) continue
    ids.push(list.ids[i]!)
    seqs.push(list.seqs[i]!)
  }
  return { ids, seqs, lo: 0, hi: ids.length }
}

/** Number of records the runs select. */
export const total = (runs: Run[]): number => runs.reduce((n, r) => n + r.hi - r.lo, 0)

/** First position of `r` whose seq is ≥ `seq`. */
function lowerBound(r: Run, seq: number): number {
  let lo = r.lo
  let hi = r.hi
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (r.seqs[mid]! < seq) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Whether the runs select record `id` (whose seq is `seq`). */
export function selects(runs: Run[], id: string, seq: number): boolean {
  return runs.some((r) => {
    for (let i = lowerBound(r, seq); i < r.hi && r.seqs[i] === seq; i++) if (r.ids[i] === id) return true
    return false
  })
}

/**
 * Up to `size` ids, newest (highest seq) first, of the runs merged: after skipping `skip` of them, and only
 * those whose seq is below `below` when given (the records after a cursor).
 */
export function newestFirst(runs: Run[], size: number, opts: { skip?: number; below?: number } = {}): string[] {
  const at = runs.map((r) => (opts.below === undefined ? r.hi : lowerBound(r, opts.below)) - 1)
  const out: string[] = []
  let skip = opts.skip ?? 0
  if (runs.length === 1) {
    const r = runs[0]!
    for (let i = at[0]! - skip; i >= r.lo && out.length < size; i--) out.push(r.ids[i]!)
    return out
  }
  while (out.length < size) {
    let best = -1
    for (let k = 0; k < runs.length; k++)
      if (at[k]! >= runs[k]!.lo && (best < 0 || runs[k]!.seqs[at[k]!]! > runs[best]!.seqs[at[best]!]!)) best = k
    if (best < 0) break
    if (skip > 0) skip--
    else out.push(runs[best]!.ids[at[best]!]!)
    at[best]!--
  }
  return out
}

/**
 * The page `slice(start, start + size)` of the runs' ids newest first, as an array of them all would give it:
 * read from the index for a whole offset, from the list itself for any other (negative, fractional) one.
 */
export function newestPage(runs: Run[], start: number, size: number): string[] {
  if (Number.isInteger(start) && start >= 0) return newestFirst(runs, size, { skip: start })
  return newestFirst(runs, Infinity).slice(start, start + size)
}

/** The same `slice(start, start + size)` of one run's ids oldest first. */
export function oldestPage(r: Run, start: number, size: number): string[] {
  if (!(Number.isInteger(start) && start >= 0)) return r.ids.slice(r.lo, r.hi).slice(start, start + size)
  const from = r.lo + start
  return r.ids.slice(from, Math.max(from, Math.min(r.hi, from + size)))
}
