/** What the webhook control plane does and the codes it answers (OpenAPI document). */
import { defineOpDocs } from '../http/op-docs.js'

export const webhooksDocs = defineOpDocs({
  sandboxPutWebhook: {
    description:
      "Registers the tenant's webhook URL after the platform's verify_webhook challenge (unless skip_challenge=true); events waiting in the outbox start going out.",
    errors: { 3000001: 'the URL did not answer the challenge with {"challenge": <the number sent>}' },
  },
  sandboxGetWebhook: { description: 'Reads the webhook URL and the counts of the outbox. Changes nothing.' },
  sandboxDeleteWebhook: { description: 'Forgets the webhook URL; events wait in the outbox until one is registered.' },
  sandboxWebhookOutbox: {
    description:
      'Lists the events not yet delivered (pending, blocked behind an earlier event of their entity, or given up), oldest first. Changes nothing.',
  },
  sandboxEmitWebhook: {
    description:
      'Queues a catalogue event with the given content by hand, to try a receiver; it is delivered like any other.',
    errors: {},
  },
  sandboxWebhookDeliveries: {
    description:
      'Lists the delivery attempts (request, status, response excerpt, latency, error), newest first. Changes nothing.',
    errors: {},
    params: { status: 'delivered or failed', limit: 'attempts to answer, newest first' },
  },
  sandboxRedeliverWebhook: {
    description:
      "Sends a logged attempt's event again now (same body and Msg-Id); on a 2xx a pending or given-up event counts as delivered and its entity's held events go on.",
    errors: { 4000001: 'no delivery with that id', 4000002: 'no webhook URL is registered' },
  },
  sandboxRedeliverOutboxEvent: {
    description:
      "Sends an undelivered event now, once; on a 2xx it is delivered and its entity's held events follow in order.",
    errors: {
      4000001: 'no undelivered event with that id',
      4000002: 'no webhook URL is registered, or the event waits behind an earlier event of its entity',
    },
  },
  sandboxDiscardOutboxEvent: {
    description: "Removes an undelivered event without sending it; its entity's held events go on.",
    errors: { 4000001: 'no undelivered event with that id' },
  },
})
