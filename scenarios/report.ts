/** A scenario run as the report `douyin-sandbox check` writes, so its reporters (text, JUnit XML, JSON) serve both. */
import type { CheckReport } from '../src/check/check.types.js'
import type { RunReport } from './runner.js'

export function scenarioReport(
  run: RunReport,
  where: { target: string | undefined; spi: string | undefined; clientKey: string | undefined; startedAt: string },
): CheckReport {
  const results = run.results.map((r) => ({
    id: r.name,
    group: 'scenario',
    title: r.description,
    status: r.status === 'skipped' ? ('not_applicable' as const) : r.status,
    message: r.message || 'passed',
    exchanges: [],
    duration_ms: r.duration_ms,
  }))
  return {
    kind: 'scenario',
    target: where.target ?? 'the built-in reference merchant',
    spi: where.spi ?? null,
    client_key: where.clientKey ?? 'a fresh tenant per scenario',
    started_at: where.startedAt,
    duration_ms: results.reduce((t, r) => t + r.duration_ms, 0),
    passed: run.passed,
    failed: run.failed,
    not_applicable: run.skipped,
    results,
  }
}
