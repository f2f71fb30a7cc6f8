/**
 * The documentation's links: every relative link of README.md, CONTRIBUTING.md, docs/ and the examples' READMEs
 * points at a file of the repository, and every `#anchor` at a heading of its page (GitHub's heading ids), so a
 * page moved or a heading renamed fails here instead of on a reader.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The Markdown pages users read. */
function pages(): string[] {
  const out = ['README.md', 'CONTRIBUTING.md'].filter((p) => existsSync(join(ROOT, p)))
  const walk = (dir: string) => {
    if (!existsSync(join(ROOT, dir))) return
    for (const f of readdirSync(join(ROOT, dir))) {
      const p = join(dir, f)
      if (f === 'node_modules') continue
      if (statSync(join(ROOT, p)).isDirectory()) walk(p)
      else if (f.endsWith('.md') && (dir.startsWith('docs') || f === 'README.md')) out.push(p)
    }
  }
  walk('docs')
  walk('examples')
  return out
}

/** GitHub's id of a heading: lower case, punctuation dropped (letters of any script kept), spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** The heading ids of a page, with GitHub's -1, -2 suffixes for repeats; fenced code is skipped. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>()
  const ids = new Set<string>()
  let fenced = false
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced
    const m = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!m) continue
    const base = slug(m[1]!)
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    ids.add(n === 0 ? base : `${base}-${n}`)
  }
  return ids
}

/** The links of a page outside fenced code: [text](target), target without its title. */
function links(text: string): string[] {
  const out: string[] = []
  let fenced = false
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced
    if (fenced) continue
    for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push(m[1]!)
  }
  return out
}

describe('documentation links', () => {
  it('resolves every relative link and anchor', () => {
    const broken: string[] = []
    for (const page of pages()) {
      const text = readFileSync(join(ROOT, page), 'utf8')
      for (const link of links(text)) {
        if (/^[a-z]+:/i.test(link)) continue // http(s), mailto
        const [path, anchor] = link.split('#') as [string, string | undefined]
        const target = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), decodeURIComponent(path))
        if (!existsSync(target)) {
          broken.push(`${page}: ${link} (no file ${relative(ROOT, target)})`)
          continue
        }
        if (anchor === undefined || statSync(target).isDirectory() || !target.endsWith('.md')) continue
        if (!anchors(readFileSync(target, 'utf8')).has(decodeURIComponent(anchor)))
          broken.push(`${page}: ${link} (no heading #${anchor} in ${relative(ROOT, target)})`)
      }
    }
    expect(broken).toEqual([])
  })

  it('makes GitHub heading ids, Chinese and punctuation included', () => {
    expect(slug('Where the sandbox decides')).toBe('where-the-sandbox-decides')
    expect(slug('三方码 SPI')).toBe('三方码-spi')
    expect(slug('Official SDK (Node)')).toBe('official-sdk-node')
    expect(anchors('# A\n## A\n```\n# not a heading\n```\n').has('a-1')).toBe(true)
  })
})
