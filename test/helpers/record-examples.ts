/**
 * With RECORD_EXAMPLES=<dir>, every successful answer a suite sees through `api()` is appended, with its
 * request, to <dir>/<pid>.jsonl; `npm run openapi:examples` then picks one per operation for the document.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.env.RECORD_EXAMPLES

/** Records one exchange when recording is on and the answer is a success (HTTP 200, error_code 0). */
export function recordExchange(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
  status: number,
  answer: unknown,
): void {
  if (!dir || status !== 200) return
  const data = (answer as { data?: { error_code?: unknown } } | undefined)?.data
  if (data?.error_code !== 0) return
  let parsed: unknown
  try {
    parsed = body === undefined ? undefined : JSON.parse(body)
  } catch {
    return
  }
  mkdirSync(dir, { recursive: true })
  const header = Object.fromEntries(Object.entries(headers).filter(([k]) => /^x-sandbox-/i.test(k)))
  const line = JSON.stringify({ method, path, header, body: parsed, answer })
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${line}\n`)
}
