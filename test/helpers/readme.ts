/** The README's runnable examples: each fenced block right after a `<!-- example: FILE -->` line. */
import { readFileSync } from 'node:fs'

export function readmeExamples(): Map<string, string> {
  const text = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const out = new Map<string, string>()
  for (const m of text.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)) out.set(m[1]!, `${m[2]!}\n`)
  return out
}
