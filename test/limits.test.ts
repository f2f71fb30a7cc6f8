/**
 * The request limits of the real entry point (issue 9), seen from raw sockets: a client that never finishes
 * sending its request is cut off after --request-timeout while other connections are served, and a body over
 * --body-limit gets the platform's envelope.
 */
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMain } from './helpers/process.js'
import { errorText } from './helpers/errors.js'

const REQUEST_TIMEOUT_S = 1
const BODY_LIMIT = 4096

interface Connection {
  socket: Socket
  /** everything the server sent so far, one character per byte (latin1) so lengths are byte counts */
  received: () => string
  /** whether the server has closed the connection yet */
  isClosed: () => boolean
  /** resolves with the milliseconds from connecting to the close */
  closed: Promise<number>
}

interface Answer {
  status: number
  body: string
}

// one process for the file: these tests only read, and starting main through tsx costs about a second
let running: Awaited<ReturnType<typeof startMain>>
let port: number
beforeAll(async () => {
  running = await startMain([
    '--memory',
    '--port',
    '0',
    '--log-level',
    'error',
    '--request-timeout',
    String(REQUEST_TIMEOUT_S),
    '--body-limit',
    String(BODY_LIMIT),
  ])
  port = Number(new URL(running.url).port)
})
afterAll(async () => {
  expect(await running.stop()).toBe(0)
})

/** Opens a raw TCP connection to the sandbox. */
async function open(): Promise<Connection> {
  const socket = connect({ host: '127.0.0.1', port })
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  const start = performance.now()
  let received = ''
  let closed = false
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')))
  socket.on('error', () => undefined) // a reset counts as a close
  return {
    socket,
    received: () => received,
    isClosed: () => closed,
    closed: new Promise((resolve) =>
      socket.once('close', () => {
        closed = true
        resolve(performance.now() - start)
      }),
    ),
  }
}

/** Writes one request on the connection and reads its whole answer (by content-length or chunked framing). */
function exchange(conn: Connection, request: string): Promise<Answer> {
  const from = conn.received().length
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const text = conn.received().slice(from)
      const headEnd = text.indexOf('\r\n\r\n')
      if (headEnd < 0) return
      const head = text.slice(0, headEnd)
      const rest = text.slice(headEnd + 4)
      const length = /\r\ncontent-length: *(\d+)/i.exec(head)
      let body: string | undefined
      if (length) body = rest.length >= Number(length[1]) ? rest.slice(0, Number(length[1])) : undefined
      else if (/\r\ntransfer-encoding: *chunked/i.test(head))
        body = rest.endsWith('0\r\n\r\n') ? dechunk(rest) : undefined
      if (body === undefined) return
      conn.socket.off('data', check)
      resolve({ status: Number(head.split(' ')[1]), body: Buffer.from(body, 'latin1').toString('utf8') })
    }
    conn.socket.on('data', check)
    void conn.closed.then(() =>
      reject(new Error(`connection closed before a whole answer: ${conn.received().slice(from)}`)),
    )
    conn.socket.write(request)
  })
}

function dechunk(text: string): string {
  let out = ''
  for (let i = 0; ;) {
    const lineEnd = text.indexOf('\r\n', i)
    const size = parseInt(text.slice(i, lineEnd), 16)
    if (size === 0) return out
    out += text.slice(lineEnd + 2, lineEnd + 2 + size)
    i = lineEnd + 2 + size + 2
  }
}

const post = (path: string, body: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`

describe('request limits of the real server', () => {
  it('cuts off clients that stall in their body or headers with 408, while another connection is served', async () => {
    const slowBody = await open()
    slowBody.socket.write(
      `POST /sandbox/tenants HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"client_key":"slo`,
    )
    const slowHeaders = await open()
    slowHeaders.socket.write('GET /sandbox/tenants HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1')
    const normal = await open()

    const first = await exchange(normal, get('/sandbox/tenants'))
    expect(first.status).toBe(200)
    expect(slowBody.isClosed()).toBe(false)
    expect(slowHeaders.isClosed()).toBe(false)

    for (const slow of [slowBody, slowHeaders]) {
      const after = await slow.closed
      expect(after).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_S * 1000 - 100)
      expect(after).toBeLessThan(REQUEST_TIMEOUT_S * 1000 + 2000)
      expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /)
    }
    // the keep-alive connection, idle for longer than the timeout between requests, is still served
    const second = await exchange(normal, get('/sandbox/tenants'))
    expect(second.status).toBe(200)
    expect(JSON.parse(second.body).data.tenants.length).toBeGreaterThan(0)
    expect(normal.isClosed()).toBe(false)
    normal.socket.destroy()
  })

  it('accepts a body of exactly --body-limit bytes and answers one byte more with 413 and the envelope', async () => {
    const conn = await open()
    // JSON padded with whitespace, so the exact size is valid for the route
    const padded = (size: number) => '{"seconds":1}'.padEnd(size, ' ')
    const fits = await exchange(conn, post('/sandbox/clock/advance', padded(BODY_LIMIT)))
    expect(fits.status).toBe(200)
    expect(JSON.parse(fits.body).data.error_code).toBe(0)

    const over = await exchange(conn, post('/sandbox/clock/advance', padded(BODY_LIMIT + 1)))
    expect(over.status).toBe(413)
    const envelope = JSON.parse(over.body) as {
      data: { error_code: number; description: string }
      extra: { error_code: number; sub_description: string }
    }
    expect(envelope.data.error_code).toBe(2100005)
    expect(errorText(envelope)).toBe(
      `参数不合法: request body is larger than the limit of ${BODY_LIMIT} bytes (BODY_LIMIT)`,
    )
    expect(envelope.extra.error_code).toBe(2100005)
    conn.socket.destroy()
  })
})
