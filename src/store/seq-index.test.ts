import { describe, expect, it } from 'vitest'
import type { IndexSpec } from './seq-index.js'
import { newestFirst, newestPage, oldestPage, run, selects, total } from './seq-page.js'
import { openMemoryStore } from './store.js'

interface Rec extends Record<string, unknown> {
  seq: number
  poi: string
  status: number
  time: number
}

const SPEC: IndexSpec<Rec> = {
  name: 'test',
  buckets: (r) => ['', `poi:${r.poi}`, `status:${r.status}`],
  seq: (r) => r.seq,
  time: (r) => r.time,
}

/** A fixed pseudo-random sequence (tests use no Math.random). */
function lcg(seed: number) {
  let x = seed
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return x % n
  }
}

describe('seq index', () => {
  it('pages as a filtered, sorted copy of the collection would, through puts, deletes and replacements', async () => {
    const store = await openMemoryStore()
    const rnd = lcg(7)
    let seq = 0
    let time = 1000
    for (let step = 0; step < 600; step++) {
      const op = rnd(10)
      const id = `r${rnd(120)}`
      const old = store.get<Rec>('t:a', 'recs', id)
      if (op < 6) {
        time += rnd(3) - (rnd(20) === 0 ? 50 : 0) // now and then the clock is set back
        store.put('t:a', 'recs', id, {
          seq: old?.seq ?? ++seq,
          poi: `p${rnd(3)}`,
          status: rnd(3),
          time: old?.time ?? time,
        })
      } else if (op < 8) store.delete('t:a', 'recs', id)
      else if (op === 8 && step % 50 === 0) store.replaceNamespace('t:a', store.exportNamespace('t:a'))
      const ix = store.indexes.of('t:a', 'recs', SPEC)
      const [poi, status] = [`p${rnd(3)}`, rnd(3)]
      const [from, to] = [time - rnd(30), time - rnd(5)]
      const all = store
        .values<Rec>('t:a', 'recs')
        .filter((r) => r.poi === poi && r.time >= from && r.time <= to)
        .sort((a, b) => b.seq - a.seq)
      const byPoi = run(ix.list(`poi:${poi}`), from, to)
      expect(total([byPoi])).toBe(all.length)
      const names = (rs: Rec[]) =>
        rs.map((r) => store.keys('t:a', 'recs').find((k) => store.get('t:a', 'recs', k) === r))
      expect(newestPage([byPoi], 2, 5)).toEqual(names(all.slice(2, 7)))
      const cursor = all[3]
      if (cursor) {
        const cid = names([cursor])[0]!
        expect(selects([byPoi], cid, cursor.seq)).toBe(true)
        expect(newestFirst([byPoi], 4, { below: cursor.seq })).toEqual(names(all.slice(4, 8)))
      }
      const twoStatuses = store
        .values<Rec>('t:a', 'recs')
        .filter((r) => r.status !== status)
        .sort((a, b) => b.seq - a.seq)
      const runs = [0, 1, 2].filter((s) => s !== status).map((s) => run(ix.list(`status:${s}`)))
      expect(newestFirst(runs, 6, { skip: 1 })).toEqual(names(twoStatuses.slice(1, 7)))
      const oldest = twoStatuses.toReversed()
      expect(
        oldestPage(
          run(ix.list(''), undefined, undefined, (id) => store.get<Rec>('t:a', 'recs', id)!.status !== status),
          3,
          4,
        ),
      ).toEqual(names(oldest.slice(3, 7)))
    }
  })
})
