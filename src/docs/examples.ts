/**
 * Request and success examples of every operation, recorded from real answers of the sandbox (frozen clock,
 * fixed seed) of the test suites by `npm run openapi:examples` into openapi/examples.json: operationId → {request, response}.
 */
import { readFileSync } from 'node:fs'
import { packageFile } from '../core/package-files.js'

export interface RecordedRequest {
  path?: Record<string, string>
  query?: Record<string, string>
  header?: Record<string, string>
  body?: unknown
}
export interface RecordedExample {
  request: RecordedRequest
  response: unknown
}
export type RecordedExamples = Record<string, RecordedExample>

let cached: RecordedExamples | undefined

/** The recorded examples shipped with the package (empty when the file is missing). */
export function recordedExamples(): RecordedExamples {
  if (cached) return cached
  try {
    cached = JSON.parse(readFileSync(packageFile('openapi/examples.json'), 'utf8')) as RecordedExamples
  } catch {
    cached = {}
  }
  return cached
}
