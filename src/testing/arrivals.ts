/**
 * What a receiver records, typed per event: a webhook's `content` is parsed from its JSON string and typed from
 * the event catalogue the sandbox builds its events with; an SPI call's body is typed per SPI. Check `event`
 * (or `kind`) and the rest narrows, so `hook.content.order.order_id` needs no cast.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { SpiRequests } from '../spi/spi.requests.js'
import type { EventContent, EventName } from '../webhooks/webhooks.events.js'

export type { EventContent, EventName }
export type {
  IssueCodeRequest,
  PreCreateOrderRequest,
  RefundApplyRequest,
  RefundNoticeRequest,
  SpiRequests,
} from '../spi/spi.requests.js'

/** The SPI names: the last segment of the SPI URL the platform calls (`${receiver.spiBase}/issue_code`). */
export type SpiName = keyof SpiRequests

interface ArrivalBase {
  /** the request path, e.g. /webhook or /spi/issue_code */
  path: string
  headers: IncomingHttpHeaders
  /** the raw body */
  body: string
  /** the signature matched the secret trusted for the sender's client_key (always true for the challenge) */
  signature_ok: boolean
}

/** A webhook's body as sent: `content` is a JSON string (parsed into the arrival's `content`). */
export interface WebhookBody<E extends EventName = EventName> {
  event: E
  client_key: string
  from_user_id: string
  to_user_id?: string
  content: string
  log_id: string
  msg_id: string
}

/** A webhook of event E (a union over every event when E is left out). */
export type WebhookArrival<E extends EventName = EventName> = E extends EventName
  ? ArrivalBase & { kind: 'webhook'; event: E; content: EventContent<E>; json: WebhookBody<E> }
  : never

/** The challenge the platform sends when a webhook URL is set; the receiver answers it. */
export interface ChallengeArrival extends ArrivalBase {
  kind: 'challenge'
  event: 'verify_webhook'
  content: { challenge: number }
  json: { event: 'verify_webhook'; client_key: string; content: { challenge: number } }
}

/** A call of SPI S (a union over every SPI when S is left out); `content` and `json` are its body. */
export type SpiArrival<S extends SpiName = SpiName> = S extends SpiName
  ? ArrivalBase & { kind: 'spi'; event: S; content: SpiRequests[S]; json: SpiRequests[S] }
  : never

/** Anything the receiver recorded: narrow on `event` or `kind`. */
export type Arrival = WebhookArrival | ChallengeArrival | SpiArrival
/** Every name `waitFor` takes: the webhook events, verify_webhook and the SPI names. */
export type ArrivalEvent = Arrival['event']
/** The arrival of one event or SPI name. */
export type ArrivalOf<E extends ArrivalEvent> = Extract<Arrival, { event: E }>
