/** The ceiling: bare Hono on @hono/node-server answering a small JSON. */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.all('*', (c) => c.json({ data: { error_code: 0, description: 'success' } }))
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
  process.stdout.write(`READY http://127.0.0.1:${info.port}\n`),
)
