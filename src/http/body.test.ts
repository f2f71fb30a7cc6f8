import { describe, expect, it } from 'vitest'
import { jsonDepth } from './body.js'

describe('jsonDepth', () => {
  it('counts the deepest nesting of arrays and objects', () => {
    expect(jsonDepth('1')).toBe(0)
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4)
    expect(jsonDepth('[[],[[]]]')).toBe(3)
  })

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepth('{"a":"[[[[\\"{{{"}')).toBe(1)
  })
})
