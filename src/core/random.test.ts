import { describe, expect, it } from 'vitest'
import { memoryHolder, SeededRandom, seedState } from './random.js'

const make = (seed: string, stream = 's') => new SeededRandom(memoryHolder(seedState(seed, stream)))

describe('seeded random', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    const a = make('x')
    const b = make('x')
    expect(Array.from({ length: 20 }, () => a.uint32())).toEqual(Array.from({ length: 20 }, () => b.uint32()))
  })

  it('differs between streams of one seed', () => {
    expect(make('x', 'a').id()).not.toBe(make('x', 'b').id())
  })

  it('makes 19-digit platform ids starting with 7', () => {
    const r = make('ids')
    for (let i = 0; i < 200; i++) expect(r.id()).toMatch(/^7\d{18}$/)
  })

  it('makes log ids from the Beijing-time stamp and 20 hex chars', () => {
    expect(make('l').logid(Date.UTC(2025, 11, 31, 16, 0, 0))).toMatch(/^20260101000000[0-9A-F]{20}$/)
  })

  it('keeps int() within its bounds and covers them', () => {
    const r = make('int')
    const seen = new Set<number>()
    for (let i = 0; i < 2000; i++) {
      const n = r.int(3, 7)
      expect(n).toBeGreaterThanOrEqual(3)
      expect(n).toBeLessThanOrEqual(7)
      seen.add(n)
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7])
  })

  it('seeds faker from the stream so faker output repeats', () => {
    const a = make('f').withFaker((f) => f.company.name())
    const b = make('f').withFaker((f) => f.company.name())
    expect(a).toBe(b)
  })

  it('persists its state through the holder', () => {
    let saved = seedState('p', 's')
    const holder = {
      get: () => saved,
      set: (s: typeof saved) => {
        saved = s
      },
    }
    const first = new SeededRandom(holder).uint32()
    const second = new SeededRandom(holder).uint32()
    const straight = make('p')
    expect([first, second]).toEqual([straight.uint32(), straight.uint32()])
  })
})
