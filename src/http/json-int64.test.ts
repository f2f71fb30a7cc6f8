import { describe, expect, it } from 'vitest'
import { int64 } from '../core/int64.js'
import { exactJsonText, stringifyExact } from './json-int64.js'

describe('json-int64', () => {
  it('quotes only integer literals beyond 2^53, never inside strings', () => {
    const text =
      '{"a":7113893944009705516,"b":[9007199254740991,-7010000000000000001,1.5e300],"c":"x\\"7113893944009705516"}'
    expect(JSON.parse(exactJsonText(text))).toEqual({
      a: '7113893944009705516',
      b: [9007199254740991, '-7010000000000000001', 1.5e300],
      c: 'x"7113893944009705516',
    })
    expect(exactJsonText('{"n":123}')).toBe('{"n":123}')
  })

  it('writes int64 values as exact numbers and everything else as JSON.stringify does', () => {
    const v = { id: int64('6601137575719602180'), s: 'a"b', n: 1.5, u: undefined, l: [int64('1'), null], o: {} }
    expect(stringifyExact(v)).toBe('{"id":6601137575719602180,"s":"a\\"b","n":1.5,"l":[1,null],"o":{}}')
    expect(JSON.stringify({ id: int64('6601137575719602180') })).toBe('{"id":"6601137575719602180"}')
  })
})
