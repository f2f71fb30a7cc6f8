/** Project rules that a reader should not have to check by hand (../shared/conventions.md). */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })
}

describe('conventions', () => {
  it('reads the system time and randomness only in src/core', () => {
    const offenders = sources(SRC)
      .filter((f) => !relative(SRC, f).startsWith('core/'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(SRC, f)}:${i + 1}` }))
          .filter(({ line }) => /Date\.now\(|new Date\(\)|Math\.random\(/.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      )
    expect(offenders).toEqual([])
  })

  it('keeps source files under 300 lines', () => {
    const big = sources(SRC)
      .map((f) => ({ f: relative(SRC, f), n: readFileSync(f, 'utf8').split('\n').length }))
      .filter(({ n }) => n > 300)
    expect(big).toEqual([])
  })
})
