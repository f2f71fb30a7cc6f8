/**
 * Secondary indexes of a collection, kept in memory beside it: each bucket (all records, one POI's, one
 * status's, …) lists its records' ids in `seq` order, so a list API pages in time proportional to the page.
 * The store builds an index from the collection the first time it is asked for and keeps it in step with every
 * put and delete after that; replacing a namespace (reset, snapshot restore) drops its indexes, to be built again
 * from the new records when next asked for. Nothing of it is persisted: a restart or a replayed log rebuilds it.
 */

/** What an index sorts and buckets a collection's records by. */
export interface IndexSpec<T> {
  /** the index's name, unique within its collection */
  name: string
  /** the buckets a record is listed in */
  buckets(doc: T): string[]
  /** the record's place: lists run in ascending seq, ties in the order the records were listed */
  seq(doc: T): number
  /** a time queries window on: binary-searched while the list is ordered by it too */
  time?(doc: T): number
}

/** One bucket: ids in ascending seq, with each record's seq and time beside it. */
export class SeqList {
  readonly ids: string[] = []
  readonly seqs: number[] = []
  readonly times: number[] = []
  /** whether `times` is nondecreasing along the list (kept conservatively: once false, false until rebuilt) */
  timeOrdered = true

  get size(): number {
    return this.ids.length
  }

  /** First position whose seq is greater than `seq` (or ≥ with `orEqual`). */
  seqBound(seq: number, orEqual = false): number {
    let lo = 0
    let hi = this.seqs.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (orEqual ? this.seqs[mid]! < seq : this.seqs[mid]! <= seq) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** First position whose time is greater than `time` (or ≥ with `orEqual`); the list must be time-ordered. */
  timeBound(time: number, orEqual = false): number {
    let lo = 0
    let hi = this.times.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (orEqual ? this.times[mid]! < time : this.times[mid]! <= time) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Position of `id` (whose seq is `seq`), or -1. */
  indexOf(id: string, seq: number): number {
    for (let i = this.seqBound(seq, true); i < this.seqs.length && this.seqs[i] === seq; i++)
      if (this.ids[i] === id) return i
    return -1
  }

  insert(id: string, seq: number, time: number): void {
    const i = this.seqBound(seq)
    if (i > 0 && this.times[i - 1]! > time) this.timeOrdered = false
    if (i < this.times.length && this.times[i]! < time) this.timeOrdered = false
    this.ids.splice(i, 0, id)
    this.seqs.splice(i, 0, seq)
    this.times.splice(i, 0, time)
  }

  remove(id: string, seq: number): void {
    const i = this.indexOf(id, seq)
    if (i < 0) return
    this.ids.splice(i, 1)
    this.seqs.splice(i, 1)
    this.times.splice(i, 1)
  }
}

const EMPTY = new SeqList()

interface Placement {
  seq: number
  time: number
  buckets: string[]
}

const sameBuckets = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** The index of one collection of one namespace. */
export class SeqIndex<T> {
  private readonly lists = new Map<string, SeqList>()
  /** id → where the record is listed now (so a record changed in place still leaves its old buckets) */
  private readonly placed = new Map<string, Placement>()

  constructor(private readonly spec: IndexSpec<T>) {}

  /** The list of a bucket (empty when no record is in it). */
  list(bucket: string): SeqList {
    return this.lists.get(bucket) ?? EMPTY
  }

  /** Where record `id` is listed, if it is. */
  seqOf(id: string): number | undefined {
    return this.placed.get(id)?.seq
  }

  /** Lists every record of a collection at once (records in collection order; one sort per bucket). */
  build(records: Iterable<[string, T]>): this {
    const rows = new Map<string, Array<[string, number, number]>>()
    for (const [id, doc] of records) {
      const p = { seq: this.spec.seq(doc), time: this.spec.time?.(doc) ?? 0, buckets: this.spec.buckets(doc) }
      this.placed.set(id, p)
      for (const b of p.buckets) {
        let r = rows.get(b)
        if (!r) rows.set(b, (r = []))
        r.push([id, p.seq, p.time])
      }
    }
    for (const [b, r] of rows) {
      r.sort((x, y) => x[1] - y[1])
      const l = new SeqList()
      for (const [id, seq, time] of r) {
        if (l.size > 0 && l.times[l.size - 1]! > time) l.timeOrdered = false
        l.ids.push(id)
        l.seqs.push(seq)
        l.times.push(time)
      }
      this.lists.set(b, l)
    }
    return this
  }

  /** Keeps the index in step with a put (`doc`) or a delete (undefined) of record `id`. */
  update(id: string, doc: T | undefined): void {
    const was = this.placed.get(id)
    const now =
      doc === undefined
        ? undefined
        : { seq: this.spec.seq(doc), time: this.spec.time?.(doc) ?? 0, buckets: this.spec.buckets(doc) }
    if (was && now && was.seq === now.seq && was.time === now.time && sameBuckets(was.buckets, now.buckets)) return
    if (was)
      for (const b of was.buckets) {
        const l = this.lists.get(b)
        l?.remove(id, was.seq)
        if (l?.size === 0) this.lists.delete(b) // buckets come and go (one per entity): keep only the live ones
      }
    if (!now) {
      this.placed.delete(id)
      return
    }
    this.placed.set(id, now)
    for (const b of now.buckets) {
      let l = this.lists.get(b)
      if (!l) this.lists.set(b, (l = new SeqList()))
      l.insert(id, now.seq, now.time)
    }
  }
}

/** The indexes of a store: namespace → collection → index name → index. */
export class IndexRegistry {
  private readonly byNs = new Map<string, Map<string, Map<string, SeqIndex<never>>>>()

  constructor(private readonly records: (ns: string, coll: string) => Iterable<[string, object]>) {}

  /** The index `spec` of a collection, built on first use and kept in step with every write after that. */
  of<T extends object>(ns: string, coll: string, spec: IndexSpec<T>): SeqIndex<T> {
    let colls = this.byNs.get(ns)
    if (!colls) this.byNs.set(ns, (colls = new Map()))
    let named = colls.get(coll)
    if (!named) colls.set(coll, (named = new Map()))
    let ix = named.get(spec.name) as SeqIndex<T> | undefined
    if (!ix) {
      ix = new SeqIndex(spec).build(this.records(ns, coll) as Iterable<[string, T]>)
      named.set(spec.name, ix as unknown as SeqIndex<never>)
    }
    return ix
  }

  /** A record was put (`doc`) or deleted (undefined). */
  changed(ns: string, coll: string, id: string, doc: object | undefined): void {
    const named = this.byNs.get(ns)?.get(coll)
    if (named) for (const ix of named.values()) (ix as SeqIndex<object>).update(id, doc)
  }

  /** A namespace was replaced or dropped: its indexes are built again when next asked for. */
  dropNamespace(ns: string): void {
    this.byNs.delete(ns)
  }
}
