import { describe, expect, it } from 'vitest'
import { browsable } from './start.js'

describe("the start banner's console and docs links", () => {
  it('name localhost for a server listening on every address, and the address itself otherwise', () => {
    expect(browsable('http://0.0.0.0:8787')).toBe('http://localhost:8787')
    expect(browsable('http://[::]:8787')).toBe('http://localhost:8787')
    expect(browsable('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787')
    expect(browsable('http://[::1]:9000')).toBe('http://[::1]:9000')
    expect(browsable('http://10.0.0.7:8787')).toBe('http://10.0.0.7:8787')
  })
})
