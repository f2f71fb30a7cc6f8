/** ⑦ Webhooks: the target address, undelivered events, deliveries with headers, signature, bodies and answers. */
import { control } from './api.js'
import { draw, isOpen, note, show, valueOf, $ } from './dom.js'
import { bj, headerLines, name, pretty, prettyEvent } from './format.js'
import { table } from './table.js'
import type { Actions, ConsoleState, Delivery, OutboxEvent } from './types.js'

export const webhookActions: Actions = {
  redeliverEvent: async (el) =>
    note('重新投递 ' + el.dataset.id, await control('POST', `/sandbox/webhooks/outbox/${el.dataset.id}/redeliver`)),
  discardEvent: async (el) =>
    note('丢弃 ' + el.dataset.id, await control('POST', `/sandbox/webhooks/outbox/${el.dataset.id}/discard`)),
  resend: async (el) =>
    note('重发 ' + el.dataset.id, await control('POST', `/sandbox/webhooks/deliveries/${el.dataset.id}/redeliver`)),
  hook: async () => {
    const skip = $<HTMLInputElement>('hook-skip').checked ? '?skip_challenge=true' : ''
    note('设置 Webhook 地址', await control('PUT', '/sandbox/webhooks' + skip, { url: valueOf('hook-url') }))
  },
}

const EventButtons = ({ e }: { e: OutboxEvent }) => (
  <>
    {e.status === 'failed' ? (
      <button data-act="redeliverEvent" data-id={e.event_id}>
        重新投递
      </button>
    ) : null}
    {e.status === 'pending' ? null : (
      <button data-act="discardEvent" data-id={e.event_id}>
        丢弃
      </button>
    )}
  </>
)

const outbox = (rows: OutboxEvent[]) =>
  table<OutboxEvent>(
    'outbox',
    [
      [
        '事件',
        (e) => (
          <>
            {e.event}
            <br />
            <small>{e.event_id}</small>
          </>
        ),
      ],
      ['对象', (e) => e.entity],
      [
        '状态',
        (e) => <span class={e.status === 'pending' ? '' : 'bad'}>{`${name('outbox', e.status)} ${e.status}`}</span>,
      ],
      ['尝试', (e) => String(e.attempts)],
      ['原因', (e) => e.given_up_reason || (e.blocked_by ? '等待 ' + e.blocked_by : e.last_error || '')],
      ['', (e) => <EventButtons e={e} />],
    ],
    rows,
    '没有未送达的事件',
  )

export const outboxPart = (s: ConsoleState): void => show('outbox', s.outbox, outbox)

const Attempt = ({ d }: { d: Delivery }) => {
  const when = d.given_up ? null : d.retry_at ? ' · 重试于 ' + bj(d.retry_at) : ''
  const headers = d.request.headers
  const delivered = d.outcome === 'delivered'
  return (
    <details data-key={'d' + d.delivery_id} open={isOpen('d' + d.delivery_id)}>
      <summary>
        <span class={delivered ? 'ok' : 'bad'}>{delivered ? '✓' : '✗'}</span> {d.event}{' '}
        <small>
          {`第 ${d.attempt} 次${d.redelivery ? '（重发）' : ''} · ${d.status ?? d.error ?? ''}`}
          {when === null ? (
            <>
              {' · '}
              <b class="bad">已放弃</b>
            </>
          ) : (
            when
          )}
          {' · ' + bj(d.virtual_time)}
        </small>
      </summary>
      <p>{`POST ${d.url} · ${d.latency_ms} ms · msg_id ${d.msg_id}`}</p>
      <p>
        签名 X-Douyin-Signature：
        <code class="sig">{headers['x-douyin-signature'] || headers['x-life-sign'] || '（无）'}</code>
      </p>
      <h4>请求头</h4>
      <pre>{headerLines(headers)}</pre>
      <h4>请求体</h4>
      <pre>{prettyEvent(d.request.body)}</pre>
      <h4>应答 {d.status ?? ''}</h4>
      <pre>{(d.error ? '错误：' + d.error + '\n' : '') + pretty(d.response_excerpt)}</pre>
      <button data-act="resend" data-id={d.delivery_id}>
        重发
      </button>
    </details>
  )
}

export const deliveriesPart = (s: ConsoleState): void =>
  show('deliveries', s.deliveries, (rows) =>
    draw(
      'deliveries',
      rows.length ? (
        <>
          {rows.map((d) => (
            <Attempt d={d} />
          ))}
        </>
      ) : (
        <small>没有投递记录（设置 Webhook 地址后，事件会推送过去）</small>
      ),
    ),
  )
