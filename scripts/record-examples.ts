/**
 * `npm run openapi:examples`: runs the test suites with RECORD_EXAMPLES set (every successful answer seen
 * through the harness is recorded with its request), keeps one exchange per operation in
 * openapi/examples.json, and rewrites openapi/openapi.json with them.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RecordedExample } from '../src/docs/examples.js'

/** The richest answer up to this size is kept (a list with items rather than an empty one); else the smallest. */
const MAX_CHARS = 6000
const DIR = '.examples-run'
const root = new URL('../', import.meta.url)

interface Line {
  method: string
  path: string
  header: Record<string, string>
  body: unknown
  answer: unknown
}

rmSync(new URL(DIR, root), { recursive: true, force: true })
// `npm run openapi:examples -- test/some.test.ts` records from those files only
const files = process.argv.slice(2)
spawnSync('node_modules/.bin/vitest', ['run', ...(files.length > 0 ? files : ['test/'])], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, RECORD_EXAMPLES: join(root.pathname, DIR) },
})
const doc = JSON.parse(readFileSync(new URL('openapi/openapi.json', root), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string }>>
}
const templates = Object.entries(doc.paths).map(([p, item]) => ({
  item,
  names: [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
  re: new RegExp(`^${p.replace(/\{[^}]+\}/g, '([^/]+)').replace(/\/$/, '')}/?$`),
}))

const best = new Map<string, { size: number; example: RecordedExample }>()
for (const file of readdirSync(new URL(DIR, root))) {
  for (const text of readFileSync(new URL(`${DIR}/${file}`, root), 'utf8').split('\n')) {
    if (!text) continue
    const line = JSON.parse(text) as Line
    const url = new URL(line.path, 'http://x')
    const t = templates.find((c) => c.re.test(url.pathname) && c.item[line.method.toLowerCase()])
    if (!t) continue
    const id = t.item[line.method.toLowerCase()]!.operationId
    const m = t.re.exec(url.pathname)!
    const request: RecordedExample['request'] = {}
    if (t.names.length > 0) request.path = Object.fromEntries(t.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]))
    if (url.search) request.query = Object.fromEntries(url.searchParams)
    if (Object.keys(line.header).length > 0) request.header = line.header
    if (line.body !== undefined && line.method !== 'GET') request.body = line.body
    const size = text.length
    const prev = best.get(id)
    const better = !prev || (size <= MAX_CHARS ? prev.size > MAX_CHARS || size > prev.size : size < prev.size)
    if (better) best.set(id, { size, example: { request, response: line.answer } })
  }
}
// operations no suite reached this time keep their earlier example (a run of some test files only adds)
const earlier = JSON.parse(readFileSync(new URL('openapi/examples.json', root), 'utf8')) as Record<
  string,
  RecordedExample
>
for (const [id, example] of Object.entries(earlier)) if (!best.has(id)) best.set(id, { size: 0, example })
const sorted = Object.fromEntries(
  [...best.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.example]),
)
writeFileSync(new URL('openapi/examples.json', root), `${JSON.stringify(sorted, null, 2)}\n`)
spawnSync('node_modules/.bin/tsx', ['scripts/gen-openapi.ts'], { stdio: 'inherit', cwd: root })
rmSync(new URL(DIR, root), { recursive: true, force: true })
process.stdout.write(`examples of ${best.size} operations in openapi/examples.json\n`)
