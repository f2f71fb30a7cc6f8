/**
 * What the server answers below the app, on a real port: malformed HTTP gets the platform's error envelope and a
 * closed connection (never Node's empty 400, never a hang); an oversize declared body is refused at once.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSandbox } from './helpers/harness.js'
import { listen } from './helpers/server.js'
import { errorText } from './helpers/errors.js'

let server: Awaited<ReturnType<typeof listen>>
beforeAll(async () => {
  server = await listen((await makeSandbox({ bodyLimit: 4096 })).sandbox)
})
afterAll(async () => {
  await server?.close()
})

/** Sends raw bytes; resolves with what came back and whether the server closed the connection within 10 s. */
function exchange(text: string): Promise<{ answer: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text))
    let answer = ''
    const timer = setTimeout(() => {
      socket.destroy()
      resolve({ answer, closed: false })
    }, 10_000)
    socket.on('data', (d) => (answer += d))
    socket.on('error', () => undefined) // a reset after the answer still counts as closed
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ answer, closed: true })
    })
  })
}

function parse(answer: string): { status: number; body: { data: { error_code: number; description: string } } } {
  const [head, body = ''] = answer.split('\r\n\r\n', 2)
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head ?? '')?.[1]), body: JSON.parse(body) }
}

const HOST = 'Host: 127.0.0.1\r\n'
const JSON_POST = `POST /sandbox/clock/advance HTTP/1.1\r\n${HOST}Content-Type: application/json\r\n`

describe('malformed HTTP', () => {
  const cases: Array<[string, string, number, string]> = [
    ['a bad method', `FO(O /sandbox/health HTTP/1.1\r\n${HOST}\r\n`, 400, 'the request method is not an HTTP method'],
    ['a bare LF', `GET /sandbox/health HTTP/1.1\n${HOST}\r\n`, 400, 'ended by CRLF'],
    ['a CR inside a header', `GET /sandbox/health HTTP/1.1\r\n${HOST}X-A: a\rb\r\n\r\n`, 400, 'bare LF or CR'],
    ['a folded header', `GET /sandbox/health HTTP/1.1\r\n${HOST}X-A: a\r\n  b\r\n\r\n`, 400, 'a folded line'],
    [
      'Content-Length with Transfer-Encoding',
      `${JSON_POST}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      400,
      'Transfer-Encoding comes with a Content-Length',
    ],
    ['two Content-Lengths', `${JSON_POST}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400, 'given twice'],
    ['a 20 KB URL', `GET /sandbox/health?x=${'a'.repeat(20_000)} HTTP/1.1\r\n${HOST}\r\n`, 431, 'larger than 16 KB'],
    ['no Host header', 'GET /sandbox/health HTTP/1.1\r\n\r\n', 400, 'the request has no Host header'],
    ['OPTIONS *', `OPTIONS * HTTP/1.1\r\n${HOST}\r\n`, 400, 'the request target is not a path starting with "/"'],
    [
      'CONNECT',
      `CONNECT 127.0.0.1:443 HTTP/1.1\r\n${HOST}\r\n`,
      405,
      'CONNECT is not served: the sandbox is not a proxy',
    ],
  ]
  for (const [name, text, status, words] of cases)
    it(`answers ${name} with HTTP ${status}, the envelope naming the problem, and a closed connection`, async () => {
      const r = await exchange(text)
      expect(r.closed).toBe(true)
      const a = parse(r.answer)
      expect(a.status).toBe(status)
      expect(a.body.data.error_code).toBe(2100005)
      expect(errorText(a.body)).toContain(words)
    })
})

describe('declared body size', () => {
  it('refuses a Content-Length over the limit at once, before the body is sent, and closes', async () => {
    const r = await exchange(`${JSON_POST}Content-Length: 10000000\r\n\r\n{"sec`) // the body never follows
    expect(r.closed).toBe(true)
    const a = parse(r.answer)
    expect(a.status).toBe(413)
    expect(errorText(a.body)).toContain('参数不合法: request body is larger than the limit of 4096 bytes (BODY_LIMIT)')
  })

  it('answers Expect: 100-continue with 413 for an oversize length, and with 100 Continue otherwise', async () => {
    const over = await exchange(`${JSON_POST}Content-Length: 10000000\r\nExpect: 100-continue\r\n\r\n`)
    expect(over.answer).not.toContain('100 Continue')
    expect(parse(over.answer).status).toBe(413)
    const fine = await exchange(
      `${JSON_POST}Content-Length: 13\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n{"seconds":1}`,
    )
    expect(fine.answer.startsWith('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK')).toBe(true)
    expect(JSON.parse(fine.answer.slice(fine.answer.indexOf('{'))).data.error_code).toBe(0)
  })
})
