/**
 * The report as text for people, JUnit XML for CI test reporters (Jenkins, GitLab, GitHub: testsuites /
 * testsuite / testcase with failure or skipped), or JSON.
 */
import type { CheckReport, CheckResult, Exchange } from './check.types.js'

export const REPORTERS = ['text', 'junit', 'json'] as const
export type ReporterName = (typeof REPORTERS)[number]

const MARK = { passed: '✓', failed: '✗', not_applicable: '○' } as const
const BODY_CHARS = 300

const clip = (s: string, n = BODY_CHARS): string => (s.length > n ? `${s.slice(0, n)}…` : s)

/** What was sent and what came back, one exchange per few lines. */
function describeExchange(x: Exchange): string[] {
  const headers = Object.entries(x.sent.headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ')
  const answer = x.status === null ? `no answer (${x.error ?? ''})` : `HTTP ${x.status} ${clip(x.response)}`
  return [
    `${x.note}:`,
    `  sent:     ${x.sent.method} ${x.sent.url}`,
    `            ${headers}`,
    `            ${clip(x.sent.body)}`,
    `  answered: ${answer} (${x.ms} ms)`,
  ]
}

function summary(r: CheckReport): string {
  return `${r.results.length} checks: ${r.passed} passed, ${r.failed} failed, ${r.not_applicable} not applicable`
}

export function textReport(r: CheckReport): string {
  const lines = [`${toolOf(r)}: webhook ${r.target}${r.spi ? `, SPI ${r.spi}` : ''} (tenant ${r.client_key})`]
  for (const c of r.results) {
    lines.push(`${MARK[c.status]} ${c.id} — ${c.title}`)
    const why = c.status === 'not_applicable' ? `not applicable: ${c.message}` : c.message
    lines.push(`    ${why}`)
    if (c.status === 'failed') for (const x of c.exchanges) lines.push(...describeExchange(x).map((l) => `      ${l}`))
  }
  lines.push('', summary(r))
  return `${lines.join('\n')}\n`
}

export function jsonReport(r: CheckReport): string {
  return `${JSON.stringify(r, null, 2)}\n`
}

/** Text as XML character data or attribute value: escaped, characters XML 1.0 forbids dropped. */
export function xmlText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3)

/** The tool that made the report, as CI shows it: "douyin-sandbox check" or "douyin-sandbox scenario". */
const toolOf = (r: CheckReport): string => `douyin-sandbox ${r.kind ?? 'check'}`

/**
 * The test case's class: the check's group (douyin-sandbox.check.webhook), or for a scenario run the scenario
 * itself (douyin-sandbox.scenario.product-audit), which CI reporters list it under.
 */
const classnameOf = (r: CheckReport, c: CheckResult): string =>
  r.kind === 'scenario' ? `douyin-sandbox.scenario.${c.id}` : `douyin-sandbox.check.${c.group}`

function testcase(r: CheckReport, c: CheckResult): string[] {
  const head = `    <testcase classname="${xmlText(classnameOf(r, c))}" name="${xmlText(`${c.id}: ${c.title}`)}" time="${seconds(c.duration_ms)}"`
  const detail = c.exchanges.flatMap(describeExchange).join('\n')
  if (c.status === 'passed') return [`${head}/>`]
  if (c.status === 'not_applicable')
    return [`${head}>`, `      <skipped message="${xmlText(`not applicable: ${c.message}`)}"/>`, '    </testcase>']
  return [
    `${head}>`,
    `      <failure message="${xmlText(c.message)}" type="CheckFailed">${xmlText(`${c.message}\n${detail}`)}</failure>`,
    '    </testcase>',
  ]
}

export function junitReport(r: CheckReport): string {
  const groups = [...new Set(r.results.map((c) => c.group))]
  const caseMs = (cs: CheckReport['results']) => cs.reduce((t, c) => t + c.duration_ms, 0)
  const suites = groups.map((g) => {
    const cs = r.results.filter((c) => c.group === g)
    const failures = cs.filter((c) => c.status === 'failed').length
    const skipped = cs.filter((c) => c.status === 'not_applicable').length
    const time = caseMs(cs)
    return [
      `  <testsuite name="${xmlText(`${toolOf(r)}: ${g}`)}" tests="${cs.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(time)}" timestamp="${r.started_at.slice(0, 19)}">`,
      `    <properties>`,
      `      <property name="target" value="${xmlText(r.target)}"/>`,
      `      <property name="spi" value="${xmlText(r.spi ?? '')}"/>`,
      `      <property name="client_key" value="${xmlText(r.client_key)}"/>`,
      `    </properties>`,
      ...cs.flatMap((c) => testcase(r, c)),
      '  </testsuite>',
    ]
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // the sum of the suites' times, as JUnit readers add them up: checks share deliveries and waits, so their
    // times overlap and the sum can exceed the run's wall clock (which the JSON report's duration_ms gives)
    `<testsuites name="${toolOf(r)}" tests="${r.results.length}" failures="${r.failed}" errors="0" skipped="${r.not_applicable}" time="${seconds(caseMs(r.results))}">`,
    ...suites.flat(),
    '</testsuites>',
    '',
  ].join('\n')
}

export function renderReport(r: CheckReport, reporter: ReporterName): string {
  if (reporter === 'junit') return junitReport(r)
  if (reporter === 'json') return jsonReport(r)
  return textReport(r)
}
