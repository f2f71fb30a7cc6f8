import { describe, expect, it } from 'vitest'
import { TextRing } from './text-ring.js'

/** A small deterministic generator (the test needs no seeded-state plumbing). */
function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const ALPHABET = ['a', 'Z', '9', '"', '\\', '券', '核销', '😀', ' ']

function text(rand: () => number, maxChars: number): string {
  const n = Math.floor(rand() * maxChars)
  let out = ''
  for (let i = 0; i < n; i++) out += ALPHABET[Math.floor(rand() * ALPHABET.length)]
  return out
}

describe('text ring', () => {
  it('keeps the newest entries with their exact texts, within both bounds, across many wraps', () => {
    for (const [seed, maxEntries, maxBytes, maxChars] of [
      [1, 50, 4096, 200],
      [2, 7, 100_000, 500],
      [3, 1000, 2048, 300],
      [4, 30, 1500, 1],
    ] as const) {
      const rand = lcg(seed)
      const ring = new TextRing<{ n: number }>(maxEntries, maxBytes, 256)
      const pushed: string[] = []
      for (let n = 0; n < 3000; n++) {
        const t = text(rand, maxChars)
        pushed.push(t)
        ring.push({ n }, t)
        if (n % 97 !== 0 && n !== 2999) continue
        const kept = ring.entries()
        const first = kept[0]?.meta.n ?? n + 1
        // a suffix of what was pushed, in order, texts intact
        expect(kept.map((e) => e.meta.n)).toEqual(Array.from({ length: kept.length }, (_, i) => first + i))
        expect(kept.map((e) => e.text())).toEqual(pushed.slice(first, n + 1))
        expect(kept.length).toBeLessThanOrEqual(maxEntries)
        const bytes = kept.reduce((sum, e) => sum + Buffer.byteLength(e.text()), 0)
        expect(bytes).toBeLessThanOrEqual(maxBytes)
        // nothing dropped while both bounds had room: the one before the kept ones would not have fitted
        if (first > 0 && kept.length < maxEntries) {
          const withPrevious = bytes + Buffer.byteLength(pushed[first - 1]!)
          const longest = Math.max(...pushed.slice(first - 1, n + 1).map((s) => Buffer.byteLength(s)))
          expect(withPrevious + longest).toBeGreaterThan(maxBytes)
        }
      }
    }
  })

  it('grows its buffer only as needed and drops a text larger than the whole ring rather than break', () => {
    const ring = new TextRing<number>(10, 1000, 64)
    ring.push(1, 'x'.repeat(10))
    ring.push(2, 'y'.repeat(5000))
    ring.push(3, 'z')
    expect(ring.entries().map((e) => [e.meta, e.text()])).toEqual([
      [1, 'x'.repeat(10)],
      [2, ''],
      [3, 'z'],
    ])
  })
})
