/** ⑧ The request journal (fetched with its full detail: headers, bodies, answers) and the fault rules. */
import { control } from './api.js'
import { $, draw, isOpen, show } from './dom.js'
import { bj, headerLines, pretty } from './format.js'
import type { ConsoleState, JournalEntry } from './types.js'

const Entry = ({ j }: { j: JournalEntry }) => (
  <details data-key={'j' + j.seq} open={isOpen('j' + j.seq)}>
    <summary>
      <span class={j.error_code ? 'bad' : 'ok'}>{j.status}</span> {j.method + ' ' + j.path}{' '}
      <small>
        {(j.error_code !== null ? `error_code ${j.error_code} · ` : '') + `${j.latency_ms} ms · ${bj(j.virtual_time)}`}
      </small>
    </summary>
    {j.query ? (
      <p>
        query: <code>{decodeURIComponent(j.query)}</code>
      </p>
    ) : null}
    <p>logid {j.logid}</p>
    <h4>请求头</h4>
    <pre>{headerLines(j.request_headers)}</pre>
    {j.body ? (
      <>
        <h4>请求体</h4>
        <pre>{pretty(j.body)}</pre>
      </>
    ) : null}
    <h4>应答体</h4>
    <pre>{pretty(j.response_body)}</pre>
  </details>
)

export async function journalPart(): Promise<void> {
  const jr = await control<{ entries?: JournalEntry[] }>('GET', '/sandbox/journal?limit=40')
  if (jr && jr.entries)
    show('journal', jr.entries, (rows) =>
      draw(
        'journal',
        rows.length ? (
          <>
            {rows.map((j) => (
              <Entry j={j} />
            ))}
          </>
        ) : (
          <small>没有请求</small>
        ),
      ),
    )
}

export function faultsPart(s: ConsoleState): void {
  show('faults', s.faults, (rows) => {
    $('faults').textContent = rows.length ? rows.map((f) => JSON.stringify(f)).join('\n') : '没有故障注入规则'
  })
}
