import { describe, expect, it } from 'vitest'
import { heapFlag, HEAP_GROWING_PERCENT } from './heap.js'

describe('the server process heap setting', () => {
  it('asks V8 for a smaller old-generation growth unless the user chose one', () => {
    expect(heapFlag([], '')).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
    expect(heapFlag(['--max-semi-space-size=8'], '--enable-source-maps')).toBe(
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
    )
    expect(heapFlag(['--heap-growing-percent=50'])).toBeNull()
    expect(heapFlag([], '--max-old-space-size=512 --heap_growing_percent=80')).toBeNull()
  })
})
