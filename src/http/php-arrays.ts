/**
 * Query-string arrays as PHP (http_build_query) and some Java clients send them: `poi_ids[0]=1&poi_ids[1]=2`
 * or `poi_ids[]=1`, and values written as lists (`poi_ids=[1,2]`, the form of 验券历史查询's request example).
 * The platform's list parameters are comma-separated (the SDKs join arrays with commas), so each is read as
 * `poi_ids=1,2` instead of being ignored.
 */
import type { Context, Next } from 'hono'
import type { Env } from './env.js'

const ARRAY_KEY = /^([^[\]]+)\[(\d*)\]$/
const LIST_VALUE = /^\[(.*)\]$/

/** The search string with array-encoded parameters joined by commas; undefined when there is none. */
export function joinArrayParams(search: string): string | undefined {
  if (!search.includes('[') && !search.includes('%5B')) return undefined
  const params = new URLSearchParams(search)
  const out = new URLSearchParams()
  const lists = new Map<string, Array<{ index: number; value: string }>>()
  let changed = false
  for (const [key, value] of params) {
    const m = ARRAY_KEY.exec(key)
    const list = LIST_VALUE.exec(value.trim())
    if (m) {
      const entries = lists.get(m[1]!) ?? []
      entries.push({ index: m[2] === '' ? entries.length : Number(m[2]), value })
      lists.set(m[1]!, entries)
      changed = true
    } else if (list && key.endsWith('_ids')) {
      const items = list[1]!.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
      out.append(key, items.filter(Boolean).join(','))
      changed = true
    } else out.append(key, value)
  }
  for (const [name, entries] of lists)
    out.append(
      name,
      [...entries]
        .sort((a, b) => a.index - b.index)
        .map((e) => e.value)
        .join(','),
    )
  return changed ? out.toString() : undefined
}

/** Middleware: rewrites the request's query when it carries array-encoded parameters. */
export function phpArrayQuery() {
  return async (c: Context<Env>, next: Next) => {
    const url = new URL(c.req.url)
    const joined = c.req.method === 'GET' ? joinArrayParams(url.search.slice(1)) : undefined
    if (joined !== undefined) {
      url.search = joined
      c.req.raw = new Request(url, c.req.raw)
    }
    await next()
  }
}
