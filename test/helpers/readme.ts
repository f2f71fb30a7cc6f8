/**
 * The user documentation as the tests read it: README.md and every page under docs/. Runnable examples are the
 * fenced blocks right after a `<!-- example: FILE -->` line, in whichever page they stand.
 */
import { readdirSync, readFileSync } from 'node:fs'

const ROOT = new URL('../../', import.meta.url)

/** README.md, then docs/*.md in name order: path relative to the repository → text. */
export function userDocs(): Map<string, string> {
  const pages = [
    'README.md',
    ...readdirSync(new URL('docs/', ROOT))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ]
  return new Map(pages.map((p) => [p, readFileSync(new URL(p, ROOT), 'utf8')]))
}

/** Every page's text in one string (for "the docs say so" checks). */
export function userDocsText(): string {
  return [...userDocs().values()].join('\n')
}

export function readmeExamples(): Map<string, string> {
  const out = new Map<string, string>()
  for (const [page, text] of userDocs())
    for (const m of text.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)) {
      if (out.has(m[1]!)) throw new Error(`example ${m[1]} is defined twice (again in ${page})`)
      out.set(m[1]!, `${m[2]!}\n`)
    }
  return out
}
